package io.reelroute.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.reelroute.files.Workspace;
import io.reelroute.store.JobEvent;
import io.reelroute.store.JobRecord;
import io.reelroute.store.JobState;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code GET /api/jobs/{id}} and {@code GET /api/jobs}: a job's state, progress, timeline and result. */
public final class JobViews {
    static final int DEFAULT_LIMIT = 20;
    static final int MAX_LIMIT = 200;

    private final OwnedJobs owned;
    private final Workspace workspace;
    private final ApiReplies replies;
    private final ObjectMapper json;

    public JobViews(OwnedJobs owned, Workspace workspace, ApiReplies replies, ObjectMapper json) {
        this.owned = owned;
        this.workspace = workspace;
        this.replies = replies;
        this.json = json;
    }

    public ApiReply job(String userId, String jobId) {
        return replies.json(200, view(owned.find(userId, jobId)));
    }

    public ApiReply list(String userId, String status, String limit) {
        JobState state = status == null || status.isBlank() ? null : state(status);
        List<Map<String, Object>> jobs = owned.store().ofUser(userId, state, limit(limit)).stream()
                .map(JobViews::summary).toList();
        return replies.json(200, Map.of("jobs", jobs));
    }

    /** The whole view: the summary, the timeline and, once the job is final, its result.json. */
    public Map<String, Object> view(JobRecord job) {
        Map<String, Object> view = summary(job);
        view.put("timeline", owned.store().events(job.id()).stream().map(JobViews::event).toList());
        if (job.errorCode() != null) {
            view.put("error", Map.of("code", job.errorCode(), "message", job.errorMessage()));
        }
        Path result = workspace.outputOf(job.id()).resolve("result.json");
        if (job.state().isFinal() && Files.exists(result)) {
            try {
                view.put("result", json.readTree(result.toFile()));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + result, e);
            }
        }
        return view;
    }

    static Map<String, Object> summary(JobRecord job) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("job_id", job.id());
        view.put("status", job.state().dbValue());
        view.put("progress", progress(job.state()));
        view.put("source", job.source());
        view.put("operation", job.operation());
        view.put("model", job.model());
        view.put("provider", job.provider());
        view.put("estimate_usd", job.estimateUsd());
        view.put("cost_usd", job.costUsd());
        view.put("created_at", job.createdAt().toString());
        view.put("finished_at", job.finishedAt() == null ? null : job.finishedAt().toString());
        return view;
    }

    static Map<String, Object> event(JobEvent event) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("ts", event.ts().toString());
        view.put("stage", event.stage());
        view.put("detail", event.detail());
        return view;
    }

    /**
     * How far along a job is, by stage: providers give no reliable percentage, so the stages are the steps. A
     * final job is 100 whether it completed or not.
     */
    static int progress(JobState state) {
        return switch (state) {
            case QUEUED, WAITING -> 0;
            case SUBMITTING -> 10;
            case RUNNING -> 40;
            case DOWNLOADING -> 80;
            case GENERATED -> 90;
            case COMPLETED, FAILED, CANCELLED -> 100;
        };
    }

    private static JobState state(String status) {
        try {
            return JobState.fromDb(status.trim());
        } catch (IllegalArgumentException e) {
            throw new ApiException(400, "invalid_input", "status '" + status + "' is not a job status; one of "
                    + Arrays.stream(JobState.values()).map(JobState::dbValue).toList(), "status");
        }
    }

    private static int limit(String limit) {
        if (limit == null || limit.isBlank()) {
            return DEFAULT_LIMIT;
        }
        try {
            int value = Integer.parseInt(limit.trim());
            if (value >= 1 && value <= MAX_LIMIT) {
                return value;
            }
        } catch (NumberFormatException ignored) {
            // answered below
        }
        throw new ApiException(400, "invalid_input", "limit '" + limit + "' must be a number from 1 to " + MAX_LIMIT,
                "limit");
    }
}
