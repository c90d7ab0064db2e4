package io.reelroute.provider.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import io.reelroute.error.ErrorCode;
import io.reelroute.provider.ProviderEndpoint;
import io.reelroute.provider.ProviderException;
import io.reelroute.provider.ProviderHttp;
import java.util.List;
import java.util.Map;

/**
 * Text from a Gemini text model (gemini-2.5-flash, ...) with {@code generateContent}: one user text part in,
 * the text parts of the first candidate out. reelroute uses it to write prompts, not to run jobs, so it is not
 * part of the provider client: nothing is queued, held or billed to a user for it.
 */
public final class GeminiText {
    private final GeminiApi api;
    private final boolean hasKey;

    /**
     * @param endpoint GEMINI_BASE_URL with GEMINI_API_KEY, as for {@link GeminiClient}
     * @param http     whose timeout bounds each call
     */
    public GeminiText(ProviderEndpoint endpoint, ProviderHttp http) {
        this.api = new GeminiApi(endpoint, http);
        this.hasKey = endpoint.hasKey();
    }

    /** False without GEMINI_API_KEY: then {@link #generate} cannot be called. */
    public boolean hasKey() {
        return hasKey;
    }

    /**
     * The model's answer to {@code prompt}, stripped.
     *
     * @param generationConfig sent as it is (temperature, ...)
     * @throws ProviderException when the call fails or times out, or the answer has no text, was blocked, or
     *                           stopped before its end (a cut answer is not a usable one)
     */
    public String generate(String model, String prompt, Map<String, Object> generationConfig) {
        String what = "gemini generateContent with " + model;
        JsonNode answer = api.post("models/" + model + ":generateContent", Map.of(
                "contents", List.of(Map.of("role", "user", "parts", List.of(Map.of("text", prompt)))),
                "generationConfig", generationConfig), what);
        JsonNode candidate = answer.path("candidates").path(0);
        String finish = candidate.path("finishReason").asText("STOP");
        StringBuilder text = new StringBuilder();
        for (JsonNode part : candidate.path("content").path("parts")) {
            // thought summaries are the model's reasoning, not its answer
            if (part.hasNonNull("text") && !part.path("thought").asBoolean(false)) {
                text.append(part.path("text").asText());
            }
        }
        if (!finish.equals("STOP") || text.toString().isBlank()) {
            throw new ProviderException(ErrorCode.PROVIDER_REJECTED, what + ": no usable text came back"
                    + GeminiApi.why(answer, candidate), 200, false, null);
        }
        return text.toString().strip();
    }
}
