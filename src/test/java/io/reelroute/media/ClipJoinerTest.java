package io.reelroute.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.DoubleStream;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClipJoinerTest {
    private static final double FRAME = 1 / 25.0;
    private static final int RATE = 48000;
    /** One AAC frame at 48 kHz: the most a decoder can play past the end the edit list marks (encoder padding). */
    private static final double AAC_FRAME = 1024.0 / RATE;

    @TempDir
    Path dir;

    private final ClipJoiner joiner = new ClipJoiner(TestMedia.ffmpeg());

    @Test
    void compatibleClipsAreJoinedByStreamCopy() throws Exception {
        // a quote in the folder name checks the concat list's quoting
        Path folder = Files.createDirectories(dir.resolve("it's here"));
        Path a = ExportTestMedia.clipWithTone(folder.resolve("a.mp4"), 320, 240, 25, 1, 48000);
        Path b = ExportTestMedia.clipWithTone(folder.resolve("b.mp4"), 320, 240, 25, 2, 48000);
        Path c = ExportTestMedia.clipWithTone(folder.resolve("c.mp4"), 320, 240, 25, 1, 48000);

        ClipJoiner.JoinResult result = joiner.join(List.of(a, b, c), dir.resolve("out/final.mp4"));

        assertThat(result.streamCopied()).isTrue();
        assertThat(result.video()).isEqualTo(dir.resolve("out/final.mp4"));
        assertThat(result.ffmpegTime()).isPositive();
        assertThat(ExportTestMedia.streamSeconds(result.video(), "video")).isCloseTo(4.0, within(FRAME));
        ClipStreams out = ExportTestMedia.streams(result.video());
        assertThat(out.joinKey()).isEqualTo(ExportTestMedia.streams(a).joinKey());
        FrameGrabberTest.assertNoTempFilesIn(dir.resolve("out"));
        assertThat(result.clipsProbed()).as("every clip read from its MP4 headers").isZero();
        assertThat(videoPackets(result.video())).as("the packets as they were, clip after clip")
                .isEqualTo(concat(videoPackets(a), videoPackets(b), videoPackets(c)));
        assertThat(topLevelBoxes(result.video())).as("the index before the media data: plays while downloading")
                .containsSubsequence("moov", "mdat");
        assertSoundEndsWithPictures(result.video());
    }

    @Test
    void soundOfTenCopiedClipsEndsWithTheirPictures() throws Exception {
        // lengths of whole frames that are not whole AAC frames, so every boundary would show a drift
        double[] seconds = {0.6, 1.0, 0.84, 1.2, 0.68, 1.0, 0.92, 0.6, 1.16, 0.76};
        List<Path> clips = new ArrayList<>();
        for (int i = 0; i < seconds.length; i++) {
            clips.add(ExportTestMedia.clipWithTone(dir.resolve(i + ".mp4"), 320, 240, 25, seconds[i], RATE));
        }

        ClipJoiner.JoinResult result = joiner.join(clips, dir.resolve("final.mp4"));

        assertThat(result.streamCopied()).isTrue();
        assertThat(ExportTestMedia.streamSeconds(result.video(), "video"))
                .isCloseTo(DoubleStream.of(seconds).sum(), within(FRAME));
        assertSoundEndsWithPictures(result.video());
        assertThat(ExportTestMedia.streams(result.video()).joinKey()).as("the clips' audio layout kept")
                .isEqualTo(ExportTestMedia.streams(clips.get(0)).joinKey());
        assertThat(videoPackets(result.video())).as("the video packets as they were, clip after clip")
                .isEqualTo(clips.stream().flatMap(clip -> videoPackets(clip).stream()).toList());
    }

    @Test
    void everyClipsSoundStartsWithItsPictures() throws Exception {
        // each clip's sound is one click at its start: in the join each click must come with that clip's first frame
        int[] frames = {15, 25, 21, 30, 17, 25, 23, 29};
        List<Path> clips = new ArrayList<>();
        for (int i = 0; i < frames.length; i++) {
            clips.add(clipWithClick(dir.resolve(i + ".mp4"), frames[i] * FRAME));
        }

        ClipJoiner.JoinResult result = joiner.join(clips, dir.resolve("final.mp4"));

        assertThat(result.streamCopied()).isTrue();
        List<Double> pictures = videoPacketTimes(result.video());
        assertThat(pictures).hasSize(IntStream.of(frames).sum());
        List<Double> clipStarts = new ArrayList<>();
        for (int i = 0, frame = 0; i < frames.length; frame += frames[i++]) {
            clipStarts.add(pictures.get(frame));
        }
        double soundStart = MediaProbe.number(MediaProbe.firstStream(new MediaProbe(TestMedia.ffmpeg())
                .probeJson(result.video(), "stream=codec_type,start_time"), "audio"), "start_time");
        List<Double> clicks = clicks(decodedSound(result.video()), soundStart);
        assertThat(clicks).as("one click per clip").hasSameSizeAs(clipStarts);
        List<Double> lateBy = IntStream.range(0, clicks.size()).mapToObj(i -> clicks.get(i) - clipStarts.get(i))
                .toList();
        assertThat(lateBy).as("each click against its clip's first frame, s")
                .allSatisfy(late -> assertThat(late).isCloseTo(0.0, within(FRAME)));
    }

    @Test
    void clipsWithoutSoundStayAPureStreamCopy() {
        Path a = TestMedia.testClip(dir.resolve("a.mp4"), 320, 240, 25, 1);
        Path b = TestMedia.testClip(dir.resolve("b.mp4"), 320, 240, 25, 0.6);

        ClipJoiner.JoinResult result = joiner.join(List.of(a, b), dir.resolve("final.mp4"));

        assertThat(result.streamCopied()).isTrue();
        assertThat(ExportTestMedia.streamSeconds(result.video(), "audio")).as("no audio stream").isNaN();
        assertThat(ExportTestMedia.streamSeconds(result.video(), "video")).isCloseTo(1.6, within(FRAME));
        assertThat(videoPackets(result.video())).isEqualTo(concat(videoPackets(a), videoPackets(b)));
    }

    @Test
    void indexTooBigForItsRoomIsPlacedByTheFaststartRewrite() throws Exception {
        Path a = ExportTestMedia.clipWithTone(dir.resolve("a.mp4"), 320, 240, 25, 1, 48000);
        Path b = ExportTestMedia.clipWithTone(dir.resolve("b.mp4"), 320, 240, 25, 1, 48000);
        ClipJoiner cramped = new ClipJoiner(TestMedia.ffmpeg(), headers -> 64);

        ClipJoiner.JoinResult result = cramped.join(List.of(a, b), dir.resolve("final.mp4"));

        assertThat(result.streamCopied()).isTrue();
        assertThat(topLevelBoxes(result.video())).containsSubsequence("moov", "mdat");
        assertThat(ExportTestMedia.streamSeconds(result.video(), "video")).isCloseTo(2.0, within(FRAME));
        assertSoundEndsWithPictures(result.video());
    }

    @Test
    void aClipTheHeadersDoNotSettleIsProbedAndStillJoinedByCopy() throws Exception {
        Path a = ExportTestMedia.clipWithTone(dir.resolve("a.mp4"), 320, 240, 25, 1, 48000);
        Path b = dir.resolve("b.mov"); // QuickTime's sound description: not read in Java
        TestMedia.ffmpeg().run(List.of("-i", ExportTestMedia.clipWithTone(dir.resolve("b.mp4"), 320, 240, 25, 1, 48000)
                .toString(), "-c", "copy", b.toString()), TestMedia.TIMEOUT);

        ClipJoiner.JoinResult result = joiner.join(List.of(a, b), dir.resolve("final.mp4"));

        assertThat(result.clipsProbed()).isEqualTo(1);
        assertThat(result.streamCopied()).isTrue();
        assertThat(ExportTestMedia.streamSeconds(result.video(), "video")).isCloseTo(2.0, within(FRAME));
        assertSoundEndsWithPictures(result.video());
    }

    @Test
    void clipsWithOtherParameterSetsKeepTheirOwnInTheJoin() {
        // same join key, other H.264 profile: the first clip's avcC cannot decode the second
        Path baseline = TestMedia.testClip(dir.resolve("baseline.mp4"), 320, 240, 25, 1);
        Path high = dir.resolve("high.mp4");
        List<String> args = new ArrayList<>(List.of("-f", "lavfi", "-i", "testsrc2=s=320x240:r=25:d=1"));
        args.addAll(TestMedia.ffmpeg().mp4VideoArgs(320, 240, 25));
        args.addAll(List.of("-profile:v", "high", high.toString()));
        TestMedia.ffmpeg().run(args, TestMedia.TIMEOUT);

        ClipJoiner.JoinResult result = joiner.join(List.of(baseline, high), dir.resolve("final.mp4"));

        assertThat(result.streamCopied()).isTrue();
        ProcessResult decoded = TestMedia.ffmpeg().run(List.of("-i", result.video().toString(), "-f", "null", "-"),
                TestMedia.TIMEOUT);
        assertThat(decoded.stderrTail()).as("decoding errors").isBlank();
        assertThat(TestMedia.pixels(result.video(), "gray")).hasSize(50 * 320 * 240);
    }

    @Test
    void mixedClipsAreNormalisedOnceAndStayInSync() {
        Path a = ExportTestMedia.clipWithTone(dir.resolve("a.mp4"), 320, 240, 25, 1, 48000);
        // other size and shape, other frame rate, other sample rate
        Path b = ExportTestMedia.clipWithTone(dir.resolve("b.mp4"), 240, 240, 30, 1.5, 44100);
        Path silent = TestMedia.testClip(dir.resolve("silent.mp4"), 320, 240, 25, 1);

        ClipJoiner.JoinResult result = joiner.join(List.of(a, b, silent), dir.resolve("final.mp4"));

        assertThat(result.streamCopied()).isFalse();
        ClipStreams out = ExportTestMedia.streams(result.video());
        assertThat(out.width()).isEqualTo(320);
        assertThat(out.height()).isEqualTo(240);
        assertThat(out.fps()).isCloseTo(25, within(0.01));
        assertThat(out.pixelFormat()).isEqualTo("yuv420p");
        assertThat(out.sampleAspect()).isEqualTo("1:1");
        assertThat(out.audioCodec()).isEqualTo("aac");
        assertThat(out.sampleRate()).isEqualTo(48000);
        assertThat(out.channels()).isEqualTo(2);
        double video = ExportTestMedia.streamSeconds(result.video(), "video");
        double audio = ExportTestMedia.streamSeconds(result.video(), "audio");
        assertThat(video).isCloseTo(3.5, within(FRAME));
        assertThat(audio).as("audio runs the whole length, in sync with the video").isCloseTo(video, within(FRAME));
    }

    /**
     * The sound, as the index says and as FFmpeg decodes it (which plays the encoder's padding at the end, less than
     * one AAC frame), lasts as long as the pictures. Copied AAC failed this: each boundary added its priming frame.
     */
    private static void assertSoundEndsWithPictures(Path joined) throws IOException {
        double video = ExportTestMedia.streamSeconds(joined, "video");
        assertThat(ExportTestMedia.streamSeconds(joined, "audio")).as("audio stream length")
                .isCloseTo(video, within(AAC_FRAME));
        assertThat(decodedSound(joined).length / (double) RATE).as("decoded audio length")
                .isCloseTo(video, within(AAC_FRAME));
    }

    /** testsrc2 video with a 10 ms 1 kHz click at its start and silence after it, AAC stereo at {@link #RATE}. */
    private static Path clipWithClick(Path file, double seconds) {
        List<String> args = new ArrayList<>(List.of("-f", "lavfi", "-i", "testsrc2=s=320x240:r=25:d=" + seconds,
                "-f", "lavfi", "-i", "aevalsrc=exprs='0.8*sin(2*PI*1000*t)*lt(t,0.01)':s=" + RATE + ":d=" + seconds,
                "-c:a", "aac", "-ac", "2"));
        args.addAll(TestMedia.ffmpeg().mp4VideoArgs(320, 240, 25));
        args.add(file.toString());
        TestMedia.ffmpeg().run(args, TestMedia.TIMEOUT);
        return file;
    }

    /** The first audio stream decoded to mono 16-bit samples at {@link #RATE}. */
    private static short[] decodedSound(Path media) throws IOException {
        Path raw = Files.createTempFile("sound", ".raw");
        try {
            TestMedia.ffmpeg().run(List.of("-i", media.toString(), "-map", "0:a:0", "-ac", "1", "-ar",
                    String.valueOf(RATE), "-f", "s16le", raw.toString()), TestMedia.TIMEOUT);
            ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(raw)).order(ByteOrder.LITTLE_ENDIAN);
            short[] samples = new short[bytes.remaining() / 2];
            bytes.asShortBuffer().get(samples);
            return samples;
        } finally {
            Files.deleteIfExists(raw);
        }
    }

    /** Seconds at which a loud sound starts after at least 0.3 s of quiet (the clips are longer than that). */
    private static List<Double> clicks(short[] sound, double startSeconds) {
        List<Double> clicks = new ArrayList<>();
        int lastLoud = -RATE;
        for (int i = 0; i < sound.length; i++) {
            if (Math.abs(sound[i]) > 8000) {
                if (i - lastLoud > 0.3 * RATE) {
                    clicks.add(startSeconds + (double) i / RATE);
                }
                lastLoud = i;
            }
        }
        return clicks;
    }

    /** Presentation times of the first video stream's packets, in order. */
    private static List<Double> videoPacketTimes(Path media) {
        return TestMedia.ffmpeg().runProbe(List.of("-select_streams", "v:0", "-show_entries", "packet=pts_time",
                "-of", "csv=p=0", media.toString()), TestMedia.TIMEOUT).stdout().lines().filter(l -> !l.isBlank())
                .map(l -> Double.parseDouble(l.strip().replace(",", ""))).sorted().toList();
    }

    /** MD5 of each video packet, as ffmpeg's framemd5 muxer prints them. */
    private static List<String> videoPackets(Path media) {
        return TestMedia.ffmpeg().run(List.of("-i", media.toString(), "-map", "0:v:0", "-c", "copy", "-f", "framemd5",
                "-"), TestMedia.TIMEOUT).stdout().lines().filter(line -> !line.startsWith("#"))
                .map(line -> line.substring(line.lastIndexOf(',') + 1).strip()).toList();
    }

    @SafeVarargs
    private static List<String> concat(List<String>... lists) {
        return Stream.of(lists).flatMap(List::stream).toList();
    }

    /** Types of the top-level boxes of an MP4, in file order. */
    private static List<String> topLevelBoxes(Path mp4) throws IOException {
        List<String> types = new ArrayList<>();
        try (FileChannel file = FileChannel.open(mp4)) {
            ByteBuffer header = ByteBuffer.allocate(16);
            for (long pos = 0; pos < file.size(); ) {
                file.read(header.clear(), pos);
                long size = Integer.toUnsignedLong(header.getInt(0));
                types.add(new String(header.array(), 4, 4, StandardCharsets.ISO_8859_1));
                pos += size == 1 ? header.getLong(8) : size;
            }
        }
        return types;
    }

    @Test
    void concatListQuotesEveryPath() {
        assertThat(ConcatCopy.list(List.of(Path.of("/a/it's.mp4")), false, null))
                .isEqualTo("ffconcat version 1.0\nfile '/a/it'\\''s.mp4'\n");
    }

    @Test
    void withSoundEachClipsVideoIsPlacedFromItsTimeZeroForItsVideoLength() {
        ClipStreams clip = new ClipStreams("h264", 320, 240, "25/1", 25, "yuv420p", "1:1", 0.84, "aac", RATE, 2,
                "stereo");
        List<Path> clips = List.of(Path.of("/a.mp4"));

        assertThat(ConcatCopy.list(clips, true, new JoinedAudio(clips, List.of(clip), true))).isEqualTo(
                "ffconcat version 1.0\nfile '/a.mp4'\noption probesize 32\ninpoint 0\nduration 0.840000\n");
    }

    @Test
    void soundSegmentsEndOnTheSampleNearestTheVideosRunningEnd() {
        // 1001/30000 s frames: 1601.6 samples each at 48 kHz, so rounding each clip alone would drift
        ClipStreams frame = new ClipStreams("h264", 320, 240, "30000/1001", 29.97, "yuv420p", "1:1", 1001 / 30000.0,
                "aac", RATE, 2, "stereo");

        long[] samples = JoinedAudio.segmentSamples(List.of(frame, frame, frame, frame, frame));

        assertThat(samples).containsExactly(1602, 1601, 1602, 1601, 1602);
        assertThat(LongStream.of(samples).sum()).isEqualTo(8008);
    }
}
