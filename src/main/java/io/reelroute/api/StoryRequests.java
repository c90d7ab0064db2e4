package io.reelroute.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.reelroute.error.ErrorCode;
import io.reelroute.error.ReelrouteException;
import io.reelroute.files.AtomicFiles;
import io.reelroute.files.Workspace;
import io.reelroute.spec.SpecReader;
import io.reelroute.story.StoryDraft;
import io.reelroute.story.StoryIntake;
import io.reelroute.story.StoryReader;
import io.reelroute.story.StoryRecord;
import io.reelroute.story.StoryReport;
import io.reelroute.story.StoryStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Stories over HTTP (CONTRACT 6 and 2.3): {@code POST /api/stories} takes the story as JSON, its files (shot
 * images, references, soundtrack) as base64 data URIs, and records it exactly as the inbox would, its whole
 * estimate reserved, for the key's owner; {@code GET /api/stories/{id}} answers its story.json. Another user's
 * story is 404, like one that does not exist.
 */
public final class StoryRequests {
    private final Workspace workspace;
    private final StoryReader reader;
    private final StoryIntake intake;
    private final StoryStore stories;
    private final ApiReplies replies;
    private final ObjectMapper json;
    private final long maxUploadBytes;

    public StoryRequests(Workspace workspace, StoryReader reader, StoryIntake intake, StoryStore stories,
                         ApiReplies replies, ObjectMapper json, long maxUploadBytes) {
        this.workspace = workspace;
        this.reader = reader;
        this.intake = intake;
        this.stories = stories;
        this.replies = replies;
        this.json = json;
        this.maxUploadBytes = maxUploadBytes;
    }

    public ApiReply submit(byte[] body, String userId) {
        if (body != null && body.length > maxUploadBytes / 3 * 4 + 65536) {
            throw ApiException.tooLarge("the story's files", maxUploadBytes);
        }
        Path folder = workspace.state().resolve("uploads").resolve(UUID.randomUUID().toString());
        try {
            Map<String, String> names = new HashMap<>();
            long[] total = {0};
            var story = reader.read(body == null ? new byte[0] : body, SpecReader.Format.JSON, "request body")
                    .withFiles(value -> names.computeIfAbsent(value, v -> decode(v, folder, names.size() + 1, total)))
                    .withUserId(userId);
            StoryDraft draft = intake.record(intake.newDraft("http", story, folder, null, userId));
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("story_id", draft.storyId());
            out.put("status", "running");
            out.put("estimate_usd", draft.plan().estimateUsd());
            return replies.json(202, out);
        } finally {
            // the story keeps its own copies (state/blobs); the decoded uploads are not needed any more
            AtomicFiles.deleteTree(folder);
        }
    }

    public ApiReply view(String userId, String storyId) {
        StoryRecord story = stories.find(storyId).filter(s -> s.userId().equals(userId))
                .orElseThrow(() -> ApiException.notFound(storyId));
        try {
            Path file = workspace.output().resolve(story.id()).resolve(StoryReport.FILE);
            return replies.json(200, json.readTree(Files.readAllBytes(file)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the story file of " + storyId, e);
        }
    }

    private String decode(String value, Path folder, int n, long[] total) {
        if (!DataUris.isDataUri(value)) {
            throw new ReelrouteException(ErrorCode.INVALID_INPUT, "'" + abbreviated(value) + "': over HTTP a story's"
                    + " files (shot images, references, audio) are base64 data URIs (data:image/png;base64,...);"
                    + " paths are for story files in the inbox");
        }
        DataUris.Decoded decoded = DataUris.decode(value, "story file");
        total[0] += decoded.bytes().length;
        if (total[0] > maxUploadBytes) {
            throw ApiException.tooLarge("the story's files", maxUploadBytes);
        }
        String name = "file-" + n + (decoded.extension().isEmpty() ? "" : "." + decoded.extension());
        AtomicFiles.write(folder.resolve(name), decoded.bytes());
        return name;
    }

    private static String abbreviated(String value) {
        return value.length() <= 40 ? value : value.substring(0, 40) + "...";
    }
}
