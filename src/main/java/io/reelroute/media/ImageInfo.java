package io.reelroute.media;

/**
 * An image that passed {@link ImageInspector#inspect}.
 *
 * @param format {@code png}, {@code jpeg} or {@code webp}
 */
public record ImageInfo(String format, int width, int height) {
}
