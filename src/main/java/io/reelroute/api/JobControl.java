package io.reelroute.api;

import io.reelroute.error.ErrorCode;
import io.reelroute.error.ReelrouteException;
import io.reelroute.provider.RemoteJobs;
import java.util.function.Consumer;

/**
 * {@code POST /api/jobs/{id}/cancel} and {@code /resume}, on the same calls the service uses itself. A job in a
 * state that does not allow the step (a finished job cancelled, a completed one resumed) is a 409 conflict.
 */
public final class JobControl {
    private final OwnedJobs owned;
    private final RemoteJobs remote;
    private final JobViews views;
    private final ApiReplies replies;

    public JobControl(OwnedJobs owned, RemoteJobs remote, JobViews views, ApiReplies replies) {
        this.owned = owned;
        this.remote = remote;
        this.views = views;
        this.replies = replies;
    }

    public ApiReply cancel(String userId, String jobId) {
        return step(userId, jobId, remote::cancel);
    }

    public ApiReply resume(String userId, String jobId) {
        return step(userId, jobId, remote::resume);
    }

    private ApiReply step(String userId, String jobId, Consumer<String> action) {
        owned.find(userId, jobId);
        try {
            action.accept(jobId);
        } catch (ReelrouteException e) {
            // RemoteJobs refuses a step the job's state does not allow as invalid_input on job_id
            if (e.code() == ErrorCode.INVALID_INPUT && "job_id".equals(e.field())) {
                throw new ApiException(409, "conflict", e.getMessage(), "job_id");
            }
            throw e;
        }
        return replies.json(200, views.view(owned.find(userId, jobId)));
    }
}
