package io.reelroute.api;

import java.util.Map;

/**
 * What an API call answers: status, content type, body (a JSON string) and any further response headers. The
 * route copies it onto the HTTP response in one place (direct:api-answer).
 */
public record ApiReply(int status, String contentType, Object body, Map<String, String> headers) {

    public static ApiReply json(int status, String body) {
        return new ApiReply(status, "application/json", body, Map.of());
    }
}
