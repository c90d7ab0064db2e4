package io.reelroute.provider.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import io.reelroute.catalog.ModelDef;
import io.reelroute.error.ErrorCode;
import io.reelroute.files.AtomicFiles;
import io.reelroute.provider.MediaFiles;
import io.reelroute.provider.ProviderException;
import io.reelroute.provider.RequestBodies;
import io.reelroute.provider.SubmitRequest;
import io.reelroute.provider.Submitted;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Image generation and editing with {@code generateContent} (PROTOCOLS 4.2), e.g. gemini-2.5-flash-image for
 * keyframes. Synchronous: the image comes back inline in the answer and is written to the job's work folder as
 * {@code keyframe.png} or {@code keyframe.jpg}, the names delivery looks for.
 */
final class ImageGeneration {
    private final GeminiApi api;

    ImageGeneration(GeminiApi api) {
        this.api = api;
    }

    Submitted generate(SubmitRequest request, String modelId) {
        ModelDef model = request.model();
        Map<String, Object> inputs = new LinkedHashMap<>();
        request.inputs().forEach((role, input) -> {
            GeminiApi.InlineBytes bytes = GeminiApi.inline(input, model.id());
            inputs.put(role, Map.of("mime_type", bytes.mimeType(), "data", bytes.base64()));
        });
        Map<String, Object> body = RequestBodies.build(model, request.prompt(), request.parameters(), inputs);
        String what = "gemini generateContent with " + modelId;
        JsonNode answer = api.post("models/" + modelId + ":generateContent", body, what);

        JsonNode candidate = answer.path("candidates").path(0);
        for (JsonNode part : candidate.path("content").path("parts")) {
            JsonNode inline = part.has("inlineData") ? part.path("inlineData") : part.path("inline_data");
            if (inline.hasNonNull("data")) {
                String mimeType = inline.has("mimeType") ? inline.path("mimeType").asText()
                        : inline.path("mime_type").asText();
                Path image = write(request.workDir(), mimeType, inline.path("data").asText(), what);
                String id = answer.path("responseId").asText("");
                return new Submitted.Finished(id.isBlank() ? "gemini-" + UUID.randomUUID() : id, image);
            }
        }
        throw new ProviderException(ErrorCode.PROVIDER_REJECTED, what + ": no image came back" + why(answer, candidate),
                200, false, null);
    }

    private static Path write(Path workDir, String mimeType, String base64, String what) {
        String extension = MediaFiles.extension(mimeType).filter(e -> e.equals("png") || e.equals("jpg"))
                .orElseThrow(() -> new ProviderException(ErrorCode.PROVIDER_FAILED, what + ": the image is "
                        + mimeType + ", and keyframes are delivered as PNG or JPEG", 200, false, null));
        byte[] bytes;
        try {
            bytes = Base64.getMimeDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new ProviderException(ErrorCode.PROVIDER_FAILED, what + ": the image data is not base64", 200,
                    false, null);
        }
        Path target = workDir.resolve("keyframe." + extension);
        AtomicFiles.write(target, bytes);
        return target;
    }

    /** The model's reasons, as far as it gives them: finish reason, block reason, and any text it wrote. */
    private static String why(JsonNode answer, JsonNode candidate) {
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
}
