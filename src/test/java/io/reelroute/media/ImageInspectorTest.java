package io.reelroute.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.reelroute.error.ErrorCode;
import io.reelroute.error.ReelrouteException;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A corpus of real good and bad files, made here, through the real FFmpeg. */
class ImageInspectorTest {
    private static final String SOURCE = "testsrc2=s=640x480";

    @TempDir
    Path dir;

    private final ImageInspector inspector = new ImageInspector(TestMedia.ffmpeg());

    @Test
    void acceptsPngJpegAndWebp() {
        assertThat(inspector.inspect(TestMedia.picture(dir.resolve("a.png"), SOURCE), "image"))
                .isEqualTo(new ImageInfo("png", 640, 480));
        assertThat(inspector.inspect(TestMedia.picture(dir.resolve("a.jpg"), SOURCE), "image"))
                .isEqualTo(new ImageInfo("jpeg", 640, 480));
        assertThat(inspector.inspect(TestMedia.picture(dir.resolve("lossy.webp"), SOURCE), "image"))
                .as("VP8").isEqualTo(new ImageInfo("webp", 640, 480));
        assertThat(inspector.inspect(TestMedia.picture(dir.resolve("lossless.webp"), "testsrc2=s=641x479,format=bgra",
                "-lossless", "1"), "image")).as("VP8L").isEqualTo(new ImageInfo("webp", 641, 479));
        assertThat(inspector.inspect(extendedWebp(TestMedia.picture(dir.resolve("lossy.webp"), "testsrc2=s=300x200")),
                "image")).as("VP8X").isEqualTo(new ImageInfo("webp", 300, 200));
    }

    @Test
    void refusesAnimatedWebpWithItsOwnReason() {
        Path animated = dir.resolve("photo.webp");
        TestMedia.ffmpeg().run(java.util.List.of("-f", "lavfi", "-i", "testsrc2=s=320x240:r=10:d=0.3", "-c:v",
                "libwebp_anim", "-loop", "0", animated.toString()), TestMedia.TIMEOUT);
        assertRejected(animated, "photo.webp is an animated WebP; use a still PNG, JPEG or WebP image");
    }

    @Test
    void theContentDecidesTheFormatNotTheName() throws Exception {
        Path jpeg = TestMedia.picture(dir.resolve("a.jpg"), SOURCE);
        Path named = Files.move(jpeg, dir.resolve("really-a-jpeg.png"));
        assertThat(inspector.inspect(named, "image").format()).isEqualTo("jpeg");
    }

    @Test
    void acceptsNamesWithSpacesNonAsciiLettersAndPercentSigns() {
        Path png = TestMedia.picture(dir.resolve("tmp.png"), SOURCE);
        for (String name : new String[]{"été à Øresund — photo 1.png", "100% sunrise %d.png"}) {
            Path renamed = dir.resolve(name);
            assertThat(png.toFile().renameTo(renamed.toFile())).isTrue();
            assertThat(inspector.inspect(renamed, "image")).isEqualTo(new ImageInfo("png", 640, 480));
            png = renamed;
        }
    }

    @Test
    void rejectsAnEmptyFile() throws Exception {
        assertRejected(Files.createFile(dir.resolve("photo.png")), "photo.png is empty (0 bytes)");
    }

    @Test
    void rejectsTextNamedLikeAnImage() throws Exception {
        Path text = Files.writeString(dir.resolve("photo.png"), "holiday snaps, see attachment");
        assertRejected(text, "photo.png is not a PNG, JPEG or WebP image");
    }

    @Test
    void rejectsATruncatedPng() throws Exception {
        assertRejected(truncated(TestMedia.picture(dir.resolve("full.png"), SOURCE), "photo.png"),
                "photo.png is damaged: the image data ends early");
    }

    @Test
    void rejectsATruncatedJpegThatFfmpegDecodesWithExitZero() throws Exception {
        Path jpeg = truncated(TestMedia.picture(dir.resolve("full.jpg"), SOURCE), "photo.jpg");
        // the reason for checking stderr as well as the exit code
        ProcessResult decode = TestMedia.ffmpeg().run(java.util.List.of("-xerror", "-i", jpeg.toString(), "-f", "null", "-"),
                TestMedia.TIMEOUT);
        assertThat(decode.exitCode()).isZero();
        assertThat(decode.stderrTail()).isNotBlank();

        assertRejected(jpeg, "photo.jpg is damaged: the image data ends early");
    }

    @Test
    void rejectsATruncatedWebp() throws Exception {
        assertRejected(truncated(TestMedia.picture(dir.resolve("full.webp"), SOURCE), "photo.webp"),
                "photo.webp is damaged: the image data ends early");
    }

    @Test
    void rejectsAFileCutInsideItsHeader() throws Exception {
        byte[] png = Files.readAllBytes(TestMedia.picture(dir.resolve("full.png"), SOURCE));
        Path cut = Files.write(dir.resolve("photo.png"), Arrays.copyOf(png, 20));
        assertRejected(cut, "photo.png is damaged: the image data ends early");
    }

