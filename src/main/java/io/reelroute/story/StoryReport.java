package io.reelroute.story;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.reelroute.files.AtomicFiles;
import io.reelroute.files.Workspace;
import io.reelroute.store.JobInput;
import io.reelroute.store.JobRecord;
import io.reelroute.store.JobStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes {@code story.json}: the story's status, estimate, reservation and cost, and per shot its status,
 * the jobs it ran, what it started from (image, last frame, keyframe or pair, or text), its keyframe and why
 * any fallback happened, its cost and its file; then the exports that exist. Rewritten (atomically) after every
 * step, so it always says where the story is.
 */
public final class StoryReport {
    public static final String FILE = "story.json";

    private final Workspace workspace;
    private final StoryStore stories;
    private final JobStore jobs;
    private final ObjectMapper json;
    private final ObjectMapper pretty;

    public StoryReport(Workspace workspace, StoryStore stories, JobStore jobs, ObjectMapper json) {
        this.workspace = workspace;
        this.stories = stories;
        this.jobs = jobs;
        this.json = json;
        this.pretty = json.copy().enable(SerializationFeature.INDENT_OUTPUT);
    }

    public void write(String storyId) {
        StoryRecord story = stories.find(storyId).orElseThrow(() -> new IllegalStateException("no story " + storyId));
        StorySpec spec = read(story.specJson(), StorySpec.class);
        StoryPlan plan = read(story.planJson(), StoryPlan.class);
        Path dir = workspace.output().resolve(storyId);
        List<JobRecord> all = jobs.ofStory(storyId);
        Map<String, List<JobRecord>> bySource = new LinkedHashMap<>();
        all.forEach(j -> bySource.computeIfAbsent(j.source(), k -> new ArrayList<>()).add(j));

        Map<String, Object> out = new LinkedHashMap<>();
        out.put("story_id", storyId);
        out.put("title", spec.title());
        out.put("user_id", story.userId());
        out.put("source", story.source());
        out.put("status", story.state().dbValue());
        out.put("continuity", spec.continuityMode().word());
        out.put("estimate_usd", plan.estimateUsd());
        out.put("cost_usd", all.stream().map(j -> j.costUsd() == null ? BigDecimal.ZERO : j.costUsd())
                .reduce(BigDecimal.ZERO, BigDecimal::add));
        out.put("reserved_usd", stories.reserved(storyId));
        if (spec.continuityMode() == StorySpec.Continuity.KEYFRAMES) {
            Map<String, Object> keyframes = new LinkedHashMap<>();
            keyframes.put("model", plan.keyframeModel());
            keyframes.put("offline", plan.keyframeOffline());
            keyframes.put("sequential", spec.keyframes() != null && Boolean.TRUE.equals(spec.keyframes().sequential()));
            out.put("keyframes", keyframes);
        }
        List<Map<String, Object>> shots = new ArrayList<>();
        for (ShotRecord shot : stories.shots(storyId)) {
            shots.add(shot(story, plan, dir, shot, bySource));
        }
        out.put("shots", shots);
        out.put("exports", exports(spec, dir));
        if (story.errorCode() != null) {
            out.put("error", Map.of("code", story.errorCode(), "message", story.errorMessage()));
        }
        Map<String, Object> timings = new LinkedHashMap<>();
        timings.put("received", story.createdAt().toString());
        timings.put("finished", story.finishedAt() == null ? null : story.finishedAt().toString());
        out.put("timings", timings);
        try {
            AtomicFiles.write(dir.resolve(FILE), pretty.writeValueAsBytes(out));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private Map<String, Object> shot(StoryRecord story, StoryPlan plan, Path dir, ShotRecord shot,
                                     Map<String, List<JobRecord>> bySource) {
        List<JobRecord> videos = bySource.getOrDefault(shot.sourceOf(shot.videoStep()), List.of());
        List<JobRecord> keyframeJobs = bySource.getOrDefault(shot.sourceOf(shot.keyframeStep()), List.of());
        JobRecord latest = videos.isEmpty() ? null : videos.get(videos.size() - 1);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", shot.shotId());
        out.put("status", status(story, shot, latest, keyframeJobs));
        out.put("job_id", latest == null ? null : latest.id());
        out.put("jobs", videos.stream().map(StoryReport::jobSummary).toList());
        out.put("operation", latest == null ? plan.shot(shot.shotId()).operation() : latest.operation());
        out.put("model", latest == null ? plan.shot(shot.shotId()).model() : latest.model());
        out.put("input", latest == null ? null : input(story, latest));
        out.put("estimate_usd", plan.shot(shot.shotId()).estimateUsd().add(plan.shot(shot.shotId()).keyframeUsd()));
        List<JobRecord> paid = new ArrayList<>(videos);
        paid.addAll(keyframeJobs);
        out.put("cost_usd", paid.stream().map(j -> j.costUsd() == null ? BigDecimal.ZERO : j.costUsd())
                .reduce(BigDecimal.ZERO, BigDecimal::add));
        out.put("fallback", shot.fallback());
        if (shot.keyframe() != null) {
            Map<String, Object> keyframe = new LinkedHashMap<>();
            keyframe.put("file", dir.relativize(Path.of(shot.keyframe())).toString());
            keyframe.put("source", shot.keyframeNote());
            keyframe.put("job_id", keyframeJobs.isEmpty() ? null : keyframeJobs.get(keyframeJobs.size() - 1).id());
            out.put("keyframe", keyframe);
        }
        Path file = dir.resolve("shots").resolve(shot.shotId() + ".mp4");
        out.put("file", shot.completed() && Files.exists(file) ? "shots/" + file.getFileName() : null);
        return out;
    }

    private static Map<String, Object> jobSummary(JobRecord job) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("job_id", job.id());
        out.put("status", job.state().dbValue());
        out.put("operation", job.operation());
        out.put("model", job.model());
        out.put("cost_usd", job.costUsd());
        if (job.errorCode() != null) {
            out.put("error", Map.of("code", job.errorCode(), "message", String.valueOf(job.errorMessage())));
        }
        return out;
    }

    private static String status(StoryRecord story, ShotRecord shot, JobRecord latest, List<JobRecord> keyframes) {
        if (shot.completed()) {
            return "completed";
        }
        if (latest != null && !latest.state().isFinal()) {
            return "generating";
        }
        if (latest != null && story.state() == StoryState.FAILED) {
            return "failed";
        }
        if (!keyframes.isEmpty() && shot.keyframe() == null && !keyframes.get(keyframes.size() - 1).state().isFinal()) {
            return "keyframe";
        }
        return "pending";
    }

    /** What the shot's job started from: text, the shot's image, a last frame, a keyframe or a keyframe pair. */
    private String input(StoryRecord story, JobRecord job) {
        List<JobInput> inputs = jobs.inputs(job.id());
        List<String> roles = inputs.stream().map(JobInput::role).toList();
        if (!roles.contains("image")) {
            return "text";
        }
        if (roles.contains("end_image")) {
            return "keyframe-pair";
        }
        String image = inputs.stream().filter(i -> i.role().equals("image")).findFirst()
                .map(JobInput::originalName).orElse("");
        if (image.contains("/keyframes/")) {
            return "keyframe";
        }
        return image.contains("/frames/") ? "last-frame" : "image";
    }

    private static Map<String, Object> exports(StorySpec spec, Path dir) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("preview", Files.exists(dir.resolve(StoryExports.PREVIEW)) ? StoryExports.PREVIEW : null);
        out.put("final", Files.exists(dir.resolve(StoryExports.FINAL)) ? StoryExports.FINAL : null);
        Map<String, Object> platforms = new LinkedHashMap<>();
        for (String platform : StoryExports.platformsOf(spec)) {
            String file = StoryExports.platformFile(io.reelroute.media.FrameSize.normalizeAspect(platform));
            if (Files.exists(dir.resolve(file))) {
                platforms.put(platform, file);
            }
        }
        out.put("platforms", platforms);
        return out;
    }

    private <T> T read(String text, Class<T> type) {
        try {
            return json.readValue(text, type);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
