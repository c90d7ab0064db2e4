package io.reelroute.api;

import io.reelroute.error.ErrorCode;
import io.reelroute.error.ReelrouteException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The error replies of the API: JSON {@code {"error", "message", "field"}}. A spec that cannot be read as a
 * spec (bad JSON, an unknown field, an unreadable input) is 400; a readable spec the catalog or a provider
 * cannot run (unknown model, unsupported parameter, missing input, provider unavailable) is 422; a quota
 * refusal is 429; a bug is 500 with a message that gives nothing away.
 */
public final class ApiErrors {
    private static final Logger LOG = LoggerFactory.getLogger(ApiErrors.class);

    private final ApiReplies replies;

    public ApiErrors(ApiReplies replies) {
        this.replies = replies;
    }

    public ApiReply reply(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof ApiException api) {
                ApiReply reply = body(api.status(), api.error(), api.getMessage(), api.field());
                return new ApiReply(reply.status(), reply.contentType(), reply.body(), api.headers());
            }
            if (t instanceof ReelrouteException re && re.code() != ErrorCode.INTERNAL) {
                return body(status(re.code()), re.code().code(), re.getMessage(), re.field());
            }
        }
        LOG.error("an API call failed unexpectedly", error);
        return body(500, ErrorCode.INTERNAL.code(), "reelroute failed unexpectedly; the log has the details", null);
    }

    static int status(ErrorCode code) {
        return switch (code) {
            case INVALID_INPUT, UNKNOWN_FIELD -> 400;
            case QUOTA_EXCEEDED -> 429;
            case INTERNAL -> 500;
            default -> 422;
        };
    }

    private ApiReply body(int status, String error, String message, String field) {
        return replies.error(status, error, message, field);
    }
}
