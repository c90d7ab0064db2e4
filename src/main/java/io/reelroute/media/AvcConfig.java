package io.reelroute.media;

import java.nio.ByteBuffer;
import java.util.HexFormat;
import java.util.Set;

/**
 * What an H.264 decoder configuration ({@code avcC}) says through its sequence parameter set, for the 8-bit 4:2:0
 * progressive video FFmpeg reports as {@code yuv420p}. Anything else (4:2:2, 10-bit, interlaced, full range, which
 * FFmpeg reports as {@code yuvj420p}) is {@link UndecidableHeader}: ffprobe names it.
 *
 * @param sarWidth 0 when the stream does not say its sample aspect (FFmpeg then reports none)
 * @param bytes    the whole configuration in hex: clips with equal bytes decode with one another's parameter sets
 */
record AvcConfig(int width, int height, int sarWidth, int sarHeight, String bytes) {
    /** Profiles whose SPS carries chroma format and bit depth (ITU-T H.264 7.3.2.1.1); the rest are 8-bit 4:2:0. */
    private static final Set<Integer> HIGH_PROFILES = Set.of(100, 110, 122, 244, 44, 83, 86, 118, 128, 138, 139, 134,
            135);
    /** aspect_ratio_idc 0..16 (Table E-1); 0 is "unspecified". */
    private static final int[][] ASPECTS = {{0, 0}, {1, 1}, {12, 11}, {10, 11}, {16, 11}, {40, 33}, {24, 11},
            {20, 11}, {32, 11}, {80, 33}, {18, 11}, {15, 11}, {64, 33}, {160, 99}, {4, 3}, {3, 2}, {2, 1}};
    private static final int EXTENDED_SAR = 255;

    static AvcConfig parse(ByteBuffer avcC) {
        byte[] config = new byte[avcC.limit()];
        avcC.get(0, config);
        if (config.length < 8 || config[0] != 1 || (config[5] & 0x1f) != 1) {
            throw new UndecidableHeader("an avcC that is not version 1 with one SPS");
        }
        int length = (config[6] & 0xff) << 8 | config[7] & 0xff;
        if (length < 4 || 8 + length > config.length || (config[8] & 0x1f) != 7) {
            throw new UndecidableHeader("an avcC whose SPS is cut or missing");
        }
        byte[] nal = new byte[length];
        System.arraycopy(config, 8, nal, 0, length);
        return sps(BitReader.ofNal(nal), HexFormat.of().formatHex(config));
    }

    private static AvcConfig sps(BitReader sps, String bytes) {
        int profile = (int) sps.bits(8);
        sps.skip(16); // constraint flags, level_idc
        sps.ue(); // seq_parameter_set_id
        if (HIGH_PROFILES.contains(profile)) {
            long chromaFormat = sps.ue();
            long lumaDepth = 8 + sps.ue();
            long chromaDepth = 8 + sps.ue();
            if (chromaFormat != 1 || lumaDepth != 8 || chromaDepth != 8) {
                throw new UndecidableHeader("H.264 other than 8-bit 4:2:0");
            }
            sps.skip(1); // qpprime_y_zero_transform_bypass_flag
            if (sps.flag()) { // seq_scaling_matrix_present_flag: 8 lists for 4:2:0
                for (int i = 0; i < 8; i++) {
                    if (sps.flag()) {
                        skipScalingList(sps, i < 6 ? 16 : 64);
                    }
                }
            }
        }
        sps.ue(); // log2_max_frame_num_minus4
        long pocType = sps.ue();
        if (pocType == 0) {
            sps.ue(); // log2_max_pic_order_cnt_lsb_minus4
        } else if (pocType == 1) {
            sps.skip(1);
            sps.se();
            sps.se();
            long cycle = sps.ue();
            if (cycle > 255) {
                throw new UndecidableHeader("an SPS with a malformed picture order cycle");
            }
            for (long i = 0; i < cycle; i++) {
                sps.se();
            }
        }
        sps.ue(); // max_num_ref_frames
        sps.skip(1); // gaps_in_frame_num_value_allowed_flag
        long width = 16 * (sps.ue() + 1);
        long height = 16 * (sps.ue() + 1);
        if (!sps.flag()) { // frame_mbs_only_flag
            throw new UndecidableHeader("interlaced H.264");
        }
        sps.skip(1); // direct_8x8_inference_flag
        if (sps.flag()) { // frame_cropping_flag, in units of 2 pixels for 4:2:0
            width -= 2 * (sps.ue() + sps.ue());
            height -= 2 * (sps.ue() + sps.ue());
        }
        int sarWidth = 0;
        int sarHeight = 0;
        if (sps.flag()) { // vui_parameters_present_flag
            if (sps.flag()) { // aspect_ratio_info_present_flag
                int idc = (int) sps.bits(8);
                if (idc == EXTENDED_SAR) {
                    sarWidth = (int) sps.bits(16);
                    sarHeight = (int) sps.bits(16);
                } else if (idc < ASPECTS.length) {
                    sarWidth = ASPECTS[idc][0];
                    sarHeight = ASPECTS[idc][1];
                } else {
                    throw new UndecidableHeader("a reserved aspect_ratio_idc");
                }
            }
            if (sps.flag()) { // overscan_info_present_flag
                sps.skip(1);
            }
            if (sps.flag()) { // video_signal_type_present_flag
                sps.skip(3); // video_format
                if (sps.flag()) {
                    throw new UndecidableHeader("full-range H.264 (FFmpeg reports yuvj420p)");
                }
            }
        }
        if (width <= 0 || height <= 0) {
            throw new UndecidableHeader("an SPS that crops the picture away");
        }
        return new AvcConfig((int) width, (int) height, sarHeight == 0 ? 0 : sarWidth, sarWidth == 0 ? 0 : sarHeight,
                bytes);
    }

    private static void skipScalingList(BitReader sps, int size) {
        long last = 8;
        long next = 8;
        for (int j = 0; j < size; j++) {
            if (next != 0) {
                next = Math.floorMod(last + sps.se(), 256);
            }
            last = next == 0 ? last : next;
        }
    }
}
