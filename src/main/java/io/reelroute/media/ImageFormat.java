package io.reelroute.media;

import java.util.Arrays;
import java.util.Optional;

/**
 * The still formats reelroute accepts, recognised by their first bytes rather than by the file name.
 * Each names the FFmpeg demuxer to force: the default image2 demuxer would guess from the extension and treat
 * a '%' in a file name as a numbered-sequence pattern.
 */
enum ImageFormat {
    PNG("png", "png_pipe"),
    JPEG("jpeg", "jpeg_pipe"),
    WEBP("webp", "webp_pipe");

    /** Enough bytes to tell the formats apart. */
    static final int SNIFF_BYTES = 12;
    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    private final String label;
    private final String demuxer;

    ImageFormat(String label, String demuxer) {
        this.label = label;
        this.demuxer = demuxer;
    }

    String label() {
        return label;
    }

    String demuxer() {
        return demuxer;
    }

    static Optional<ImageFormat> sniff(byte[] head) {
        if (head.length >= 8 && Arrays.equals(head, 0, 8, PNG_SIGNATURE, 0, 8)) {
            return Optional.of(PNG);
        }
        if (head.length >= 3 && (head[0] & 0xff) == 0xff && (head[1] & 0xff) == 0xd8 && (head[2] & 0xff) == 0xff) {
            return Optional.of(JPEG);
        }
        if (head.length >= 12 && ascii(head, 0, "RIFF") && ascii(head, 8, "WEBP")) {
            return Optional.of(WEBP);
        }
        return Optional.empty();
    }

    private static boolean ascii(byte[] bytes, int offset, String text) {
        for (int i = 0; i < text.length(); i++) {
            if (bytes[offset + i] != text.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
