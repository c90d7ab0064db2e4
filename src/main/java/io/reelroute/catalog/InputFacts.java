package io.reelroute.catalog;

/**
 * What the intake found out about a job's input files before planning it: which are present (from the spec
 * or from uploaded parts / a paired image), how long the audio is (for talking-avatar pricing) and the
 * image's size (to pick the nearest aspect). Unknown numbers are null.
 */
public record InputFacts(boolean hasImage, boolean hasAudio, boolean hasMaskImage, Double audioSeconds,
                         Integer imageWidth, Integer imageHeight) {

    /** No input files: a text-to-video or keyframe-from-text job. */
    public static final InputFacts NONE = new InputFacts(false, false, false, null, null, null);

    public static InputFacts image(int width, int height) {
        return new InputFacts(true, false, false, null, width, height);
    }

    public static InputFacts imageAndAudio(int width, int height, double audioSeconds) {
        return new InputFacts(true, true, false, audioSeconds, width, height);
    }

    public InputFacts withMaskImage() {
        return new InputFacts(hasImage, hasAudio, true, audioSeconds, imageWidth, imageHeight);
    }

    boolean knowsImageSize() {
        return imageWidth != null && imageHeight != null && imageWidth > 0 && imageHeight > 0;
    }
}
