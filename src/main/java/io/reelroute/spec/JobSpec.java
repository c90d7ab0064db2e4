package io.reelroute.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.List;

/**
 * The job spec of CONTRACT section 3, exactly as a user writes it (snake_case, every field optional).
 * Unknown fields are refused when it is read ({@link SpecReader}); defaults and checks against the chosen
 * model happen later, in the catalog.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record JobSpec(
        @JsonProperty("operation") String operation,
        @JsonProperty("model") String model,
        @JsonProperty("prompt") String prompt,
        @JsonProperty("negative_prompt") String negativePrompt,
        @JsonProperty("shot") Shot shot,
        @JsonProperty("scene") JsonNode scene,
        @JsonProperty("story_context") JsonNode storyContext,
        @JsonProperty("image") String image,
        @JsonProperty("audio") String audio,
        @JsonProperty("mask_image") String maskImage,
        @JsonProperty("duration") BigDecimal duration,
        @JsonProperty("resolution") String resolution,
        @JsonProperty("aspect") String aspect,
        @JsonProperty("seed") Long seed,
        @JsonProperty("guidance_scale") BigDecimal guidanceScale,
        @JsonProperty("prompt_expansion") Boolean promptExpansion,
        @JsonProperty("generate_audio") Boolean generateAudio,
        @JsonProperty("user_id") String userId,
        @JsonProperty("tags") List<String> tags,
        @JsonProperty("notify_url") String notifyUrl) {

    /** The {@code shot} object: what the motion prompt is built from when {@code prompt} is absent. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Shot(
            @JsonProperty("camera_language") String cameraLanguage,
            @JsonProperty("energy") Double energy,
            @JsonProperty("environment") String environment,
            @JsonProperty("symbolic_elements") List<String> symbolicElements) {
    }

    public static JobSpec empty() {
        return new JobSpec(null, null, null, null, null, null, null, null, null, null, null, null, null, null,
                null, null, null, null, null, null);
    }

    public JobSpec withImage(String path) {
        return new JobSpec(operation, model, prompt, negativePrompt, shot, scene, storyContext, path, audio,
                maskImage, duration, resolution, aspect, seed, guidanceScale, promptExpansion, generateAudio,
                userId, tags, notifyUrl);
    }

    public JobSpec withPrompt(String newPrompt) {
        return new JobSpec(operation, model, newPrompt, negativePrompt, shot, scene, storyContext, image, audio,
                maskImage, duration, resolution, aspect, seed, guidanceScale, promptExpansion, generateAudio,
                userId, tags, notifyUrl);
    }

    /** The same spec with other input locations (an HTTP upload's files, say). */
    public JobSpec withInputs(String newImage, String newAudio, String newMaskImage) {
        return new JobSpec(operation, model, prompt, negativePrompt, shot, scene, storyContext, newImage, newAudio,
                newMaskImage, duration, resolution, aspect, seed, guidanceScale, promptExpansion, generateAudio,
                userId, tags, notifyUrl);
    }

    public JobSpec withUserId(String newUserId) {
        return new JobSpec(operation, model, prompt, negativePrompt, shot, scene, storyContext, image, audio,
                maskImage, duration, resolution, aspect, seed, guidanceScale, promptExpansion, generateAudio,
                newUserId, tags, notifyUrl);
    }
}
