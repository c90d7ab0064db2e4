package io.reelroute.story;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.reelroute.catalog.ModelCatalog;
import io.reelroute.catalog.RequestMapping;
import io.reelroute.catalog.ModelDef;
import io.reelroute.delivery.JobOutcomes;
import io.reelroute.error.ErrorCode;
import io.reelroute.error.ReelrouteException;
import io.reelroute.files.AtomicFiles;
import io.reelroute.files.Workspace;
import io.reelroute.job.JobDraft;
import io.reelroute.media.FrameCheck;
import io.reelroute.media.FrameSize;
import io.reelroute.media.LocalPreviewRenderer;
import io.reelroute.spec.JobSpec;
import io.reelroute.store.JobRecord;
import io.reelroute.store.JobState;
import io.reelroute.store.JobStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves running stories on, one step at a time, from what the database and the output folder say (so a
 * restarted service simply goes on): the stills preview first, then the keyframes (keyframes continuity), then
 * each shot in order as an ordinary job, then the exports. A step that needs a job returns its draft, which the
 * story route sends through the shared accept path; the job's hold is drawn from the story's reservation.
 *
 * <p>A shot that starts from an image (a last frame or a keyframe) and is refused by the provider, or whose
 * last frame cannot start the next shot, falls back to text-to-video once, and story.json says why; any other
 * failure ends the story, whose finished shots a re-dropped story reuses at no cost.
 */
public final class StoryRunner {
    private static final Logger LOG = LoggerFactory.getLogger(StoryRunner.class);
    /** Errors that mean the provider would not take the shot's image, so text-to-video may still work. */
    private static final Set<String> IMAGE_REFUSED = Set.of(ErrorCode.PROVIDER_REJECTED.code(),
            ErrorCode.INVALID_INPUT.code(), ErrorCode.UNSUPPORTED_PARAMETER.code());

    private final StoryStore stories;
    private final JobStore jobs;
    private final Workspace workspace;
    private final ModelCatalog catalog;
    private final StoryExports exports;
    private final StoryReport report;
    private final FrameCheck frameCheck;
    private final LocalPreviewRenderer titles;
    private final ObjectMapper json;
    private final String textFallbackModel;

    /** @param textFallbackModel the model of a text-to-video fallback when the shot's own model cannot do it */
    public StoryRunner(StoryStore stories, JobStore jobs, Workspace workspace, ModelCatalog catalog,
                       StoryExports exports, StoryReport report, FrameCheck frameCheck, LocalPreviewRenderer titles,
                       ObjectMapper json, String textFallbackModel) {
        this.stories = stories;
        this.jobs = jobs;
        this.workspace = workspace;
        this.catalog = catalog;
        this.exports = exports;
        this.report = report;
        this.frameCheck = frameCheck;
        this.titles = titles;
        this.json = json;
        this.textFallbackModel = textFallbackModel;
    }

    public List<String> running() {
        return stories.running();
    }

    /** The story's state as the runner needs it, read afresh for every step. */
    private record Story(StoryRecord record, StorySpec spec, StoryPlan plan, List<ShotRecord> shots, Path dir) {
        String id() {
            return record.id();
        }
    }

    /**
     * Does what the story can do now without waiting.
     *
     * @return the draft of the job the story needs next, or null when it waits for a job or has ended
     */
    public JobDraft next(String storyId) {
        Story story = load(storyId);
        if (story == null) {
            return null;
        }
        if (StoryExports.wantsPreview(story.spec()) && !story.record().previewMade()) {
            exports.preview(story.spec(), story.plan(), story.dir());
            stories.markPreviewMade(storyId);
            report.write(storyId);
        }
        if (story.spec().continuityMode() == StorySpec.Continuity.KEYFRAMES) {
            Path previous = null;
            for (int i = 0; i < story.shots().size(); i++) {
                ShotRecord shot = story.shots().get(i);
                if (shot.keyframe() == null) {
                    JobDraft draft = keyframe(story, i, previous);
                    if (draft != null || stories.shots(storyId).get(i).keyframe() == null) {
                        return draft;
                    }
                    story = load(storyId);
                    shot = story.shots().get(i);
                }
                previous = Path.of(shot.keyframe());
            }
        }
        for (int i = 0; i < story.shots().size(); i++) {
            ShotRecord shot = story.shots().get(i);
            if (shot.completed()) {
                continue;
            }
            JobRecord job = jobs.latestOfStoryStep(storyId, shot.videoStep()).orElse(null);
            if (job == null) {
                return shotDraft(story, i);
            }
            if (!job.state().isFinal()) {
                return null;
            }
            if (job.state() == JobState.COMPLETED) {
                completeShot(story, i, job);
                story = load(storyId);
                continue;
            }
            String reason = fallbackReason(story, i, job);
            if (reason == null) {
                fail(storyId, ErrorCode.fromCode(job.errorCode() == null ? "internal" : job.errorCode()),
                        "shot " + shot.shotId() + " failed (job " + job.id() + "): " + job.errorMessage());
                return null;
            }
            LOG.warn("story {} shot {} falls back to text-to-video: {}", storyId, shot.shotId(), reason);
            stories.setFallback(storyId, shot.shotId(), reason);
            report.write(storyId);
            return shotDraft(load(storyId), i);
        }
        finish(story);
        return null;
    }

