package io.reelroute.media;

import java.util.Arrays;

/**
 * Reads a bit string most significant bit first, as H.264 parameter sets and AAC decoder configurations are
 * written, including the Exp-Golomb codes of H.264. Reading past the end throws {@link UndecidableHeader}.
 */
final class BitReader {
    private final byte[] data;
    private final long limit;
    private long position;

    BitReader(byte[] data) {
        this.data = data;
        this.limit = 8L * data.length;
    }

    /**
     * The payload of an H.264 NAL unit without its one-byte header, with the emulation prevention bytes
     * removed (an encoder writes 00 00 03 where the payload has 00 00 followed by 00..03).
     */
    static BitReader ofNal(byte[] nal) {
        byte[] rbsp = new byte[Math.max(0, nal.length - 1)];
        int length = 0;
        int zeros = 0;
        for (int i = 1; i < nal.length; i++) {
            int b = nal[i] & 0xff;
            if (zeros >= 2 && b == 3) {
                zeros = 0;
                continue;
            }
            zeros = b == 0 ? zeros + 1 : 0;
            rbsp[length++] = (byte) b;
        }
        return new BitReader(Arrays.copyOf(rbsp, length));
    }

    long bitsLeft() {
        return limit - position;
    }

    boolean flag() {
        return bits(1) == 1;
    }

    /** Up to 32 bits as an unsigned number. */
    long bits(int count) {
        if (count > bitsLeft()) {
            throw new UndecidableHeader("a bit string ends early");
        }
        long value = 0;
        for (int i = 0; i < count; i++, position++) {
            value = value << 1 | (data[(int) (position >>> 3)] >> (7 - (position & 7))) & 1;
        }
        return value;
    }

    /** The next {@code count} bits without consuming them. */
    long peek(int count) {
        long saved = position;
        try {
            return bits(count);
        } finally {
            position = saved;
        }
    }

    void skip(long count) {
        if (count > bitsLeft()) {
            throw new UndecidableHeader("a bit string ends early");
        }
        position += count;
    }

    /** ue(v): unsigned Exp-Golomb. */
    long ue() {
        int zeros = 0;
        while (!flag()) {
            if (++zeros > 31) {
                throw new UndecidableHeader("an Exp-Golomb code is too long");
            }
        }
        return (1L << zeros) - 1 + bits(zeros);
    }

    /** se(v): signed Exp-Golomb (1, -1, 2, -2, ...). */
    long se() {
        long code = ue();
        return (code & 1) == 1 ? (code + 1) / 2 : -(code / 2);
    }
}
