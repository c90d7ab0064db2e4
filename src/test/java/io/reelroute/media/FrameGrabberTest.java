package io.reelroute.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FrameGrabberTest {
    private static final int FPS = 30;

    @TempDir
    Path dir;

    private final FrameGrabber grabber = new FrameGrabber(TestMedia.ffmpeg());

    @Test
    void lastFrameIsExactlyTheClipsLastFrame() {
        // 2.5 s at 30 fps: 75 frames, keyframes at 0 and 2 s, so the seek really starts mid-clip
        Path clip = TestMedia.testClip(dir.resolve("clip.mp4"), 320, 240, FPS, 2.5);

        FrameGrabber.FrameGrab grab = grabber.lastFrame(clip, dir.resolve("out/last.png"));

        assertThat(grab.image()).isEqualTo(dir.resolve("out/last.png"));
        assertThat(grab.attempts()).isEqualTo(1);
        assertThat(grab.ffmpegTime()).isPositive();
        byte[] ours = TestMedia.pixels(grab.image(), "rgb24");
        assertThat(ours).hasSize(320 * 240 * 3);
        assertThat(ours).as("pixel-equal to the slow whole-clip reverse method").isEqualTo(reverseMethod(clip));
        assertThat(ours).as("not the frame before it (every frame of the clip differs)")
                .isNotEqualTo(TestMedia.frameByNumber(clip, 73, dir));
        assertThat(ours).isEqualTo(TestMedia.frameByNumber(clip, 74, dir));
        assertNoTempFilesIn(dir.resolve("out"));
    }

    @Test
    void widensTheWindowWhenTheContainerOverstatesTheVideosEnd() {
        // Matroska keeps no per-stream duration, and here the audio runs 2 s longer than the 1 s of video:
        // the first windows, taken from the file's end, hold no video frame at all.
        Path clip = dir.resolve("short video, long audio.mkv");
        TestMedia.ffmpeg().run(List.of("-f", "lavfi", "-i", "testsrc2=s=320x240:r=30:d=1", "-f", "lavfi", "-i",
                "sine=duration=3", "-c:v", TestMedia.ffmpeg().h264Encoder(), "-pix_fmt", "yuv420p", "-c:a", "aac",
                clip.toString()), TestMedia.TIMEOUT);

        FrameGrabber.FrameGrab grab = grabber.lastFrame(clip, dir.resolve("last.png"));

        assertThat(grab.attempts()).isGreaterThan(1);
        assertThat(TestMedia.pixels(grab.image(), "rgb24")).isEqualTo(reverseMethod(clip));
    }

    @Test
    void replacesAnEarlierLastFrame() throws Exception {
        Path out = Files.writeString(dir.resolve("last.png"), "an older result");
        grabber.lastFrame(TestMedia.testClip(dir.resolve("clip.mp4"), 320, 240, FPS, 1), out);
        assertThat(TestMedia.pixels(out, "rgb24")).hasSize(320 * 240 * 3);
    }

    @Test
    void firstFrameIsAJpegOfFrameZero() throws Exception {
        Path clip = TestMedia.testClip(dir.resolve("clip.mp4"), 320, 240, FPS, 1);

        FrameGrabber.FrameGrab grab = grabber.firstFrame(clip, dir.resolve("out/poster.jpg"));

        byte[] poster = TestMedia.pixels(grab.image(), "rgb24");
        byte[] frame0 = TestMedia.frameByNumber(clip, 0, dir);
        byte[] frame1 = TestMedia.frameByNumber(clip, 1, dir);
        assertThat(Files.readAllBytes(grab.image())).startsWith((byte) 0xff, (byte) 0xd8, (byte) 0xff);
        assertThat(TestMedia.meanDifference(poster, frame0)).as("JPEG is lossy, but close").isLessThan(3);
        assertThat(TestMedia.meanDifference(poster, frame0)).isLessThan(TestMedia.meanDifference(poster, frame1));
        assertNoTempFilesIn(dir.resolve("out"));
    }

    @Test
    void aClipWithoutVideoIsAMediaException() {
        Path tone = TestMedia.tone(dir.resolve("tone.wav"), 1);
        assertThatThrownBy(() -> grabber.lastFrame(tone, dir.resolve("last.png"))).isInstanceOf(MediaException.class);
        assertThat(dir.resolve("last.png")).doesNotExist();
    }

    /** The slow reference: decode the whole clip, reverse it in memory, keep the first frame. */
    private byte[] reverseMethod(Path clip) {
        Path reference = dir.resolve("reference-" + System.nanoTime() + ".png");
        TestMedia.ffmpeg().run(List.of("-i", clip.toString(), "-vf", "reverse", "-frames:v", "1", "-update", "1",
                reference.toString()), TestMedia.TIMEOUT);
        return TestMedia.pixels(reference, "rgb24");
    }

    static void assertNoTempFilesIn(Path folder) {
        try (Stream<Path> files = Files.list(folder)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(name -> name.startsWith("."));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
