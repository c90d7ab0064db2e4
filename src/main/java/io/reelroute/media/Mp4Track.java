package io.reelroute.media;

import io.reelroute.media.IsoBoxes.Box;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * One {@code trak} of an MP4, as FFmpeg's mov demuxer would describe its stream: handler, timing (mdhd, stts,
 * edit list) and the one sample entry (stsd). Codec-specific reading is left to the caller.
 *
 * @param handler        {@code vide}, {@code soun}, ...
 * @param durationTicks  the stream's length in {@code timescale} units: the media length, cut to the edit
 * @param firstDelta     the first sample's duration; every sample but the last has it when {@code constantRate}
 * @param trackWidth     tkhd's width in whole pixels, 0 when the track has none
 * @param plainMatrix    tkhd's matrix is the identity (no rotation, no stretch)
 */
record Mp4Track(String handler, long timescale, long durationTicks, long samples, long sampleTicks,
                long firstDelta, boolean constantRate, int trackWidth, int trackHeight, boolean plainMatrix,
                Box sampleEntry) {
    private static final int[] IDENTITY = {0x10000, 0, 0, 0, 0x10000, 0, 0, 0, 0x40000000};

    static Mp4Track read(Box trak, long movieTimescale) {
        List<Box> boxes = IsoBoxes.children(trak.payload());
        Box tkhd = IsoBoxes.child(boxes, "tkhd");
        List<Box> mdia = IsoBoxes.children(IsoBoxes.child(boxes, "mdia").payload());
        List<Box> stbl = IsoBoxes.children(IsoBoxes.child(IsoBoxes.children(
                IsoBoxes.child(mdia, "minf").payload()), "stbl").payload());
        Box mdhd = IsoBoxes.child(mdia, "mdhd");
        boolean longMdhd = mdhd.version() == 1;
        long timescale = Integer.toUnsignedLong(mdhd.payload().getInt(longMdhd ? 20 : 12));
        long mediaTicks = longMdhd ? mdhd.payload().getLong(24) : Integer.toUnsignedLong(mdhd.payload().getInt(16));
        if (timescale == 0 || mediaTicks <= 0 || (!longMdhd && mediaTicks == 0xffffffffL)) {
            throw new UndecidableHeader("a track of unknown timescale or length");
        }
        String handler = IsoBoxes.type(IsoBoxes.child(mdia, "hdlr").payload(), 8);

        // FFmpeg takes the shorter of mdhd and the sum of the sample durations, then cuts it to the edit
        SampleTimes times = SampleTimes.of(IsoBoxes.child(stbl, "stts").payload());
        long duration = Math.min(mediaTicks, times.ticks() > 0 ? times.ticks() : mediaTicks);
        var edts = IsoBoxes.optionalChild(boxes, "edts");
        if (edts.isPresent()) {
            duration = editedTicks(IsoBoxes.child(IsoBoxes.children(edts.get().payload()), "elst"), duration,
                    timescale, movieTimescale);
        }

        ByteBuffer header = tkhd.payload();
        int matrixAt = tkhd.version() == 1 ? 52 : 40;
        boolean plain = true;
        for (int i = 0; i < IDENTITY.length; i++) {
            plain &= header.getInt(matrixAt + 4 * i) == IDENTITY[i];
        }
        int width = header.getInt(matrixAt + 36) >>> 16;
        int height = header.getInt(matrixAt + 40) >>> 16;

        ByteBuffer stsd = IsoBoxes.child(stbl, "stsd").payload();
        if (stsd.getInt(4) != 1) {
            throw new UndecidableHeader("a track with other than one sample description");
        }
        List<Box> descriptions = IsoBoxes.children(stsd.slice(8, stsd.limit() - 8));
        if (descriptions.isEmpty()) {
            throw new UndecidableHeader("an empty stsd box");
        }
        return new Mp4Track(handler, timescale, duration, times.samples(), times.ticks(), times.firstDelta(),
                times.constantRate(), width, height, plain, descriptions.get(0));
    }

    /** The decoding-time table (stts) summed up: sample count, total duration, first duration and constancy. */
    private record SampleTimes(long samples, long ticks, long firstDelta, boolean constantRate) {
        static SampleTimes of(ByteBuffer stts) {
            int entries = stts.getInt(4);
            if (entries < 1 || 8 + 8L * entries > stts.limit()) {
                throw new UndecidableHeader("an empty or cut stts box");
            }
            long samples = 0;
            long ticks = 0;
            for (int i = 0; i < entries; i++) {
                long count = Integer.toUnsignedLong(stts.getInt(8 + 8 * i));
                long delta = Integer.toUnsignedLong(stts.getInt(12 + 8 * i));
                if (i > 0 && i == entries - 1 && count == 1 && samples > 100 && delta / 10 > ticks / samples) {
                    delta = ticks / samples; // FFmpeg's repair of a last sample that claims a huge duration
                }
                samples += count;
                ticks += count * delta;
            }
            long firstDelta = Integer.toUnsignedLong(stts.getInt(12));
            // FFmpeg sets the frame rate from stts only for one run, or one run and a different last sample
            boolean constant = firstDelta > 0
                    && (entries == 1 || entries == 2 && Integer.toUnsignedLong(stts.getInt(16)) == 1);
            return new SampleTimes(samples, ticks, firstDelta, constant);
        }
    }

    /** One edit that starts at a media time (B-frame delay is such an edit): the stream ends where the edit does. */
    private static long editedTicks(Box elst, long duration, long timescale, long movieTimescale) {
        ByteBuffer edits = elst.payload();
        int count = edits.getInt(4);
        if (count == 0) {
            return duration;
        }
        boolean wide = elst.version() == 1;
        long segment = wide ? edits.getLong(8) : Integer.toUnsignedLong(edits.getInt(8));
        long mediaTime = wide ? edits.getLong(16) : edits.getInt(12);
        int rate = edits.getInt(wide ? 24 : 16);
        if (count != 1 || mediaTime < 0 || rate != 0x10000 || movieTimescale == 0) {
            throw new UndecidableHeader("an edit list FFmpeg would have to interpret (empty, several or slowed edits)");
        }
        long edited = Math.round((double) segment * timescale / movieTimescale);
        return segment == 0 ? duration : Math.min(duration, edited);
    }

    /** Seconds the stream lasts. */
    double seconds() {
        return (double) durationTicks / timescale;
    }

    /** FFmpeg's r_frame_rate, "30/1" or "30000/1001", or {@link UndecidableHeader} when it comes from decoding. */
    String frameRate() {
        if (!constantRate) {
            throw new UndecidableHeader("a variable frame rate");
        }
        return Mp4Track.ratio(timescale, firstDelta, "/");
    }

    /** FFmpeg's avg_frame_rate as a number: frames over the summed sample durations. */
    double fps() {
        return sampleTicks == 0 ? 0 : (double) samples * timescale / sampleTicks;
    }

    /** {@code num/den} in lowest terms with the separator FFmpeg prints ("/" for rates, ":" for aspects). */
    static String ratio(long num, long den, String separator) {
        long gcd = num;
        for (long rest = den; rest != 0; ) {
            long next = gcd % rest;
            gcd = rest;
            rest = next;
        }
        return num / gcd + separator + den / gcd;
    }
}
