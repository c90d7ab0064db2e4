package io.reelroute.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlatformReframeTest {
    @TempDir
    Path dir;

    private final PlatformReframe reframe = new PlatformReframe(TestMedia.ffmpeg());

    @Test
    void eachAspectKeepsTheHeightAndTheDuration() {
        Path video = ExportTestMedia.clipWithTone(dir.resolve("cut.mp4"), 640, 360, 25, 1, 48000);

        assertReframed(reframe.reframe(video, "9:16", dir.resolve("final-9x16.mp4")), 202, 360);
        assertReframed(reframe.reframe(video, "square", dir.resolve("final-1x1.mp4")), 360, 360);
        assertReframed(reframe.reframe(video, "horizontal", dir.resolve("final-16x9.mp4")), 640, 360);
        Path vertical = reframe.reframe(video, "9:16", dir.resolve("v.mp4"));
        assertReframed(reframe.reframe(vertical, "16:9", dir.resolve("padded.mp4")), 640, 360);
    }

    @Test
    void theCropFollowsTheFocusAndPaddingCentresThePicture() {
        // left half black, right half white: a crop at the right edge is all white, at the left all black
        Path video = dir.resolve("halves.mp4");
        TestMedia.ffmpeg().run(java.util.List.of("-f", "lavfi", "-i", "color=c=black:s=320x180:r=25:d=1", "-f",
                "lavfi", "-i", "color=c=white:s=320x180:r=25:d=1", "-filter_complex", "[0][1]hstack", "-c:v",
                TestMedia.ffmpeg().h264Encoder(), "-pix_fmt", "yuv420p", video.toString()), TestMedia.TIMEOUT);

        Path right = reframe.reframe(video, "1:1", new PlatformReframe.Focus(1, 0.5), dir.resolve("right.mp4"));
        Path left = reframe.reframe(video, "1:1", new PlatformReframe.Focus(0.1, 0.5), dir.resolve("left.mp4"));
        Path padded = reframe.reframe(right, "16:9", dir.resolve("padded.mp4"));

        assertThat(mean(TestMedia.pixels(right, "gray"))).isGreaterThan(230);
        assertThat(mean(TestMedia.pixels(left, "gray"))).isLessThan(25);
        byte[] frame = TestMedia.frameByNumber(padded, 0, dir);
        int w = 320;
        assertThat(frame[(90 * w + 5) * 3] & 0xff).as("bar at the left").isLessThan(25);
        assertThat(frame[(90 * w + 160) * 3] & 0xff).as("picture in the middle").isGreaterThan(230);
        assertThat(frame[(90 * w + 314) * 3] & 0xff).as("bar at the right").isLessThan(25);
    }

    @Test
    void targetSizeKeepsTheHeightClass() {
        assertThat(PlatformReframe.targetSize(1280, 720, 9, 16)).isEqualTo(new FrameSize(406, 720));
        assertThat(PlatformReframe.targetSize(1280, 720, 1, 1)).isEqualTo(new FrameSize(720, 720));
        assertThat(PlatformReframe.targetSize(1280, 720, 16, 9)).isEqualTo(new FrameSize(1280, 720));
    }

    private static void assertReframed(Path out, int width, int height) {
        ClipStreams facts = ExportTestMedia.streams(out);
        assertThat(facts.width()).isEqualTo(width);
        assertThat(facts.height()).isEqualTo(height);
        assertThat(facts.videoSeconds()).isCloseTo(1.0, within(1 / 25.0));
        assertThat(facts.hasAudio()).isTrue();
    }

    private static double mean(byte[] pixels) {
        return FrameCheck.mean(pixels);
    }
}
