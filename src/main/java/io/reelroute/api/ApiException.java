package io.reelroute.api;

import java.util.Map;

/**
 * A refusal that belongs to HTTP itself rather than to a job spec: no or a bad key (401), a job that is not the
 * caller's or does not exist (404), a state conflict (409), a body too large (413), a byte range outside the
 * file (416). Job-spec problems stay {@link io.reelroute.error.ReelrouteException}s with CONTRACT 8 codes.
 */
public final class ApiException extends RuntimeException {
    private final int status;
    private final String error;
    private final String field;
    private final Map<String, String> headers;

    public ApiException(int status, String error, String message, String field) {
        this(status, error, message, field, Map.of());
    }

    /** @param headers response headers the refusal needs, e.g. 416's {@code Content-Range: bytes *}{@code /size} */
    public ApiException(int status, String error, String message, String field, Map<String, String> headers) {
        super(message);
        this.status = status;
        this.error = error;
        this.field = field;
        this.headers = Map.copyOf(headers);
    }

    /** 413: what the request carries is larger than reelroute.http.max-upload-mb. */
    public static ApiException tooLarge(String what, long maxUploadBytes) {
        return new ApiException(413, "invalid_input", what + " exceed " + maxUploadBytes / (1024 * 1024)
                + " MB (setting reelroute.http.max-upload-mb)", null);
    }

    public static ApiException notFound(String jobId) {
        return new ApiException(404, "not_found", "no job " + jobId + " of yours", "job_id");
    }

    public int status() {
        return status;
    }

    public String error() {
        return error;
    }

    public String field() {
        return field;
    }

    public Map<String, String> headers() {
        return headers;
    }
}
