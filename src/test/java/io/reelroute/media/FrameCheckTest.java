package io.reelroute.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FrameCheckTest {
    @TempDir
    Path dir;

    private final FrameCheck check = new FrameCheck(TestMedia.ffmpeg());
    private final FrameGrabber grabber = new FrameGrabber(TestMedia.ffmpeg());

    @Test
    void theLastFrameOfAMovingClipIsUsable() {
        Path clip = TestMedia.testClip(dir.resolve("clip.mp4"), 320, 240, 25, 2);
        Path last = grabber.lastFrame(clip, dir.resolve("last.png")).image();

        assertThat(check.verify(clip, last)).isEqualTo(new FrameCheck.FrameVerdict(true, "ok"));
    }

    @Test
    void aClipEndingInBlackIsNotUsable() {
        Path clip = make("black-end.mp4", "testsrc2=s=320x240:r=25:d=1[a];color=c=black:s=320x240:r=25:d=1[b];"
                + "[a][b]concat=n=2:v=1:a=0");
        FrameCheck.FrameVerdict verdict = check.verify(clip, grabber.lastFrame(clip, dir.resolve("last.png")).image());

        assertThat(verdict.usable()).isFalse();
        assertThat(verdict.reason()).startsWith("black");
    }

    @Test
    void aClipWithAFrozenTailIsNotUsable() {
        Path clip = make("frozen.mp4", "testsrc2=s=320x240:r=25:d=1,tpad=stop_mode=clone:stop_duration=1.5");
        FrameCheck.FrameVerdict verdict = check.verify(clip, grabber.lastFrame(clip, dir.resolve("last.png")).image());

        assertThat(verdict.usable()).isFalse();
        assertThat(verdict.reason()).startsWith("duplicate");
    }

    @Test
    void aPictureThatIsNotTheLastFrameIsNotUsable() {
        Path clip = TestMedia.testClip(dir.resolve("clip.mp4"), 320, 240, 25, 2);
        Path penultimate = dir.resolve("penultimate.png");
        TestMedia.ffmpeg().run(List.of("-i", clip.toString(), "-vf", "select=eq(n\\,48)", "-fps_mode", "passthrough",
                "-frames:v", "1", "-update", "1", penultimate.toString()), TestMedia.TIMEOUT);
        Path small = TestMedia.picture(dir.resolve("small.png"), "testsrc2=s=160x120");

        FrameCheck.FrameVerdict earlier = check.verify(clip, penultimate);
        FrameCheck.FrameVerdict otherSize = check.verify(clip, small);

        assertThat(earlier.usable()).isFalse();
        assertThat(earlier.reason()).startsWith("not the last frame");
        assertThat(otherSize.usable()).isFalse();
        assertThat(otherSize.reason()).startsWith("not the last frame");
    }

    private Path make(String name, String graph) {
        Path clip = dir.resolve(name);
        List<String> args = new java.util.ArrayList<>(List.of(
                "-filter_complex", graph));
        args.addAll(TestMedia.ffmpeg().mp4VideoArgs(320, 240, 25));
        args.add(clip.toString());
        TestMedia.ffmpeg().run(args, TestMedia.TIMEOUT);
        return clip;
    }
}
