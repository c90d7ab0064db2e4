package io.reelroute.catalog;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * What a model makes when the spec has no say: a fixed output size, and whether the frame follows the
 * input image. Used to explain why {@code resolution} or {@code aspect} is refused, and to log a
 * resolution for models without the parameter.
 *
 * @param resolution fixed output resolution ({@code 720p}), or null
 * @param aspect     {@code from-image} when the output frame follows the input image, else null
 */
public record ModelOutput(
        @JsonProperty("resolution") String resolution,
        @JsonProperty("aspect") String aspect) {

    public static final String FROM_IMAGE = "from-image";
    public static final ModelOutput UNSPECIFIED = new ModelOutput(null, null);

    public boolean aspectFromImage() {
        return FROM_IMAGE.equals(aspect);
    }

    /** "its output is 720p and follows the image", or null when there is nothing to say. */
    String explanation() {
        String size = resolution == null ? null : "is " + resolution;
        String frame = aspectFromImage() ? "follows the image" : null;
        if (size == null && frame == null) {
            return null;
        }
        return "its output " + (size != null && frame != null ? size + " and " + frame : size != null ? size : frame);
    }
}
