package io.reelroute.media;

/**
 * What ffprobe says about a media file: the {@code duration_s}, {@code width}, {@code height}, {@code fps},
 * {@code has_audio} and {@code size_bytes} of a result (CONTRACT section 4), plus the codecs.
 *
 * @param width      0 when there is no video stream
 * @param fps        average frame rate of the first video stream, 0 when unknown
 * @param videoCodec null when there is no video stream
 * @param audioCodec null when there is no audio stream
 */
public record MediaInfo(double durationS, int width, int height, double fps, boolean hasAudio, long sizeBytes,
                        String videoCodec, String audioCodec) {
}