    /** Ends the story as failed (an error of the story route, or a shot that could not be made). */
    public void fail(String storyId, Throwable error) {
        ErrorCode code = error instanceof ReelrouteException re ? re.code() : ErrorCode.INTERNAL;
        String message = error instanceof ReelrouteException ? error.getMessage()
                : "internal error while making the story: " + error;
        LOG.error("story {} failed: {}", storyId, message, error instanceof ReelrouteException ? null : error);
        fail(storyId, code, message);
    }

    private void fail(String storyId, ErrorCode code, String message) {
        if (stories.finish(storyId, StoryState.FAILED, code.code(), message)) {
            LOG.warn("story {} failed: {} {}", storyId, code.code(), message);
        }
        report.write(storyId);
    }

    // ---- keyframes ----

    /** Makes the shot's keyframe offline, or returns the draft of its keyframe job, or null while that runs. */
    private JobDraft keyframe(Story story, int index, Path previous) {
        ShotRecord shot = story.shots().get(index);
        StorySpec.Shot spec = story.spec().shots().get(index);
        boolean sequential = isSequential(story.spec()) && previous != null;
        if (story.plan().keyframeModel() == null) {
            offlineKeyframe(story, index, previous, "offline (" + story.plan().keyframeOffline() + ")");
            return null;
        }
        JobRecord job = jobs.latestOfStoryStep(story.id(), shot.keyframeStep()).orElse(null);
        if (job == null) {
            List<Path> references = StoryReferences.ofShot(story.spec(), spec).stream()
                    .map(r -> asset(story, r.path())).toList();
            Path image = sequential ? previous : spec.image() != null ? asset(story, spec.image())
                    : references.isEmpty() ? null : references.get(0);
            JobSpec keyframeSpec = StoryPlanner.keyframeSpec(story.spec(), story.plan().keyframeModel());
            keyframeSpec = keyframeSpec.withPrompt(StoryKeyframes.prompt(story.spec(), spec, sequential));
            if (image != null) {
                keyframeSpec = keyframeSpec.withImage(relative(image));
            }
            JobDraft draft = draft(story, shot, shot.keyframeStep(), keyframeSpec, Map.of());
            // the characters' references beside the image edited, as many as the model takes
            references.stream().filter(r -> !r.equals(image)).distinct().limit(RequestMapping.REFERENCE_INPUTS.size())
                    .forEach(draft::addReference);
            return draft;
        }
        if (!job.state().isFinal()) {
            return null;
        }
        Path made = job.state() == JobState.COMPLETED
                ? JobOutcomes.primaryOutput(workspace.outputOf(job.id())).orElse(null) : null;
        if (made != null) {
            Path target = story.dir().resolve("keyframes").resolve(shot.shotId() + extension(made));
            AtomicFiles.linkOrCopy(made, target);
            stories.setKeyframe(story.id(), shot.shotId(), target.toString(), "made by " + job.model() + " (job "
                    + job.id() + ")" + (sequential ? ", editing the previous keyframe" : ""));
        } else {
            offlineKeyframe(story, index, previous, "the keyframe job " + job.id() + " failed ("
                    + job.errorCode() + ": " + job.errorMessage() + ")");
        }
        report.write(story.id());
        return null;
    }

