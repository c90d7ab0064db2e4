package io.reelroute.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/**
 * AudioSpecificConfigs FFmpeg's own encoder never writes (it makes AAC-LC only), built bit by bit: the reader must
 * answer only where the decoder cannot change the rate or the channels.
 */
class AacConfigTest {
    private static final String LC = "00010";
    private static final String HZ_44100 = "0100";
    private static final String HZ_22050 = "0111";
    private static final String STEREO = "0010";
    private static final String GA_SPECIFIC = "000";
    private static final String SYNC = "01010110111";
    private static final String SBR = "00101";

    @Test
    void plainLcAndLcThatRulesOutSbr() {
        assertThat(AacConfig.parse(esds(LC + HZ_44100 + STEREO + GA_SPECIFIC)))
                .isEqualTo(new AacConfig(44100, 2));
        // what FFmpeg's encoder writes: a sync extension saying "no SBR", which makes low rates safe too
        assertThat(AacConfig.parse(esds(LC + HZ_22050 + "0001" + GA_SPECIFIC + SYNC + SBR + "0")))
                .isEqualTo(new AacConfig(22050, 1));
    }

    @Test
    void whatTheDecoderMayChangeIsUndecided() {
        // HE-AAC signalled explicitly, hierarchically or by the sync extension
        assertUndecided(SBR + "0110" + STEREO + "0011" + LC + GA_SPECIFIC);
        assertUndecided(LC + HZ_22050 + STEREO + GA_SPECIFIC + SYNC + SBR + "1" + HZ_44100);
        // a low rate without the signal: the decoder takes SBR it finds in the stream (implicit HE-AAC)
        assertUndecided(LC + HZ_22050 + STEREO + GA_SPECIFIC);
        // 5.1, and a program config element (channel configuration 0)
        assertUndecided(LC + HZ_44100 + "0110" + GA_SPECIFIC);
        assertUndecided(LC + HZ_44100 + "0000" + GA_SPECIFIC);
    }

    private static void assertUndecided(String bits) {
        assertThatThrownBy(() -> AacConfig.parse(esds(bits))).isInstanceOf(UndecidableHeader.class);
    }

    /** An esds payload around an AudioSpecificConfig given as a string of bits (padded with zeros to bytes). */
    private static ByteBuffer esds(String bits) {
        byte[] config = new byte[(bits.length() + 7) / 8];
        for (int i = 0; i < bits.length(); i++) {
            if (bits.charAt(i) == '1') {
                config[i / 8] |= (byte) (0x80 >> (i % 8));
            }
        }
        ByteBuffer esds = ByteBuffer.allocate(64);
        esds.putInt(0); // version, flags
        esds.put((byte) 3).put((byte) (3 + 2 + 13 + 2 + config.length)).putShort((short) 1).put((byte) 0);
        esds.put((byte) 4).put((byte) (13 + 2 + config.length)).put((byte) 0x40).put((byte) 0x15);
        esds.put(new byte[11]); // buffer size, max and average bit rate
        esds.put((byte) 5).put((byte) config.length).put(config);
        return esds.flip();
    }
}
