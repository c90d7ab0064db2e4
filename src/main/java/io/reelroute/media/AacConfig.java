package io.reelroute.media;

import java.nio.ByteBuffer;

/**
 * Sample rate and channels of AAC-LC audio, from the AudioSpecificConfig inside an {@code esds} box (ISO 14496-1
 * descriptors, 14496-3 1.6.2.1). Only mono and stereo AAC-LC whose rate the decoder cannot change are answered:
 * with HE-AAC (SBR, parametric stereo) the decoder doubles the rate or the channels, which ffprobe reports.
 */
record AacConfig(int sampleRate, int channels) {
    private static final int ES_DESCRIPTOR = 3;
    private static final int DECODER_CONFIG = 4;
    private static final int DECODER_SPECIFIC_INFO = 5;
    private static final int MPEG4_AUDIO = 0x40;
    private static final int AAC_LC = 2;
    private static final int SBR = 5;
    private static final int[] RATES = {96000, 88200, 64000, 48000, 44100, 32000, 24000, 22050, 16000, 12000, 11025,
            8000, 7350};

    static AacConfig parse(ByteBuffer esds) {
        ByteBuffer in = esds.duplicate().position(4); // version and flags
        descriptor(in, ES_DESCRIPTOR);
        in.position(in.position() + 2); // ES_ID
        int flags = in.get() & 0xff;
        int skip = ((flags & 0x80) != 0 ? 2 : 0) + ((flags & 0x20) != 0 ? 2 : 0);
        if ((flags & 0x40) != 0) {
            skip += 1 + (in.get(in.position()) & 0xff); // URL
        }
        in.position(in.position() + skip);
        descriptor(in, DECODER_CONFIG);
        if ((in.get() & 0xff) != MPEG4_AUDIO) {
            throw new UndecidableHeader("audio other than MPEG-4 AAC");
        }
        in.position(in.position() + 12); // stream type, buffer size, max and average bit rate
        byte[] config = new byte[descriptor(in, DECODER_SPECIFIC_INFO)];
        in.get(config);
        return audioSpecificConfig(new BitReader(config));
    }

    private static AacConfig audioSpecificConfig(BitReader config) {
        if (objectType(config) != AAC_LC) {
            throw new UndecidableHeader("AAC other than LC");
        }
        int index = (int) config.bits(4);
        int rate = index == 15 ? (int) config.bits(24) : index < RATES.length ? RATES[index] : 0;
        int channels = (int) config.bits(4);
        if (rate <= 0 || channels < 1 || channels > 2) {
            throw new UndecidableHeader("AAC of " + channels + " channel configuration or unknown rate");
        }
        // As FFmpeg does: look for the sync extension that says whether SBR is present, bit by bit from here
        boolean sbrExcluded = false;
        while (config.bitsLeft() > 15) {
            if (config.peek(11) != 0x2b7) {
                config.skip(1);
                continue;
            }
            config.skip(11);
            if (objectType(config) == SBR) {
                if (config.flag()) {
                    throw new UndecidableHeader("HE-AAC (SBR signalled)");
                }
                sbrExcluded = true;
            }
            if (config.bitsLeft() > 11 && config.bits(11) == 0x548 && config.flag()) {
                throw new UndecidableHeader("AAC with parametric stereo signalled");
            }
            break;
        }
        // Without that signal the decoder takes SBR it finds in the stream (implicit HE-AAC) and doubles the rate;
        // encoders do so only below 32 kHz.
        if (!sbrExcluded && rate <= 24000) {
            throw new UndecidableHeader("AAC at " + rate + " Hz that may carry implicit SBR");
        }
        return new AacConfig(rate, channels);
    }

    /** FFmpeg's names for 1 and 2 channels. */
    String layout() {
        return channels == 1 ? "mono" : "stereo";
    }

    private static int objectType(BitReader config) {
        int type = (int) config.bits(5);
        return type == 31 ? 32 + (int) config.bits(6) : type;
    }

    /** Reads a descriptor's tag (which must be {@code tag}) and its length of one to four 7-bit groups. */
    private static int descriptor(ByteBuffer in, int tag) {
        if ((in.get() & 0xff) != tag) {
            throw new UndecidableHeader("an esds box without descriptor " + tag);
        }
        int length = 0;
        for (int i = 0; i < 4; i++) {
            int b = in.get() & 0xff;
            length = length << 7 | b & 0x7f;
            if ((b & 0x80) == 0) {
                break;
            }
        }
        if (length > in.remaining()) {
            throw new UndecidableHeader("an esds descriptor that overruns its box");
        }
        return length;
    }
}