    /**
     * Without an image model: the shot's own image, else its first character's reference, else the previous
     * keyframe, else the first reference of the library, else a title card of the shot.
     */
    private void offlineKeyframe(Story story, int index, Path previous, String why) {
        StorySpec.Shot spec = story.spec().shots().get(index);
        String shotId = spec.id();
        Path source;
        String what;
        List<StorySpec.Reference> own = StoryReferences.ofShot(story.spec(), spec);
        List<StorySpec.Reference> library = StoryReferences.all(story.spec());
        if (spec.image() != null) {
            source = asset(story, spec.image());
            what = "the shot's image " + spec.image();
        } else if (!own.isEmpty()) {
            source = asset(story, own.get(0).path());
            what = "the reference image " + own.get(0).id() + " (" + own.get(0).path() + ")";
        } else if (previous != null) {
            source = previous;
            what = "the previous keyframe";
        } else if (!library.isEmpty()) {
            source = asset(story, library.get(0).path());
            what = "the reference image " + library.get(0).id() + " (" + library.get(0).path() + ")";
        } else {
            source = titles.titleStill(StoryKeyframes.prompt(story.spec(), spec, false),
                    FrameSize.of(story.spec().resolution() == null ? "720p" : story.spec().resolution(),
                            StoryExports.aspectOf(story.spec())), story.dir().resolve(".cards").resolve(shotId + ".png"));
            what = "a title card of the shot";
        }
        Path target = story.dir().resolve("keyframes").resolve(shotId + extension(source));
        AtomicFiles.linkOrCopy(source, target);
        AtomicFiles.deleteTree(story.dir().resolve(".cards"));
        stories.setKeyframe(story.id(), shotId, target.toString(), "keyframe is " + what + ": " + why);
        report.write(story.id());
    }

    private static boolean isSequential(StorySpec spec) {
        return spec.keyframes() != null && Boolean.TRUE.equals(spec.keyframes().sequential());
    }

    // ---- shots ----

    private JobDraft shotDraft(Story story, int index) {
        ShotRecord shot = story.shots().get(index);
        StorySpec.Shot spec = story.spec().shots().get(index);
        StoryPlan.ShotPlan plan = story.plan().shot(shot.shotId());
        Path image = null;
        Path end = null;
        if (shot.fallback() == null && !StoryShots.TEXT_TO_VIDEO.equals(plan.operation())) {
            image = switch (story.spec().continuityMode()) {
                case LAST_FRAME -> spec.image() != null ? asset(story, spec.image())
                        : index == 0 ? null : pathOrNull(story.shots().get(index - 1).lastFrame());
                case KEYFRAMES -> Path.of(shot.keyframe());
                case NONE -> spec.image() == null ? null : asset(story, spec.image());
            };
            if (plan.paired()) {
                end = Path.of(story.shots().get(index + 1).keyframe());
            }
        }
        String operation = image == null ? StoryShots.TEXT_TO_VIDEO : plan.operation();
        String model = image == null ? textModel(plan.model()) : plan.model();
        JobSpec jobSpec = StoryShots.toJobSpec(story.spec(), spec, image == null ? null : relative(image), operation,
                model);
        if (!model.equals(plan.model())) {
            jobSpec = catalog.find(model).map(m -> StoryShots.fitTo(StoryShots.toJobSpec(story.spec(), spec, null,
                    operation, model), m)).orElse(jobSpec);
        }
        return draft(story, shot, shot.videoStep(), jobSpec, end == null ? Map.of() : Map.of("end_image", end));
    }

    private String textModel(String shotModel) {
        return catalog.find(shotModel).filter(m -> m.supports(StoryShots.TEXT_TO_VIDEO)).map(ModelDef::id)
                .orElse(textFallbackModel);
    }

    private JobDraft draft(Story story, ShotRecord shot, String step, JobSpec spec, Map<String, Path> extra) {
        return new JobDraft(shot.sourceOf(step), spec, workspace.home(), null, story.record().userId())
                .forStory(new JobDraft.StoryStep(story.id(), step), extra);
    }

