package io.reelroute.provider.wavespeed;

import com.fasterxml.jackson.databind.JsonNode;
import io.reelroute.error.ErrorCode;
import io.reelroute.provider.ProviderException;
import io.reelroute.provider.ProviderHttp;
import java.util.Locale;

/** WaveSpeed's refusals (PROTOCOLS.md 1.6): a non-200 answer whose JSON {@code message} (or {@code error}) says why. */
final class WaveSpeedErrors {
    private WaveSpeedErrors() {
    }

    /** The failure for a non-2xx answer, in the usual status mapping, with WaveSpeed's own words. */
    static ProviderException failure(String what, ProviderHttp.Answer answer) {
        String message = message(answer.body());
        if (message != null && message.toLowerCase(Locale.ROOT).contains("insufficient credits")) {
            // whatever status it comes with, this is the account refusing work until it is topped up: no retry
            // or key check will help, the user has to act
            return new ProviderException(ErrorCode.PROVIDER_REJECTED, what + ": HTTP " + answer.status() + ": "
                    + message + " (top up the WaveSpeed account)", answer.status(), false, null);
        }
        return ProviderHttp.failure(what, answer, message);
    }

    /** The malformed-answer failure: the call may be repeated when {@code mayRepeat} (a status call, an upload). */
    static ProviderException malformed(String what, ProviderHttp.Answer answer, String problem, boolean mayRepeat) {
        return new ProviderException(ErrorCode.PROVIDER_FAILED, what + ": " + problem, answer.status(), mayRepeat,
                null);
    }

    static String message(JsonNode body) {
        for (JsonNode candidate : new JsonNode[] {body.path("message"), body.path("error"), body.path("data").path("error")}) {
            if (candidate.isTextual() && !candidate.asText().isBlank()) {
                return candidate.asText();
            }
        }
        return null;
    }
}
