package io.reelroute.provider.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import io.reelroute.error.ErrorCode;
import io.reelroute.provider.MediaFiles;
import io.reelroute.provider.ProviderEndpoint;
import io.reelroute.provider.ProviderException;
import io.reelroute.provider.ProviderHttp;
import io.reelroute.provider.SubmitRequest.InputFile;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Calls to the Gemini API (PROTOCOLS 4.1): paths under the base URL, the key in {@code x-goog-api-key} (never
 * as {@code ?key=}, since URLs end up in logs), and error bodies {@code {error:{code,message,status}}} turned
 * into {@link ProviderException}s with the provider's message.
 */
final class GeminiApi {
    static final String KEY_HEADER = "x-goog-api-key";

    private final ProviderEndpoint endpoint;
    private final ProviderHttp http;

    GeminiApi(ProviderEndpoint endpoint, ProviderHttp http) {
        this.endpoint = endpoint;
        this.http = http;
    }

    /** POST {base}/{path} with a JSON body; the 2xx answer's body. */
    JsonNode post(String path, Object body, String what) {
        return checked(http.send(http.request(url(path), Map.of(KEY_HEADER, key(), "Content-Type",
                "application/json")).POST(http.jsonBody(body)).build(), what), what);
    }

    /** GET {base}/{path}; the 2xx answer's body. */
    JsonNode get(String path, String what) {
        return checked(http.send(http.request(url(path), keyHeader()).GET().build(), what), what);
    }

    Map<String, String> keyHeader() {
        return Map.of(KEY_HEADER, key());
    }

    /**
     * A local input's media type and base64 bytes. The Gemini API takes inputs inline (a storage URI is a
     * Vertex feature, PROTOCOLS 4.3), so an https input is refused as invalid_input: the user can act on it by
     * giving the file itself, and nothing was sent to the provider. The URL is not repeated: signed URLs carry
     * secrets.
     */
    static InlineBytes inline(InputFile input, String model) {
        if (input.isUrl()) {
            throw new ProviderException(ErrorCode.INVALID_INPUT, model + " on the Gemini API takes " + input.role()
                    + " as inline bytes, not as a URL: give " + input.role() + " as a local file", 0, false, null);
        }
        return new InlineBytes(MediaFiles.contentType(input.file()), MediaFiles.base64(input.file()));
    }

    record InlineBytes(String mimeType, String base64) {
    }

    /**
     * The model's reasons for an answer without what was asked for, as far as it gives them: finish reason,
     * block reason, and any text it wrote; "" when it gives none, else " (...)" to append to a message.
     */
    static String why(JsonNode answer, JsonNode candidate) {
        List<String> reasons = new ArrayList<>();
        String finish = candidate.path("finishReason").asText("");
        if (!finish.isBlank()) {
            reasons.add("finishReason " + finish);
        }
        String block = answer.path("promptFeedback").path("blockReason").asText("");
        if (!block.isBlank()) {
            reasons.add("blockReason " + block);
        }
        for (JsonNode part : candidate.path("content").path("parts")) {
            if (part.hasNonNull("text") && !part.path("text").asText().isBlank()) {
                reasons.add("the model said: " + part.path("text").asText().strip());
            }
        }
        return reasons.isEmpty() ? "" : " (" + String.join("; ", reasons) + ")";
    }

    private JsonNode checked(ProviderHttp.Answer answer, String what) {
        if (!answer.ok()) {
            throw ProviderHttp.failure(what, answer, words(answer.body()));
        }
        return answer.body();
    }

    /** "message (STATUS)" from Google's error body, or null when there is none. */
    private static String words(JsonNode body) {
        JsonNode error = body.path("error");
        String message = error.path("message").asText("");
        String status = error.path("status").asText("");
        if (message.isBlank()) {
            return status.isBlank() ? null : status;
        }
        return status.isBlank() ? message : message + " (" + status + ")";
    }

    private String url(String path) {
        return endpoint.baseUrl() + "/" + path;
    }

    private String key() {
        if (!endpoint.hasKey()) {
            throw new ProviderException(ErrorCode.PROVIDER_UNAVAILABLE, "gemini: no API key, set GEMINI_API_KEY", 0,
                    false, null);
        }
        return endpoint.key();
    }
}