    @Test
    void rejectsACompleteFileWithCorruptData() throws Exception {
        byte[] png = Files.readAllBytes(TestMedia.picture(dir.resolve("full.png"), SOURCE));
        int idat = indexOf(png, "IDAT".getBytes(StandardCharsets.US_ASCII));
        Arrays.fill(png, idat + 4, idat + 40, (byte) 0x5a); // the zlib stream header and first blocks
        Path corrupt = Files.write(dir.resolve("photo.png"), png);
        assertThatThrownBy(() -> inspector.inspect(corrupt, "image"))
                .isInstanceOfSatisfying(ReelrouteException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_INPUT);
                    assertThat(e.getMessage()).startsWith("photo.png is damaged: FFmpeg could not decode it (")
                            .doesNotContain("@ 0x");
                });
    }

    @Test
    void rejectsAValidButHugePngBeforeDecodingIt() throws Exception {
        Path huge = hugeBlackPng(dir.resolve("photo.png"), 20_000);
        assertThat(Files.size(huge)).as("cheap to make and to keep").isLessThan(1_000_000);
        // FFmpeg itself could not decode this size ("Picture size 20000x20000 is invalid"): had the inspector
        // decoded before checking the size, the message would say "damaged".
        assertRejected(huge, "photo.png is 20000x20000 pixels; the largest accepted is 8192 pixels on a side "
                + "(reelroute.image.max-side)");
    }

    @Test
    void theLargestSideIsConfigurable() {
        Path jpeg = TestMedia.picture(dir.resolve("photo.jpg"), SOURCE);
        assertThatThrownBy(() -> new ImageInspector(TestMedia.ffmpeg(), 600).inspect(jpeg, "mask_image"))
                .isInstanceOfSatisfying(ReelrouteException.class, e -> {
                    assertThat(e.getMessage()).isEqualTo("photo.jpg is 640x480 pixels; the largest accepted is 600 "
                            + "pixels on a side (reelroute.image.max-side)");
                    assertThat(e.field()).isEqualTo("mask_image");
                });
    }

    @Test
    void aMissingFileIsAMissingInput() {
        assertThatThrownBy(() -> inspector.inspect(dir.resolve("gone.png"), "image"))
                .isInstanceOfSatisfying(ReelrouteException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.MISSING_INPUT));
    }

    private void assertRejected(Path image, String message) {
        assertThatThrownBy(() -> inspector.inspect(image, "image"))
                .isInstanceOfSatisfying(ReelrouteException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_INPUT);
                    assertThat(e.field()).isEqualTo("image");
                    assertThat(e.getMessage()).isEqualTo(message);
                });
    }

    /** The same picture in the extended file format: a VP8X chunk (canvas size, no features) before the VP8 data. */
    private Path extendedWebp(Path simple) {
        try {
            byte[] bytes = Files.readAllBytes(simple);
            byte[] vp8 = Arrays.copyOfRange(bytes, 12, bytes.length);
            ByteBuffer vp8x = ByteBuffer.allocate(18).order(java.nio.ByteOrder.LITTLE_ENDIAN);
            vp8x.put("VP8X".getBytes(StandardCharsets.US_ASCII)).putInt(10).putInt(0); // flags + reserved
            vp8x.put(new byte[]{(byte) 299, (byte) (299 >> 8), 0, (byte) 199, 0, 0}); // canvas 300x200, minus one
            ByteBuffer file = ByteBuffer.allocate(12 + 18 + vp8.length).order(java.nio.ByteOrder.LITTLE_ENDIAN);
            file.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(4 + 18 + vp8.length)
                    .put("WEBP".getBytes(StandardCharsets.US_ASCII)).put(vp8x.array()).put(vp8);
            return Files.write(dir.resolve("extended.webp"), file.array());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private Path truncated(Path full, String name) throws IOException {
        byte[] bytes = Files.readAllBytes(full);
        return Files.write(dir.resolve(name), Arrays.copyOf(bytes, bytes.length / 2));
    }

    /**
     * A real, valid PNG of side x side black pixels, 1-bit grayscale: rows are streamed through a Deflater, so
     * neither the 50 MB of pixels nor a picture object is ever held in memory.
     */
    private static Path hugeBlackPng(Path file, int side) throws IOException {
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file)))) {
            out.write(new byte[]{(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
            // width, height, bit depth 1, colour type 0 (grayscale), deflate, adaptive filtering, no interlace
            pngChunk(out, "IHDR", ByteBuffer.allocate(13).putInt(side).putInt(side).put(new byte[]{1, 0, 0, 0, 0}).array());
            ByteArrayOutputStream compressed = new ByteArrayOutputStream();
            Deflater deflater = new Deflater(Deflater.BEST_SPEED);
            try (DeflaterOutputStream zlib = new DeflaterOutputStream(compressed, deflater, 64 * 1024)) {
                byte[] row = new byte[1 + (side + 7) / 8]; // filter type 0, then 8 pixels a byte
                for (int y = 0; y < side; y++) {
                    zlib.write(row);
                }
            } finally {
                deflater.end();
            }
            pngChunk(out, "IDAT", compressed.toByteArray());
            pngChunk(out, "IEND", new byte[0]);
        }
        return file;
    }

    private static void pngChunk(DataOutputStream out, String type, byte[] data) throws IOException {
        byte[] typeBytes = type.getBytes(StandardCharsets.US_ASCII);
        CRC32 crc = new CRC32();
        crc.update(typeBytes);
        crc.update(data);
        out.writeInt(data.length);
        out.write(typeBytes);
        out.write(data);
        out.writeInt((int) crc.getValue());
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new IllegalArgumentException("not found");
    }
}
