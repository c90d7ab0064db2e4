package io.reelroute.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.reelroute.error.ErrorCode;
import io.reelroute.error.ReelrouteException;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Real renders, probed and decoded; small (480p, 1-2 s) so the suite stays quick on two cores. */
class LocalPreviewRendererTest {
    @TempDir
    Path dir;

    private final Ffmpeg ffmpeg = TestMedia.ffmpeg();
    private final MediaProbe probe = new MediaProbe(ffmpeg);

    /**
     * A mid-grey still with one white vertical bar: in every frame the bar's centroid gives the picture's
     * position to a fraction of a pixel, so judder (uneven or zero steps) can be measured.
     */
    private Path barStill() {
        return TestMedia.picture(dir.resolve("bar.png"),
                "color=c=0x808080:s=1280x720,drawbox=x=632:y=0:w=16:h=720:color=white:t=fill");
    }

    @ParameterizedTest
    @CsvSource({"slow pan right across the bay, pan-right, -1", "the camera pans left, pan-left, 1"})
    void panIsSmoothAndHonoursDurationSizeAndRate(String prompt, String move, int screenDirection) throws Exception {
        Path out = dir.resolve("out/pan.mp4");
        RenderResult result = render(RenderRequest.IMAGE_TO_VIDEO, barStill(), null, prompt, 2, "480p", "16:9", 30, out);

        assertThat(result.cameraMove()).isEqualTo(move);
        assertThat(result.video()).isEqualTo(out);
        assertThat(result.ffmpegTime()).isPositive();
        assertPlayableMp4(out, 854, 480, 30, 2.0);
        List<byte[]> frames = grayFrames(out, 854, 480);
        assertThat(frames).hasSize(60);
        assertThat(frames.get(0)).as("first and last frames differ").isNotEqualTo(frames.get(59));

        double[] steps = new double[frames.size() - 1];
        double previous = barCentroid(frames.get(0), 854, 480);
        for (int i = 1; i < frames.size(); i++) {
            assertThat(frames.get(i)).as("frame %d is not a repeat of frame %d", i, i - 1).isNotEqualTo(frames.get(i - 1));
            double position = barCentroid(frames.get(i), 854, 480);
            steps[i - 1] = position - previous;
            previous = position;
        }
        double mean = Arrays.stream(steps).average().orElseThrow();
        // the picture moves opposite to the camera; 15% of the width over 59 steps is about 2.2 px a frame
        assertThat(Math.signum(mean)).isEqualTo(screenDirection);
        assertThat(Math.abs(mean)).isCloseTo(0.15 * 854 / 59, within(0.3));
        // Smooth: every step within 20% of the mean (measured here: 2.0 and 2.3 px, the quarter-pixel grid of
        // the oversampled still). Whole-pixel placement at output size (zoompan without oversampling) gives steps
        // of 1.15 and 2.3 px, and in yuv420p frozen frames (0 px), and fails this.
        for (int i = 0; i < steps.length; i++) {
            assertThat(steps[i]).as("step %d of %s", i, Arrays.toString(steps)).isCloseTo(mean, within(0.2 * Math.abs(mean)));
        }
        FrameGrabberTest.assertNoTempFilesIn(out.getParent());
    }

    @ParameterizedTest
    @CsvSource({"tilt up to the sky, tilt-up, 9:16, 480, 854", "zoom in on the boat, zoom-in, 1:1, 480, 480",
            "pull out to reveal the town, zoom-out, 16:9, 854, 480", "boats in a harbour, gentle-push-in, vertical, 480, 854",
            "tilt down, tilt-down, square, 480, 480"})
    void everyMoveMovesAndFillsTheAskedFrame(String prompt, String move, String aspect, int width, int height) throws Exception {
        Path still = TestMedia.picture(dir.resolve("still.jpg"), "testsrc2=s=800x600");
        Path out = dir.resolve("move.mp4");
        RenderResult result = render(RenderRequest.IMAGE_TO_VIDEO, still, null, prompt, 1, "480p", aspect, 24, out);

        assertThat(result.cameraMove()).isEqualTo(move);
        assertPlayableMp4(out, width, height, 24, 1.0);
        List<byte[]> frames = grayFrames(out, width, height);
        assertThat(frames).hasSize(24);
        assertThat(TestMedia.meanDifference(frames.get(0), frames.get(23))).as("first and last frames differ").isGreaterThan(2);
    }

