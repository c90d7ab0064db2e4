package io.reelroute.media;

import io.reelroute.media.IsoBoxes.Box;
import java.io.IOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The stream facts of an H.264/AAC MP4 read from its index ({@code moov}) in Java, as ffprobe would report them:
 * a few small reads (well under a millisecond) instead of an ffprobe process (about 22 ms).
 *
 * <p>{@link #read} answers only what it can settle exactly as FFmpeg's mov demuxer and decoders would: one
 * H.264 ({@code avc1}) video track, 8-bit 4:2:0, progressive, limited range, constant frame rate, at most one
 * AAC-LC mono or stereo track, nothing else. Anything else (another container or codec, a fragmented or
 * incomplete file, rotation, HEVC, which this project's FFmpeg cannot encode to test against) gives empty,
 * and the caller asks ffprobe. So the fast path can never change a decision, only its cost.
 *
 * @param streams     what ffprobe would report through {@link ClipStreams#of}
 * @param videoConfig the avcC bytes in hex: equal for clips that share their H.264 parameter sets
 * @param samples     video and audio samples in all, which bounds the size of a joined index
 */
record Mp4Header(ClipStreams streams, String videoConfig, long samples) {
    private static final Logger LOG = LoggerFactory.getLogger(Mp4Header.class);

    /** @return empty when the headers do not settle every fact; never a guess */
    static Optional<Mp4Header> read(Path clip) {
        try (FileChannel file = FileChannel.open(clip, StandardOpenOption.READ)) {
            return Optional.of(of(IsoBoxes.movie(file)));
        } catch (UndecidableHeader e) {
            LOG.debug("{}: {}; ffprobe decides", clip.getFileName(), e.getMessage());
        } catch (IndexOutOfBoundsException | BufferUnderflowException e) {
            LOG.debug("{}: a box shorter than its fields; ffprobe decides", clip.getFileName());
        } catch (IOException e) {
            LOG.debug("{}: cannot be read ({}); ffprobe decides", clip.getFileName(), e.toString());
        }
        return Optional.empty();
    }

    /** The tracks of a movie box in file order, which is FFmpeg's stream order. */
    static List<Mp4Track> tracks(ByteBuffer movie) {
        List<Box> boxes = IsoBoxes.children(movie);
        if (IsoBoxes.has(boxes, "mvex") || IsoBoxes.has(boxes, "cmov")) {
            throw new UndecidableHeader("a fragmented or compressed movie box");
        }
        Box mvhd = IsoBoxes.child(boxes, "mvhd");
        long movieTimescale = Integer.toUnsignedLong(mvhd.payload().getInt(mvhd.version() == 1 ? 20 : 12));
        List<Mp4Track> tracks = new ArrayList<>();
        for (Box box : boxes) {
            if (box.type().equals("trak")) {
                tracks.add(Mp4Track.read(box, movieTimescale));
            } else if (tracks.isEmpty() && (box.type().equals("udta") || box.type().equals("meta"))) {
                // FFmpeg turns cover art there into a video stream, and it would come first
                throw new UndecidableHeader("metadata before the tracks");
            }
        }
        return tracks;
    }

    private static Mp4Header of(ByteBuffer movie) {
        List<Mp4Track> tracks = tracks(movie);
        List<Mp4Track> video = tracks.stream().filter(t -> t.handler().equals("vide")).toList();
        List<Mp4Track> audio = tracks.stream().filter(t -> t.handler().equals("soun")).toList();
        if (video.size() != 1 || audio.size() > 1 || video.size() + audio.size() != tracks.size()) {
            throw new UndecidableHeader("tracks other than one video and at most one sound track");
        }
        Mp4Track v = video.get(0);
        if (!v.sampleEntry().type().equals("avc1") || !v.plainMatrix()) {
            throw new UndecidableHeader(v.plainMatrix() ? "video other than avc1" : "a rotated or stretched track");
        }
        // VisualSampleEntry: width and height at 24, child boxes after the 78 bytes of fixed fields
        ByteBuffer entry = v.sampleEntry().payload();
        int width = entry.getShort(24) & 0xffff;
        int height = entry.getShort(26) & 0xffff;
        List<Box> children = IsoBoxes.children(v.sampleEntry().from(78));
        for (String unsettled : List.of("clap", "fiel")) {
            if (IsoBoxes.has(children, unsettled)) {
                throw new UndecidableHeader("video with a " + unsettled + " box");
            }
        }
        IsoBoxes.optionalChild(children, "colr").ifPresent(Mp4Header::rejectFullRange);
        AvcConfig avc = AvcConfig.parse(IsoBoxes.child(children, "avcC").payload());
        if (avc.width() != width || avc.height() != height) {
            throw new UndecidableHeader("the sample entry and the SPS disagree on the picture size");
        }
        String sar = sampleAspect(IsoBoxes.optionalChild(children, "pasp"), v, avc);

        AacConfig aac = audio.isEmpty() ? null : aac(audio.get(0));
        ClipStreams streams = new ClipStreams("h264", width, height, v.frameRate(), v.fps(), "yuv420p", sar,
                v.seconds(), aac == null ? null : "aac", aac == null ? 0 : aac.sampleRate(),
                aac == null ? 0 : aac.channels(), aac == null ? null : aac.layout());
        return new Mp4Header(streams, avc.bytes(), tracks.stream().mapToLong(Mp4Track::samples).sum());
    }

    /**
     * The pixel shape FFmpeg reports, in its order: pasp; else, when the track's size differs from the picture's,
     * a shape derived from the two (left to ffprobe); else the SPS's; else square.
     */
    private static String sampleAspect(Optional<Box> pasp, Mp4Track video, AvcConfig avc) {
        if (pasp.isPresent()) {
            long h = pasp.get().payload().getInt(0);
            long v = pasp.get().payload().getInt(4);
            if (h <= 0 || v <= 0) {
                throw new UndecidableHeader("a pasp box of no shape");
            }
            return Mp4Track.ratio(h, v, ":");
        }
        if (video.trackWidth() > 0 && video.trackHeight() > 0
                && (video.trackWidth() != avc.width() || video.trackHeight() != avc.height())) {
            throw new UndecidableHeader("a track size other than the picture size, without pasp");
        }
        return avc.sarWidth() > 0 ? Mp4Track.ratio(avc.sarWidth(), avc.sarHeight(), ":") : "1:1";
    }

    /** An nclx colour box may mark the video full range, which FFmpeg then decodes as yuvj420p. */
    private static void rejectFullRange(Box colr) {
        ByteBuffer colour = colr.payload();
        if (IsoBoxes.type(colour, 0).equals("nclx") && (colour.get(10) & 0x80) != 0) {
            throw new UndecidableHeader("full-range video (FFmpeg reports yuvj420p)");
        }
    }

    /** AudioSampleEntry version 0 (MP4, not QuickTime's v1/v2): child boxes after 28 bytes of fixed fields. */
    private static AacConfig aac(Mp4Track audio) {
        Box entry = audio.sampleEntry();
        if (!entry.type().equals("mp4a") || entry.payload().getShort(8) != 0) {
            throw new UndecidableHeader("audio other than an MP4 mp4a entry");
        }
        List<Box> children = IsoBoxes.children(entry.from(28));
        for (String layout : List.of("chan", "chnl", "wave")) {
            if (IsoBoxes.has(children, layout)) {
                throw new UndecidableHeader("audio with a " + layout + " box");
            }
        }
        return AacConfig.parse(IsoBoxes.child(children, "esds").payload());
    }
}
