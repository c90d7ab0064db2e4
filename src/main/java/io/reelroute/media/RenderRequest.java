package io.reelroute.media;

import java.nio.file.Path;

/**
 * One local-preview render.
 *
 * @param operation  {@link #IMAGE_TO_VIDEO}, {@link #TEXT_TO_VIDEO} or {@link #TALKING_AVATAR}
 * @param image      the still (image-to-video, talking-avatar); null for text-to-video
 * @param audio      the voice track (talking-avatar), which also sets the length; null otherwise
 * @param prompt     camera words for image-to-video, the card's text for text-to-video
 * @param durationS  seconds (image-to-video, text-to-video)
 * @param resolution {@code 480p}, {@code 720p}, {@code 1080p}; null means 480p, a preview's size
 * @param aspect     {@code 16:9}, {@code 9:16}, {@code 1:1} or the words; null means the still's nearest
 *                   (16:9 for text-to-video)
 * @param fps        frames per second; 0 or less means 30
 * @param outputMp4  where the MP4 appears (atomically) when done
 */
public record RenderRequest(String operation, Path image, Path audio, String prompt, double durationS,
                            String resolution, String aspect, int fps, Path outputMp4) {
    public static final String IMAGE_TO_VIDEO = "image-to-video";
    public static final String TEXT_TO_VIDEO = "text-to-video";
    public static final String TALKING_AVATAR = "talking-avatar";
    public static final int DEFAULT_FPS = 30;
    public static final String DEFAULT_RESOLUTION = "480p";

    public RenderRequest {
        fps = fps > 0 ? fps : DEFAULT_FPS;
        resolution = resolution == null || resolution.isBlank() ? DEFAULT_RESOLUTION : resolution;
    }
}
