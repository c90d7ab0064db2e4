package io.reelroute.catalog;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * What a model can do beyond its parameters, for the layers that plan stories and talk to providers.
 *
 * @param firstLastFrame      takes a first and a last frame (story keyframes get the pair)
 * @param maxDurationSeconds  longest output when {@code duration} does not bound it (talking-avatar audio); may be null
 * @param needsPublicImageUrl the image must be uploaded to a public URL before submitting (KIE's Sora)
 * @param synchronous         the submit call answers with the result; there is nothing to poll
 * @param keyframeMode        how a story in keyframes continuity feeds the model: {@code single} (the shot's
 *                            keyframe) or {@code paired} (the shot's keyframe and the next one's as the last
 *                            frame); null means paired exactly when the model takes a first and a last frame
 */
public record Capabilities(
        @JsonProperty("first_last_frame") boolean firstLastFrame,
        @JsonProperty("max_duration_seconds") Integer maxDurationSeconds,
        @JsonProperty("needs_public_image_url") boolean needsPublicImageUrl,
        @JsonProperty("synchronous") boolean synchronous,
        @JsonProperty("keyframe_mode") String keyframeMode) {

    public static final Capabilities NONE = new Capabilities(false, null, false, false, null);

    public Capabilities {
        if (keyframeMode != null && !keyframeMode.equals("single") && !keyframeMode.equals("paired")) {
            throw new IllegalArgumentException("keyframe_mode is single or paired, not '" + keyframeMode + "'");
        }
        if ("paired".equals(keyframeMode) && !firstLastFrame) {
            throw new IllegalArgumentException("keyframe_mode paired needs first_last_frame: true");
        }
    }

    /** A story's keyframes reach the model as a first-and-last pair. */
    public boolean pairedKeyframes() {
        return firstLastFrame && !"single".equals(keyframeMode);
    }
}
