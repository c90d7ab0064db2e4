package io.reelroute.media;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * Reads what an image declares about itself (width and height) and whether its data is complete, from the
 * container structure alone: a few small reads, no decoding.
 *
 * <p>Why not ffprobe for the size: ffprobe decodes the picture to learn it (a 8000x8000 RGBA PNG costs 256 MB),
 * and for pictures beyond FFmpeg's own limit it reports 0x0 (measured: 20000x20000 gives "Picture size
 * 20000x20000 is invalid"), so it could neither reject those cheaply nor say how big they are.
 */
final class ImageHeader {
    record Dimensions(int width, int height) {
    }

    /** The header cannot be read: it is cut short ({@code endsEarly}) or does not follow the format. */
    static final class Malformed extends Exception {
        final boolean endsEarly;

        Malformed(String reason, boolean endsEarly) {
            super(reason, null, false, false);
            this.endsEarly = endsEarly;
        }
    }

    private ImageHeader() {
    }

    static Dimensions dimensions(ImageFormat format, FileChannel file) throws IOException, Malformed {
        return switch (format) {
            case PNG -> png(file);
            case JPEG -> jpeg(file);
            case WEBP -> webp(file);
        };
    }

    /** True when the data stops before the format's end marker (PNG IEND, JPEG EOI, the RIFF size of WebP). */
    static boolean endsEarly(ImageFormat format, FileChannel file) throws IOException {
        long size = file.size();
        switch (format) {
            case PNG -> {
                long pos = 8;
                for (ByteBuffer chunk; (chunk = read(file, pos, 8)) != null; ) {
                    if (ascii(chunk, 4, "IEND")) {
                        return false;
                    }
                    pos += 12 + Integer.toUnsignedLong(chunk.getInt(0)); // length, type, data, CRC
                }
                return true;
            }
            case JPEG -> {
                ByteBuffer end = read(file, size - 2, 2);
                return end == null || (end.get(0) & 0xff) != 0xff || (end.get(1) & 0xff) != 0xd9;
            }
            default -> {
                ByteBuffer riff = read(file, 4, 4);
                return riff == null || 8 + Integer.toUnsignedLong(riff.order(java.nio.ByteOrder.LITTLE_ENDIAN).getInt(0)) > size;
            }
        }
    }

    /**
     * True for an animated WebP (VP8X with the animation flag): this FFmpeg cannot decode those ("image data not
     * found"), so they are refused with their own reason rather than called damaged.
     */
    static boolean animatedWebp(FileChannel file) throws IOException {
        ByteBuffer head = read(file, 12, 9);
        return head != null && ascii(head, 0, "VP8X") && (head.get(8) & 0x02) != 0;
    }

    private static Dimensions png(FileChannel file) throws IOException, Malformed {
        ByteBuffer ihdr = require(file, 8, 16);
        if (!ascii(ihdr, 4, "IHDR")) {
            throw new Malformed("its first chunk is not IHDR", false);
        }
        return checked(ihdr.getInt(8), ihdr.getInt(12));
    }

    /** Walks the marker segments up to the first frame header (SOFn), which holds the size. */
    private static Dimensions jpeg(FileChannel file) throws IOException, Malformed {
        long pos = 2;
        while (true) {
            ByteBuffer marker = require(file, pos, 2);
            if ((marker.get(0) & 0xff) != 0xff) {
                throw new Malformed("a JPEG marker is missing", false);
            }
            int code = marker.get(1) & 0xff;
            if (code == 0xff) {
                pos++; // fill byte before a marker
            } else if (code == 0xd8 || code == 0x01 || (code >= 0xd0 && code <= 0xd7)) {
                pos += 2; // markers without a length
            } else if (code == 0xda || code == 0xd9) {
                throw new Malformed("the image data starts before its frame header", false);
            } else if (code >= 0xc0 && code <= 0xcf && code != 0xc4 && code != 0xc8 && code != 0xcc) {
                ByteBuffer frame = require(file, pos + 4, 5); // precision, height, width
                return checked(frame.getShort(3) & 0xffff, frame.getShort(1) & 0xffff);
            } else {
                pos += 2 + (require(file, pos + 2, 2).getShort(0) & 0xffff);
            }
        }
    }

    private static Dimensions webp(FileChannel file) throws IOException, Malformed {
        ByteBuffer head = require(file, 0, 30).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        if (ascii(head, 12, "VP8 ")) { // lossy: key frame tag, start code 9d 01 2a, 14-bit sizes
            if ((head.get(23) & 0xff) != 0x9d || (head.get(24) & 0xff) != 0x01 || (head.get(25) & 0xff) != 0x2a) {
                throw new Malformed("its VP8 start code is missing", false);
            }
            return checked(head.getShort(26) & 0x3fff, head.getShort(28) & 0x3fff);
        }
        if (ascii(head, 12, "VP8L")) { // lossless: signature 0x2f, then (width-1) and (height-1) in 14 bits each
            int bits = head.getInt(21);
            return checked((bits & 0x3fff) + 1, ((bits >>> 14) & 0x3fff) + 1);
        }
        if (ascii(head, 12, "VP8X")) { // extended: canvas (width-1) and (height-1) in 24 bits each
            return checked(uint24(head, 24) + 1, uint24(head, 27) + 1);
        }
        throw new Malformed("its first chunk is not VP8, VP8L or VP8X", false);
    }

    private static Dimensions checked(int width, int height) throws Malformed {
        if (width <= 0 || height <= 0) {
            throw new Malformed("it declares a size of " + width + "x" + height, false);
        }
        return new Dimensions(width, height);
    }

    private static ByteBuffer require(FileChannel file, long pos, int length) throws IOException, Malformed {
        ByteBuffer buffer = read(file, pos, length);
        if (buffer == null) {
            throw new Malformed("the image data ends early", true);
        }
        return buffer;
    }

    /** {@code length} bytes at {@code pos} (big-endian view), or null when the file ends first. */
    private static ByteBuffer read(FileChannel file, long pos, int length) throws IOException {
        if (pos < 0 || pos + length > file.size()) {
            return null;
        }
        ByteBuffer buffer = ByteBuffer.allocate(length);
        while (buffer.hasRemaining()) {
            if (file.read(buffer, pos + buffer.position()) < 0) {
                return null;
            }
        }
        return buffer.flip();
    }

    private static boolean ascii(ByteBuffer buffer, int offset, String text) {
        for (int i = 0; i < text.length(); i++) {
            if (buffer.get(offset + i) != text.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static int uint24(ByteBuffer buffer, int offset) {
        return (buffer.get(offset) & 0xff) | (buffer.get(offset + 1) & 0xff) << 8 | (buffer.get(offset + 2) & 0xff) << 16;
    }
}
