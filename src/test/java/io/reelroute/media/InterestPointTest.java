package io.reelroute.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InterestPointTest {
    @TempDir
    Path dir;

    private final InterestPoint interest = new InterestPoint(TestMedia.ffmpeg());

    @Test
    void theFocusFindsTheDetailOnAFlatBackground() {
        // a moving test pattern of 120x120 on flat grey, its centre at (540, 120) of 640x360
        Path video = dir.resolve("detail-right.mp4");
        TestMedia.ffmpeg().run(List.of("-f", "lavfi", "-i", "color=c=gray:s=640x360:r=25:d=2", "-f", "lavfi", "-i",
                "testsrc2=s=120x120:r=25:d=2", "-filter_complex", "[0][1]overlay=x=480:y=60", "-c:v",
                TestMedia.ffmpeg().h264Encoder(), "-pix_fmt", "yuv420p", video.toString()), TestMedia.TIMEOUT);

        PlatformReframe.Focus focus = interest.of(video);

        assertThat(focus.x()).isCloseTo(540 / 640.0, within(0.05));
        assertThat(focus.y()).isCloseTo(120 / 360.0, within(0.06));
    }

    @Test
    void aVideoWithoutDetailKeepsTheCentre() {
        Path video = dir.resolve("flat.mp4");
        TestMedia.ffmpeg().run(List.of("-f", "lavfi", "-i", "color=c=navy:s=320x180:r=25:d=1", "-c:v",
                TestMedia.ffmpeg().h264Encoder(), "-pix_fmt", "yuv420p", video.toString()), TestMedia.TIMEOUT);
        assertThat(interest.of(video)).isEqualTo(PlatformReframe.Focus.CENTRE);
    }

    @Test
    void theCentroidWeighsEdgesOnly() {
        byte[] frame = new byte[InterestPoint.WIDTH * InterestPoint.HEIGHT];
        // one vertical edge at x = 20: everything left of it dark, right of it bright
        for (int y = 0; y < InterestPoint.HEIGHT; y++) {
            for (int x = 20; x < InterestPoint.WIDTH; x++) {
                frame[y * InterestPoint.WIDTH + x] = (byte) 200;
            }
        }
        PlatformReframe.Focus focus = InterestPoint.centroid(frame);
        assertThat(focus.x() * InterestPoint.WIDTH).isCloseTo(20.0, within(1.0));
        assertThat(focus.y()).isCloseTo(0.5, within(0.02));
    }
}
