package io.reelroute.media;

import java.nio.charset.StandardCharsets;

/**
 * Keeps only the last {@code capacity} bytes written to it. A child process can print without limit (FFmpeg
 * warnings per frame, a tool dumping raw data to stdout); holding all of it would let one job grow the heap.
 */
final class BoundedTail {
    private final byte[] ring;
    private long written;

    BoundedTail(int capacity) {
        this.ring = new byte[capacity];
    }

    synchronized void write(byte[] data, int offset, int length) {
        // Only the last ring.length bytes of this chunk can survive; skip the rest up front.
        int skip = Math.max(0, length - ring.length);
        written += skip;
        for (int i = offset + skip; i < offset + length; i++) {
            ring[(int) (written++ % ring.length)] = data[i];
        }
    }

    synchronized boolean truncated() {
        return written > ring.length;
    }

    /** The kept bytes as UTF-8 text (a character cut at the start of the window decodes as a replacement). */
    synchronized String text() {
        int kept = (int) Math.min(written, ring.length);
        byte[] out = new byte[kept];
        int start = (int) ((written - kept) % ring.length);
        int firstPart = Math.min(kept, ring.length - start);
        System.arraycopy(ring, start, out, 0, firstPart);
        System.arraycopy(ring, 0, out, firstPart, kept - firstPart);
        return new String(out, StandardCharsets.UTF_8);
    }
}
