package io.reelroute.provider.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import io.reelroute.catalog.ModelDef;
import io.reelroute.catalog.Operation;
import io.reelroute.error.ErrorCode;
import io.reelroute.provider.PollResult;
import io.reelroute.provider.Prediction;
import io.reelroute.provider.ProviderException;
import io.reelroute.provider.RequestBodies;
import io.reelroute.provider.SubmitRequest;
import io.reelroute.provider.Submitted;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Veo through the Gemini API (PROTOCOLS 4.3): {@code predictLongRunning} starts a long-running operation whose
 * {@code name} is the prediction id; polling GETs {@code {base}/{name}} until {@code done}.
 */
final class VideoOperations {
    private final GeminiApi api;

    VideoOperations(GeminiApi api) {
        this.api = api;
    }

    Submitted start(SubmitRequest request, String modelId) {
        ModelDef model = request.model();
        Map<String, Object> inputs = new LinkedHashMap<>();
        request.inputs().forEach((role, input) -> {
            GeminiApi.InlineBytes bytes = GeminiApi.inline(input, model.id());
            inputs.put(role, Map.of("bytesBase64Encoded", bytes.base64(), "mimeType", bytes.mimeType()));
        });
        Map<String, Object> body = RequestBodies.build(model, request.prompt(), request.parameters(), inputs);
        personGeneration(body, request.operation());
        String what = "gemini predictLongRunning with " + modelId;
        JsonNode answer = api.post("models/" + modelId + ":predictLongRunning", body, what);
        String name = answer.path("name").asText("");
        if (name.isBlank()) {
            // accepted (2xx), so it may be running and billed: the outcome is unknown
            throw new ProviderException(ErrorCode.PROVIDER_FAILED, what + ": the answer has no operation name, so"
                    + " the video cannot be followed", 200, false, null);
        }
        return new Submitted.Accepted(Prediction.of(name));
    }

    /**
     * Veo 3.x on the Gemini API accepts only "allow_adult" for image-to-video and wants "allow_all" for
     * text-to-video (PROTOCOLS 4.3). It depends on the operation, so the catalog cannot hold it as a constant;
     * a value the catalog does send is kept.
     */
    @SuppressWarnings("unchecked")
    private static void personGeneration(Map<String, Object> body, String operation) {
        Map<String, Object> parameters = (Map<String, Object>) body.computeIfAbsent("parameters",
                k -> new LinkedHashMap<String, Object>());
        parameters.putIfAbsent("personGeneration",
                Operation.TEXT_TO_VIDEO.id().equals(operation) ? "allow_all" : "allow_adult");
    }

    PollResult poll(Prediction prediction) {
        String what = "gemini operation " + prediction.id();
        JsonNode operation = api.get(prediction.id(), what);
        if (!operation.isObject()) {
            throw new ProviderException(ErrorCode.PROVIDER_FAILED, what + ": the answer is not an operation", 200,
                    true, null);
        }
        // proto3 JSON leaves out false: a running operation may have no "done" at all
        if (!operation.path("done").asBoolean(false)) {
            return new PollResult.Pending("running", null);
        }
        JsonNode error = operation.path("error");
        if (error.isObject()) {
            String message = error.path("message").asText("");
            return new PollResult.Failed("done", ErrorCode.PROVIDER_FAILED, (message.isBlank() ? "failed" : message)
                    + (error.has("code") ? " (code " + error.path("code").asText() + ")" : ""));
        }
        JsonNode videos = operation.path("response").path("generateVideoResponse");
        String uri = videos.path("generatedSamples").path(0).path("video").path("uri").asText("");
        if (!uri.isBlank()) {
            return new PollResult.Succeeded("done", URI.create(uri));
        }
        List<String> reasons = new ArrayList<>();
        videos.path("raiMediaFilteredReasons").forEach(reason -> reasons.add(reason.asText()));
        if (!reasons.isEmpty()) {
            return new PollResult.Failed("done", ErrorCode.PROVIDER_REJECTED, "the provider's safety filters removed"
                    + " the video: " + String.join("; ", reasons));
        }
        return new PollResult.Failed("done", ErrorCode.PROVIDER_FAILED, "the operation finished without a video");
    }
}