    private void completeShot(Story story, int index, JobRecord job) {
        ShotRecord shot = story.shots().get(index);
        Path jobOutput = workspace.outputOf(job.id());
        Path clip = JobOutcomes.primaryOutput(jobOutput).orElseThrow(() -> new IllegalStateException(
                "job " + job.id() + " completed but its video is missing from " + jobOutput));
        Path shotFile = story.dir().resolve("shots").resolve(shot.shotId() + ".mp4");
        AtomicFiles.linkOrCopy(clip, shotFile);
        Path lastPng = jobOutput.resolve("last.png");
        if (Files.exists(lastPng)) {
            Path frame = story.dir().resolve("frames").resolve(shot.shotId() + "-last.png");
            AtomicFiles.linkOrCopy(lastPng, frame);
            if (needsLastFrame(story, index + 1)) {
                FrameCheck.FrameVerdict verdict = frameCheck.verify(shotFile, frame);
                ShotRecord next = story.shots().get(index + 1);
                if (verdict.usable()) {
                    stories.setLastFrame(story.id(), shot.shotId(), frame.toString());
                } else {
                    stories.setFallback(story.id(), next.shotId(), "the last frame of " + shot.shotId()
                            + " cannot start this shot: " + verdict.reason());
                }
            }
        } else if (needsLastFrame(story, index + 1)) {
            stories.setFallback(story.id(), story.shots().get(index + 1).shotId(), "shot " + shot.shotId()
                    + " has no last frame to start from");
        }
        stories.completeShot(story.id(), shot.shotId());
        report.write(story.id());
    }

    /** Whether shot {@code index} starts from the previous shot's last frame. */
    private static boolean needsLastFrame(Story story, int index) {
        return story.spec().continuityMode() == StorySpec.Continuity.LAST_FRAME && index < story.shots().size()
                && story.spec().shots().get(index).image() == null
                && !StoryShots.TEXT_TO_VIDEO.equals(story.plan().shots().get(index).operation());
    }

    /** Why a failed shot may still be made by text-to-video; null when it may not (it already was, say). */
    private static String fallbackReason(Story story, int index, JobRecord job) {
        ShotRecord shot = story.shots().get(index);
        if (shot.fallback() != null || StoryShots.TEXT_TO_VIDEO.equals(job.operation())
                || !IMAGE_REFUSED.contains(job.errorCode())) {
            return null;
        }
        String from = story.spec().continuityMode() == StorySpec.Continuity.KEYFRAMES ? "its keyframe"
                : story.spec().shots().get(index).image() != null ? "its image" : "the last frame of the shot before";
        return "the provider refused " + from + " (job " + job.id() + ", " + job.errorCode() + ": "
                + job.errorMessage() + ")";
    }

    // ---- the end ----

    private void finish(Story story) {
        List<Path> clips = new ArrayList<>();
        for (ShotRecord shot : story.shots()) {
            clips.add(story.dir().resolve("shots").resolve(shot.shotId() + ".mp4"));
        }
        exports.finish(story.spec(), story.plan(), clips, story.dir());
        if (stories.finish(story.id(), StoryState.COMPLETED, null, null)) {
            LOG.info("story {} completed: {}", story.id(), story.dir().resolve(StoryExports.FINAL));
        }
        report.write(story.id());
    }

    // ---- helpers ----

    private Story load(String storyId) {
        StoryRecord record = stories.find(storyId).orElse(null);
        if (record == null || record.state() != StoryState.RUNNING) {
            return null;
        }
        try {
            return new Story(record, json.readValue(record.specJson(), StorySpec.class),
                    json.readValue(record.planJson(), StoryPlan.class), stories.shots(storyId),
                    workspace.output().resolve(storyId));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("story " + storyId + " has an unreadable record", e);
        }
    }

    private static Path asset(Story story, String path) {
        StoryPlan.Asset asset = story.plan().assets().get(path);
        if (asset == null) {
            throw new IllegalStateException("story " + story.id() + " has no copy of " + path);
        }
        return Path.of(asset.file());
    }

    private static Path pathOrNull(String path) {
        return path == null ? null : Path.of(path);
    }

    /** Paths in a story's job specs are relative to the home folder, the jobs' base folder. */
    private String relative(Path file) {
        return workspace.home().relativize(file.toAbsolutePath().normalize()).toString();
    }

    private static String extension(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot < 0 ? ".png" : name.substring(dot);
    }
}
