package io.reelroute.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SlideshowTest {
    @TempDir
    Path dir;

    @Test
    void eachStillIsShownForItsSecondsAndFillsTheFrame() {
        Path wide = TestMedia.picture(dir.resolve("wide.png"), "testsrc2=s=640x360");
        Path square = TestMedia.picture(dir.resolve("square.png"), "color=c=red:s=300x300");
        FrameSize size = FrameSize.of("240p", "16:9");

        Path out = new Slideshow(TestMedia.ffmpeg()).make(List.of(new Slideshow.Still(wide, 1.0),
                new Slideshow.Still(square, 0.6), new Slideshow.Still(wide, 0.4)), size, 25, dir.resolve("preview.mp4"));

        ClipStreams facts = ExportTestMedia.streams(out);
        assertThat(facts.width()).isEqualTo(size.width());
        assertThat(facts.height()).isEqualTo(size.height());
        assertThat(facts.videoSeconds()).isCloseTo(2.0, within(1 / 25.0));
        // cover, not fit: the square still fills the frame edge to edge (no black bars at the sides)
        byte[] frame = TestMedia.frameByNumber(out, 35, dir);
        int w = size.width();
        assertThat(red(frame, w, 0, size.height() / 2)).isGreaterThan(200);
        assertThat(red(frame, w, w - 1, size.height() / 2)).isGreaterThan(200);
    }

    @Test
    void aStillOfNoLengthIsRefused() {
        assertThatThrownBy(() -> new Slideshow.Still(dir.resolve("x.png"), 0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static int red(byte[] rgb, int width, int x, int y) {
        return rgb[(y * width + x) * 3] & 0xff;
    }
}
