package io.reelroute.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClipJoinerTest {
    private static final double FRAME = 1 / 25.0;

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

    @Test
    void concatListQuotesEveryPath() {
        assertThat(ClipJoiner.concatList(List.of(Path.of("/a/it's.mp4"))))
                .isEqualTo("ffconcat version 1.0\nfile '/a/it'\\''s.mp4'\n");
    }
}
