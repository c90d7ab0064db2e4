package io.reelroute.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;

/** Turns views into JSON replies, and puts a reply's status and headers where the HTTP server reads them. */
public final class ApiReplies {
    /** The header platform-http takes the response status from (Exchange.HTTP_RESPONSE_CODE). */
    static final String RESPONSE_CODE = "CamelHttpResponseCode";

    private final ObjectMapper json;

    public ApiReplies(ObjectMapper json) {
        this.json = json;
    }

    public ApiReply json(int status, Object view) {
        try {
            return ApiReply.json(status, json.writeValueAsString(view));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a reply as JSON", e);
        }
    }

    /** A CONTRACT 8 error reply: {@code {"error", "message", "field"}}. */
    public ApiReply error(int status, String error, String message, String field) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", error);
        body.put("message", message);
        body.put("field", field);
        return json(status, body);
    }

    /**
     * Sets the reply's status, content type and headers into the (already emptied) message headers, and gives
     * back the body. The request's own headers were removed first, so nothing a client sent (its key above all)
     * is ever echoed back.
     */
    public Object answer(ApiReply reply, Map<String, Object> headers) {
        headers.put(RESPONSE_CODE, reply.status());
        headers.put("Content-Type", reply.contentType());
        headers.putAll(reply.headers());
        return reply.body();
    }
}
