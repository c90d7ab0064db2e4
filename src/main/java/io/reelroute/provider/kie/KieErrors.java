package io.reelroute.provider.kie;

import com.fasterxml.jackson.databind.JsonNode;
import io.reelroute.error.ErrorCode;
import io.reelroute.provider.ProviderException;
import io.reelroute.provider.ProviderHttp;

/**
 * KIE's answers (PROTOCOLS.md 3.1, 3.4): the outcome is the body's {@code code}, usually under HTTP 200 even
 * for a bad key or no credits, so a call worked only when both the HTTP status and the code are 200.
 */
final class KieErrors {
    static final int OK = 200;
    /** "Generation failed": the job failed, KIE itself is fine. */
    static final int GENERATION_FAILED = 501;

    private KieErrors() {
    }

    /**
     * The answer's body when the call worked, else throws the failure.
     *
     * @param mayRepeat whether repeating the call is safe (a status call or an upload, not a submit): makes
     *                  rate limits, outages and malformed answers retryable
     */
    static JsonNode expectOk(String what, ProviderHttp.Answer answer, boolean mayRepeat) {
        if (!answer.ok()) {
            throw ProviderHttp.failure(what, answer, message(answer.body()));
        }
        JsonNode code = answer.body().path("code");
        if (!code.canConvertToInt()) {
            throw new ProviderException(ErrorCode.PROVIDER_FAILED, what + ": answered without a code", answer.status(),
                    mayRepeat, null);
        }
        if (code.asInt() != OK) {
            throw forCode(what, answer, code.asInt(), mayRepeat);
        }
        return answer.body();
    }

    static String message(JsonNode body) {
        String msg = body.path("msg").asText("");
        return msg.isBlank() ? body.path("message").asText("") : msg;
    }

    /** The failure for a business code other than 200. */
    static ProviderException forCode(String what, ProviderHttp.Answer answer, int code, boolean mayRepeat) {
        String msg = message(answer.body());
        String text = what + ": code " + code + (msg.isBlank() ? "" : ": " + msg);
        int status = answer.status();
        return switch (code) {
            case 401, 403 -> new ProviderException(ErrorCode.PROVIDER_UNAVAILABLE, text + " (check the API key)",
                    status, false, null);
            case GENERATION_FAILED -> new ProviderException(ErrorCode.PROVIDER_FAILED, text + " (generation failed)",
                    status, false, null);
            // rate limited, maintenance, server error: the same call may work later
            case 429, 455, 500 -> later(text, answer, mayRepeat);
            // no credits, no such task, validation, sub-key limit, feature disabled: the user has to act
            case 402, 404, 422, 433, 505 -> rejected(text, status);
            default -> code >= 500 ? later(text, answer, mayRepeat)
                    : code >= 400 ? rejected(text, status)
                    : new ProviderException(ErrorCode.PROVIDER_FAILED, text, status, mayRepeat, null);
        };
    }

    private static ProviderException later(String text, ProviderHttp.Answer answer, boolean mayRepeat) {
        return new ProviderException(ErrorCode.PROVIDER_FAILED, text, answer.status(), mayRepeat,
                answer.retryAfterDuration().orElse(null));
    }

    private static ProviderException rejected(String text, int status) {
        return new ProviderException(ErrorCode.PROVIDER_REJECTED, text, status, false, null);
    }
}
