package io.reelroute.media;

/**
 * The MP4 headers do not settle a fact for certain (another codec, a layout FFmpeg would read its own way, a
 * damaged box): the caller asks ffprobe instead. Thrown, never shown to a user; no stack trace, it is not a bug.
 */
final class UndecidableHeader extends RuntimeException {
    UndecidableHeader(String reason) {
        super(reason, null, false, false);
    }
}
