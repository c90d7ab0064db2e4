package io.reelroute.provider.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import io.reelroute.catalog.ModelDef;
import io.reelroute.catalog.RequestMapping;
import io.reelroute.error.ErrorCode;
import io.reelroute.files.AtomicFiles;
import io.reelroute.provider.MediaFiles;
import io.reelroute.provider.ProviderException;
import io.reelroute.provider.RequestBodies;
import io.reelroute.provider.SubmitRequest;
import io.reelroute.provider.Submitted;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Image generation and editing with {@code generateContent} (PROTOCOLS 4.2), e.g. gemini-2.5-flash-image for
 * keyframes: the prompt, then the image to edit and any reference images, each an inline_data part.
 * Synchronous: the image comes back inline in the answer and is written to the job's work folder as
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
        request.inputs().values().stream().sorted(Comparator.comparingInt(input -> partOrder(input.role())))
                .forEach(input -> {
                    GeminiApi.InlineBytes bytes = GeminiApi.inline(input, model.id());
                    inputs.put(input.role(), Map.of("mime_type", bytes.mimeType(), "data", bytes.base64()));
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
        throw new ProviderException(ErrorCode.PROVIDER_REJECTED, what + ": no image came back"
                + GeminiApi.why(answer, candidate), 200, false, null);
    }

    /**
     * Where an input's part goes: the image being edited first, then the reference images (characters,
     * settings) from reference_1 on, the order a prompt refers to them in. Fixed here rather than left to the
     * order in which the job's stored inputs happen to be read.
     */
    private static int partOrder(String role) {
        if ("image".equals(role)) {
            return 0;
        }
        int reference = RequestMapping.REFERENCE_INPUTS.indexOf(role);
        return reference < 0 ? Integer.MAX_VALUE : 1 + reference;
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
}