    @Test
    void aStaticShotHoldsStill() throws Exception {
        Path out = dir.resolve("static.mp4");
        RenderResult result = render(RenderRequest.IMAGE_TO_VIDEO, TestMedia.picture(dir.resolve("s.png"), "testsrc2=s=640x360"),
                null, "locked-off shot", 1, "480p", "16:9", 0, out);
        assertThat(result.cameraMove()).isEqualTo("static");
        assertPlayableMp4(out, 854, 480, RenderRequest.DEFAULT_FPS, 1.0);
        List<byte[]> frames = grayFrames(out, 854, 480);
        assertThat(TestMedia.meanDifference(frames.get(0), frames.get(frames.size() - 1))).isLessThan(1);
    }

    @Test
    void withoutAnAspectTheStillKeepsItsShape() throws Exception {
        Path out = dir.resolve("square.mp4");
        render(RenderRequest.IMAGE_TO_VIDEO, TestMedia.picture(dir.resolve("sq.webp"), "testsrc2=s=500x480"), null,
                null, 1, null, null, 0, out);
        assertPlayableMp4(out, 480, 480, 30, 1.0);
    }

    @Test
    void textToVideoIsATitleCardThatFadesInAndOut() throws Exception {
        // quotes, colon, comma, brackets and semicolon in the folder: the font and text paths must be escaped
        Path odd = Files.createDirectories(dir.resolve("it's: a [test], ok;"));
        LocalPreviewRenderer renderer = new LocalPreviewRenderer(ffmpeg, odd.resolve("cache"));
        assertThat(odd.resolve("cache/fonts/DejaVuSans.ttf")).isNotEmptyFile();
        Path out = odd.resolve("card.mp4");

        RenderResult result = renderer.render(new RenderRequest(RenderRequest.TEXT_TO_VIDEO, null, null,
                "Harbour at dawn: 100% {calm}, it's \"quiet\" \\ still", 1.5, "480p", "1:1", 24, out));

        assertThat(result.cameraMove()).isEqualTo("static");
        assertPlayableMp4(out, 480, 480, 24, 1.5);
        List<byte[]> frames = grayFrames(out, 480, 480);
        assertThat(frames).hasSize(36);
        byte[] middle = frames.get(18);
        assertThat(brightPixels(middle)).as("white text is drawn").isGreaterThan(1000);
        assertThat(brightPixels(frames.get(0))).as("faded in from black").isLessThan(brightPixels(middle) / 10);
        assertThat(brightPixels(frames.get(35))).as("faded out").isLessThan(brightPixels(middle) / 10);
        try (var leftovers = Files.list(odd)) {
            assertThat(leftovers.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("cache", "card.mp4");
        }
    }

    @Test
    void talkingAvatarLastsAsLongAsTheAudio() throws Exception {
        Path voice = TestMedia.tone(dir.resolve("voice.wav"), 1.3);
        Path out = dir.resolve("avatar.mp4");
        RenderResult result = render(RenderRequest.TALKING_AVATAR, TestMedia.picture(dir.resolve("face.png"),
                "testsrc2=s=600x800"), voice, "hello", 0, "480p", "9:16", 30, out);

        assertThat(result.cameraMove()).isEqualTo("static");
        assertPlayableMp4(out, 480, 854, 30, 1.3);
        MediaInfo info = probe.probe(out);
        assertThat(info.hasAudio()).isTrue();
        assertThat(info.audioCodec()).isEqualTo("aac");
        JsonNode video = MediaProbe.firstStream(probe.probeJson(out, "stream=codec_type,duration"), "video");
        assertThat(MediaProbe.number(video, "duration")).as("the picture lasts the whole voice").isGreaterThanOrEqualTo(1.3);
    }

    @Test
    void requestsThatCannotBeRenderedNameTheField() {
        Path still = TestMedia.picture(dir.resolve("s.png"), "testsrc2=s=64x64");
        Path out = dir.resolve("x.mp4");
        assertRejected(() -> render(RenderRequest.IMAGE_TO_VIDEO, null, null, "", 1, "480p", "16:9", 30, out),
                ErrorCode.MISSING_INPUT, "image");
        assertRejected(() -> render(RenderRequest.TALKING_AVATAR, still, null, "", 1, "480p", "16:9", 30, out),
                ErrorCode.MISSING_INPUT, "audio");
        assertRejected(() -> render(RenderRequest.TEXT_TO_VIDEO, null, null, "  ", 1, "480p", "16:9", 30, out),
                ErrorCode.MISSING_INPUT, "prompt");
        assertRejected(() -> render("keyframe", still, null, "", 1, "480p", "16:9", 30, out),
                ErrorCode.UNSUPPORTED_PARAMETER, "operation");
        assertRejected(() -> render(RenderRequest.IMAGE_TO_VIDEO, still, null, "", 0, "480p", "16:9", 30, out),
                ErrorCode.UNSUPPORTED_PARAMETER, "duration");
        assertRejected(() -> render(RenderRequest.IMAGE_TO_VIDEO, still, null, "", 1, "8k", "16:9", 30, out),
                ErrorCode.UNSUPPORTED_PARAMETER, "resolution");
        assertThat(out).doesNotExist();
    }

    private RenderResult render(String operation, Path image, Path audio, String prompt, double seconds,
                                String resolution, String aspect, int fps, Path out) {
        return new LocalPreviewRenderer(ffmpeg, dir.resolve("cache")).render(
                new RenderRequest(operation, image, audio, prompt, seconds, resolution, aspect, fps, out));
    }

    /** H.264, yuv420p, the size, rate and length asked, and the index (moov) before the media data (faststart). */
    private void assertPlayableMp4(Path mp4, int width, int height, int fps, double seconds) throws IOException {
        MediaInfo info = probe.probe(mp4);
        assertThat(info.videoCodec()).isEqualTo("h264");
        assertThat(info.width()).isEqualTo(width);
        assertThat(info.height()).isEqualTo(height);
        assertThat(info.fps()).isCloseTo(fps, within(0.001));
        assertThat(info.durationS()).isCloseTo(seconds, within(0.03));
        JsonNode video = MediaProbe.firstStream(probe.probeJson(mp4, "stream=codec_type,pix_fmt"), "video");
        assertThat(video.path("pix_fmt").asText()).isEqualTo("yuv420p");
        List<String> boxes = topLevelBoxes(mp4);
        assertThat(boxes).contains("moov", "mdat");
        assertThat(boxes.indexOf("moov")).as("faststart: %s", boxes).isLessThan(boxes.indexOf("mdat"));
    }

    private static List<String> topLevelBoxes(Path mp4) throws IOException {
        List<String> types = new ArrayList<>();
        try (InputStream file = Files.newInputStream(mp4); DataInputStream in = new DataInputStream(file)) {
            long remaining = Files.size(mp4);
            while (remaining >= 8) {
                long size = Integer.toUnsignedLong(in.readInt());
                byte[] type = in.readNBytes(4);
                long header = 8;
                if (size == 1) {
                    size = in.readLong();
                    header = 16;
                } else if (size == 0) {
                    size = remaining;
                }
                types.add(new String(type, java.nio.charset.StandardCharsets.US_ASCII));
                in.skipNBytes(size - header);
                remaining -= size;
            }
        }
        return types;
    }

    private static List<byte[]> grayFrames(Path clip, int width, int height) {
        byte[] all = TestMedia.pixels(clip, "gray");
        int frameSize = width * height;
        assertThat(all.length % frameSize).isZero();
        List<byte[]> frames = new ArrayList<>();
        for (int offset = 0; offset < all.length; offset += frameSize) {
            frames.add(Arrays.copyOfRange(all, offset, offset + frameSize));
        }
        return frames;
    }

    /**
     * Sub-pixel x of the white bar: the centre of mass of the columns around the brightest one, above the
     * background. Linear in the pixel values, so resampling at any sub-pixel phase does not bias it.
     */
    private static double barCentroid(byte[] frame, int width, int height) {
        double[] profile = new double[width];
        for (int y = height / 2 - 40; y < height / 2 + 40; y++) {
            for (int x = 0; x < width; x++) {
                profile[x] += frame[y * width + x] & 0xff;
            }
        }
        double background = Arrays.stream(profile).sorted().toArray()[width / 2];
        int peak = 0;
        for (int x = 0; x < width; x++) {
            peak = profile[x] > profile[peak] ? x : peak;
        }
        double mass = 0;
        double moment = 0;
        for (int x = Math.max(0, peak - 25); x <= Math.min(width - 1, peak + 25); x++) {
            mass += profile[x] - background;
            moment += (profile[x] - background) * x;
        }
        return moment / mass;
    }

    private static long brightPixels(byte[] frame) {
        long count = 0;
        for (byte b : frame) {
            if ((b & 0xff) > 160) {
                count++;
            }
        }
        return count;
    }

    private static void assertRejected(Runnable render, ErrorCode code, String field) {
        assertThatThrownBy(render::run).isInstanceOfSatisfying(ReelrouteException.class, e -> {
            assertThat(e.code()).isEqualTo(code);
            assertThat(e.field()).isEqualTo(field);
        });
    }
}
