package io.reelroute.catalog;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * What a model can do beyond its parameters, for the layers that plan stories and talk to providers.
 *
 * @param firstLastFrame      takes a first and a last frame (story keyframes get the pair)
 * @param maxDurationSeconds  longest output when {@code duration} does not bound it (talking-avatar audio); may be null
 * @param needsPublicImageUrl the image must be uploaded to a public URL before submitting (KIE's Sora)
 * @param synchronous         the submit call answers with the result; there is nothing to poll
 */
public record Capabilities(
        @JsonProperty("first_last_frame") boolean firstLastFrame,
        @JsonProperty("max_duration_seconds") Integer maxDurationSeconds,
        @JsonProperty("needs_public_image_url") boolean needsPublicImageUrl,
        @JsonProperty("synchronous") boolean synchronous) {

    public static final Capabilities NONE = new Capabilities(false, null, false, false);
}
