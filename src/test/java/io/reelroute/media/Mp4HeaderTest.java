package io.reelroute.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Java header reader against ffprobe on real clips: the same facts, or no answer at all. */
class Mp4HeaderTest {
    @TempDir
    Path dir;

    @Test
    void clipWithSoundReadsAsFfprobeReadsIt() {
        Path clip = ExportTestMedia.clipWithTone(dir.resolve("tone.mp4"), 854, 480, 30, 1, 48000);

        ClipStreams facts = readsAsFfprobe(clip).streams();

        assertThat(facts.joinKey()).isEqualTo(new ClipStreams.JoinKey("h264", 854, 480, "30/1", "yuv420p", "1:1",
                "aac", 48000, 2, "stereo"));
        assertThat(facts.videoSeconds()).isCloseTo(1.0, within(0.001));
    }

    @Test
    void clipWithoutSoundHasNoAudioFacts() {
        ClipStreams facts = readsAsFfprobe(TestMedia.testClip(dir.resolve("silent.mp4"), 320, 240, 25, 1)).streams();

        assertThat(facts.hasAudio()).isFalse();
        assertThat(facts.channelLayout()).isNull();
    }

    @Test
    void ntscRateHighProfileAndMonoAudio() {
        Path clip = clip("ntsc.mp4", "testsrc2=s=640x360:r=24000/1001:d=1", "sine=sample_rate=44100:duration=1",
                640, 360, "-ac", "1", "-r", "24000/1001", "-profile:v", "high");

        ClipStreams facts = readsAsFfprobe(clip).streams();

        assertThat(facts.frameRate()).isEqualTo("24000/1001");
        assertThat(facts.sampleRate()).isEqualTo(44100);
        assertThat(facts.channelLayout()).isEqualTo("mono");
    }

    @Test
    void verticalClip() {
        Path clip = ExportTestMedia.clipWithTone(dir.resolve("vertical.mp4"), 480, 854, 30, 1, 48000);

        assertThat(readsAsFfprobe(clip).streams().height()).isEqualTo(854);
    }

    @Test
    void nonSquarePixelsFromPaspAndFromTheSps() {
        Path pasp = clip("pasp.mp4", "testsrc2=s=320x240:r=25:d=1,setsar=4/3", null, 320, 240);
        Path unknown = clip("unknown.mp4", "testsrc2=s=320x240:r=25:d=1,setsar=0", null, 320, 240);
        // the same stream with the shape only in its SPS (no pasp box): FFmpeg takes it from the decoder
        Path sps = dir.resolve("sps.mp4");
        TestMedia.ffmpeg().run(List.of("-i", unknown.toString(), "-c", "copy", "-bsf:v",
                "h264_metadata=sample_aspect_ratio=4/3", sps.toString()), TestMedia.TIMEOUT);

        assertThat(readsAsFfprobe(pasp).streams().sampleAspect()).isEqualTo("4:3");
        assertThat(readsAsFfprobe(unknown).streams().sampleAspect()).isEqualTo("1:1");
        assertThat(readsAsFfprobe(sps).streams().sampleAspect()).isEqualTo("4:3");
    }

    @Test
    void whatTheHeadersDoNotSettleIsLeftToFfprobe() throws Exception {
        Path mp4 = ExportTestMedia.clipWithTone(dir.resolve("a.mp4"), 320, 240, 25, 1, 48000);
        Path matroska = copyAs(mp4, "a.mkv", "-f", "matroska");
        Path fragmented = copyAs(mp4, "fragmented.mp4", "-movflags", "frag_keyframe+empty_moov");
        Path cut = dir.resolve("cut.mp4");
        byte[] whole = Files.readAllBytes(mp4);
        Files.write(cut, Arrays.copyOf(whole, whole.length / 2));
        Path fullRange = clip("full.mp4", "testsrc2=s=320x240:r=25:d=1", null, 320, 240, "-color_range", "pc");
        Path mpeg4 = copyAs(mp4, "mpeg4.mp4", "-c:v", "mpeg4");

        for (Path other : List.of(matroska, fragmented, cut, fullRange, mpeg4, TestMedia.tone(dir.resolve("a.wav"), 1),
                TestMedia.picture(dir.resolve("a.png"), "testsrc2=s=64x48"))) {
            assertThat(Mp4Header.read(other)).as(other.getFileName().toString()).isEmpty();
        }
        assertThat(ExportTestMedia.streams(fullRange).pixelFormat()).as("why it must not be guessed")
                .isEqualTo("yuvj420p");
    }

    @Test
    void editListForBFramesGivesFfprobesLengthAndRate() throws Exception {
        // the bundled H.264 encoder makes no B-frames; MPEG-4 part 2 does, in the same MP4 timing boxes
        Path clip = dir.resolve("bframes.mp4");
        TestMedia.ffmpeg().run(List.of("-f", "lavfi", "-i", "testsrc2=s=320x240:r=25:d=2", "-c:v", "mpeg4", "-bf",
                "2", clip.toString()), TestMedia.TIMEOUT);
        Mp4Track video;
        try (FileChannel file = FileChannel.open(clip)) {
            video = Mp4Header.tracks(IsoBoxes.movie(file)).get(0);
        }
        ClipStreams ffprobe = ExportTestMedia.streams(clip);

        assertThat(video.seconds()).isCloseTo(ffprobe.videoSeconds(), within(0.001));
        assertThat(video.frameRate()).isEqualTo(ffprobe.frameRate());
        assertThat(Mp4Header.read(clip)).as("not H.264").isEmpty();
    }

    private static Mp4Header readsAsFfprobe(Path clip) {
        Mp4Header header = Mp4Header.read(clip)
                .orElseThrow(() -> new AssertionError(clip.getFileName() + " was not read from its headers"));
        ClipStreams ffprobe = ExportTestMedia.streams(clip);
        assertThat(header.streams().joinKey()).isEqualTo(ffprobe.joinKey());
        assertThat(header.streams().videoSeconds()).isCloseTo(ffprobe.videoSeconds(), within(0.001));
        assertThat(header.streams().fps()).isCloseTo(ffprobe.fps(), within(0.001));
        return header;
    }

    /** A clip as our pipeline makes it, then {@code extra} output options (which override earlier ones). */
    private Path clip(String name, String video, String audio, int width, int height, String... extra) {
        Path file = dir.resolve(name);
        List<String> args = new ArrayList<>(List.of("-f", "lavfi", "-i", video));
        if (audio != null) {
            args.addAll(List.of("-f", "lavfi", "-i", audio, "-c:a", "aac"));
        }
        args.addAll(TestMedia.ffmpeg().mp4VideoArgs(width, height, 25));
        args.addAll(List.of(extra));
        args.add(file.toString());
        TestMedia.ffmpeg().run(args, TestMedia.TIMEOUT);
        return file;
    }

    private Path copyAs(Path source, String name, String... options) {
        Path file = dir.resolve(name);
        List<String> args = new ArrayList<>(List.of("-i", source.toString(), "-c", "copy"));
        args.addAll(List.of(options));
        args.add(file.toString());
        TestMedia.ffmpeg().run(args, TestMedia.TIMEOUT);
        return file;
    }
}
