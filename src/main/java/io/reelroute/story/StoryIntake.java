package io.reelroute.story;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.reelroute.error.ErrorCode;
import io.reelroute.error.ReelrouteException;
import io.reelroute.files.BlobStore;
import io.reelroute.files.Workspace;
import io.reelroute.intake.InboxGroup;
import io.reelroute.intake.InboxIntake;
import io.reelroute.intake.Rejections;
import io.reelroute.job.InputResolver;
import io.reelroute.job.JobIds;
import io.reelroute.media.ImageInfo;
import io.reelroute.media.ImageInspector;
import io.reelroute.media.MediaProbe;
import io.reelroute.spec.SpecReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The inbox side of stories: reads a story file, keeps durable copies of the files it names (shot images,
 * references, soundtrack), prices it, records it with its whole estimate reserved, and archives the story file;
 * or sets it aside in rejected/ with the reason, having recorded and charged nothing.
 */
public final class StoryIntake {
    private static final Logger LOG = LoggerFactory.getLogger(StoryIntake.class);

    private final Workspace workspace;
    private final StoryReader reader;
    private final StoryPlanner planner;
    private final StoryStore stories;
    private final StoryReport report;
    private final ImageInspector images;
    private final MediaProbe probe;
    private final BlobStore blobs;
    private final Rejections rejections;
    private final JobIds ids;
    private final ObjectMapper json;
    private final String defaultUser;

    public StoryIntake(Workspace workspace, StoryReader reader, StoryPlanner planner, StoryStore stories,
                       StoryReport report, ImageInspector images, MediaProbe probe, BlobStore blobs,
                       Rejections rejections, JobIds ids, ObjectMapper json, String defaultUser) {
        this.workspace = workspace;
        this.reader = reader;
        this.planner = planner;
        this.stories = stories;
        this.report = report;
        this.images = images;
        this.probe = probe;
        this.blobs = blobs;
        this.rejections = rejections;
        this.ids = ids;
        this.json = json;
        this.defaultUser = defaultUser;
    }

    public StoryDraft toDraft(InboxGroup group) {
        Path file = group.primary();
        if (Files.isSymbolicLink(file)) {
            throw new ReelrouteException(ErrorCode.INVALID_INPUT, file.getFileName()
                    + " is a symbolic link; put the file itself in the inbox");
        }
        String name = file.getFileName().toString();
        StorySpec spec;
        try {
            spec = reader.read(Files.readAllBytes(file), SpecReader.Format.fromFileName(name), name);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        String userId = spec.userId() != null ? spec.userId() : defaultUser;
        return newDraft(group.source(), spec, workspace.inbox(), InboxIntake.intakeKey(group), userId);
    }

    /** A story draft with a new story id ({@code story-<time>-<random>}), for any intake channel. */
    public StoryDraft newDraft(String source, StorySpec spec, Path baseDir, String intakeKey, String userId) {
        return new StoryDraft(source, spec, baseDir, intakeKey, userId, "story-" + ids.next());
    }

    /** The story already recorded from these very files, when a crash came between recording and archiving. */
    public String recordedBefore(StoryDraft draft) {
        return stories.findUnarchivedIntake(draft.intakeKey()).map(StoryRecord::id).orElse(null);
    }

    /** Copies and inspects the story's files, prices every shot, then records the story and reserves its estimate. */
    public StoryDraft record(StoryDraft draft) {
        StoryPlan plan = planner.plan(draft.spec(), assets(draft));
        draft.planned(plan, toJson(draft.spec()), toJson(plan));
        stories.record(draft);
        report.write(draft.storyId());
        return draft;
    }

    public void archive(InboxGroup group, String storyId) {
        group.moveFilesTo(workspace.archive().resolve(storyId));
        stories.markInputsArchived(storyId);
    }

    /** The error path: a story recorded before the failure keeps going and its file is archived; others rejected. */
    public void setAside(InboxGroup group, Throwable error) {
        String recorded = Files.isRegularFile(group.primary())
                ? stories.findUnarchivedIntake(InboxIntake.intakeKey(group)).map(StoryRecord::id).orElse(null) : null;
        if (recorded != null) {
            LOG.warn("{} failed after its story {} was recorded; archiving its file, the story goes on", group,
                    recorded, error);
            archive(group, recorded);
        } else {
            rejections.reject(group, error);
        }
    }

    private Map<String, StoryPlan.Asset> assets(StoryDraft draft) {
        StorySpec spec = draft.spec();
        Map<String, StoryPlan.Asset> assets = new LinkedHashMap<>();
        for (int i = 0; i < spec.shots().size(); i++) {
            String image = spec.shots().get(i).image();
            String field = "shots[" + i + "].image";
            if (image != null) {
                assets.computeIfAbsent(image, p -> image(draft, field, p));
            }
        }
        for (StorySpec.Reference reference : StoryReferences.all(spec)) {
            if (reference.path() == null) {
                throw new ReelrouteException(ErrorCode.MISSING_INPUT, "reference '" + reference.id()
                        + "' has no path: each reference names its image", "keyframes.references");
            }
            assets.computeIfAbsent(reference.path(), p -> image(draft, "keyframes.references." + reference.id(), p));
        }
        if (spec.audio() != null) {
            Path file = localFile(draft, "audio", spec.audio());
            double seconds = probe.audioSeconds(file, "audio");
            BlobStore.Blob blob = blobs.put(file);
            assets.put(spec.audio(), new StoryPlan.Asset(blob.path().toString(), blob.sha256(), null, null, seconds));
        }
        return assets;
    }

    private StoryPlan.Asset image(StoryDraft draft, String field, String path) {
        Path file = localFile(draft, field, path);
        ImageInfo info = images.inspect(file, field);
        BlobStore.Blob blob = blobs.put(file);
        return new StoryPlan.Asset(blob.path().toString(), blob.sha256(), info.width(), info.height(), null);
    }

    private static Path localFile(StoryDraft draft, String field, String value) {
        if (value.contains("://")) {
            throw new ReelrouteException(ErrorCode.INVALID_INPUT, field + " '" + value + "': a story's files are"
                    + " files inside the inbox (a shot starts from the last frame of the one before, which must be"
                    + " a local file too), not URLs", field);
        }
        return InputResolver.localFile(draft.baseDir(), field, value);
    }

    private String toJson(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
