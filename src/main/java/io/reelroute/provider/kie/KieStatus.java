package io.reelroute.provider.kie;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.reelroute.error.ErrorCode;
import io.reelroute.provider.PollResult;
import io.reelroute.provider.ProviderException;
import io.reelroute.provider.ProviderHttp;
import java.io.IOException;
import java.net.URI;

/**
 * A task record's {@code data} in reelroute's terms (PROTOCOLS.md 3.3): waiting, queuing and generating are
 * running; success carries {@code resultJson}, a JSON document inside a string, with {@code resultUrls};
 * fail carries {@code failCode} and {@code failMsg}.
 */
final class KieStatus {
    private KieStatus() {
    }

    static PollResult read(JsonNode data, ProviderHttp.Answer answer, ObjectMapper json) {
        String state = data.path("state").asText("");
        return switch (state) {
            case "waiting", "queuing", "generating" -> new PollResult.Pending(state, null);
            case "success" -> success(state, data.path("resultJson"), json);
            case "fail" -> new PollResult.Failed(state, ErrorCode.PROVIDER_FAILED, failure(data));
            // asking again is safe, and the job's poll timeout bounds it
            default -> throw new ProviderException(ErrorCode.PROVIDER_FAILED, "KIE status: "
                    + (state.isEmpty() ? "answered without data.state" : "unknown state '" + state + "'"),
                    answer.status(), true, null);
        };
    }

    private static PollResult success(String state, JsonNode resultJson, ObjectMapper json) {
        String url = result(resultJson, json).path("resultUrls").path(0).asText("");
        if (url.isBlank()) {
            return new PollResult.Failed(state, ErrorCode.PROVIDER_FAILED, "KIE reports success without a result URL");
        }
        try {
            return new PollResult.Succeeded(state, URI.create(url));
        } catch (IllegalArgumentException e) {
            return new PollResult.Failed(state, ErrorCode.PROVIDER_FAILED, "KIE reports success with a result that is not a URL");
        }
    }

    /** The documented string form, or (should KIE ever send it unwrapped) the object itself. */
    private static JsonNode result(JsonNode resultJson, ObjectMapper json) {
        if (!resultJson.isTextual()) {
            return resultJson;
        }
        try {
            return json.readTree(resultJson.asText());
        } catch (IOException e) {
            return json.missingNode();
        }
    }

    private static String failure(JsonNode data) {
        String message = data.path("failMsg").asText("");
        String code = data.path("failCode").asText("");
        String text = message.isBlank() ? "KIE reports the generation failed" : message;
        return code.isBlank() ? text : text + " (" + code + ")";
    }
}
