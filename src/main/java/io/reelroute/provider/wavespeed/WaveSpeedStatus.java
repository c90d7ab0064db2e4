package io.reelroute.provider.wavespeed;

import com.fasterxml.jackson.databind.JsonNode;
import io.reelroute.error.ErrorCode;
import io.reelroute.provider.PollResult;
import io.reelroute.provider.ProviderHttp;
import java.net.URI;

/**
 * A prediction's {@code data} in reelroute's terms (PROTOCOLS.md 1.3): created and processing are running,
 * completed has the video in {@code outputs[0]}, failed has {@code error}; the SDKs also end on cancelled and
 * timeout. A failed generation is an HTTP 200 like any other status.
 */
final class WaveSpeedStatus {
    private WaveSpeedStatus() {
    }

    static PollResult read(ProviderHttp.Answer answer) {
        JsonNode data = answer.body().path("data");
        String status = data.path("status").asText("");
        return switch (status) {
            case "created", "processing" -> new PollResult.Pending(status, null);
            case "completed" -> completed(data, status);
            case "failed" -> new PollResult.Failed(status, ErrorCode.PROVIDER_FAILED,
                    error(data, "WaveSpeed reports the generation failed"));
            case "cancelled" -> new PollResult.Failed(status, ErrorCode.CANCELLED,
                    error(data, "WaveSpeed cancelled the generation"));
            case "timeout" -> new PollResult.Failed(status, ErrorCode.TIMEOUT,
                    error(data, "WaveSpeed gave up on the generation (timeout)"));
            // an empty or unknown status (malformed JSON never gets here: ProviderHttp throws, retryable):
            // asking again is safe and the job's poll timeout bounds it
            default -> throw status.isEmpty()
                    ? WaveSpeedErrors.malformed("WaveSpeed status", answer, "answered without data.status", true)
                    : WaveSpeedErrors.malformed("WaveSpeed status", answer, "unknown status '" + status + "'", true);
        };
    }

    private static PollResult completed(JsonNode data, String status) {
        JsonNode first = data.path("outputs").path(0);
        // a URL string for video models; ALwrity also meets objects with url / video_url, so take those too
        String url = first.isTextual() ? first.asText() : first.path("url").asText(first.path("video_url").asText(""));
        if (url.isBlank()) {
            return new PollResult.Failed(status, ErrorCode.PROVIDER_FAILED,
                    "WaveSpeed completed the generation without an output");
        }
        try {
            return new PollResult.Succeeded(status, URI.create(url));
        } catch (IllegalArgumentException e) {
            return new PollResult.Failed(status, ErrorCode.PROVIDER_FAILED,
                    "WaveSpeed completed the generation with an output that is not a URL");
        }
    }

    private static String error(JsonNode data, String otherwise) {
        String error = data.path("error").asText("");
        return error.isBlank() ? otherwise : error;
    }
}
