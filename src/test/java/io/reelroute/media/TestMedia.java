package io.reelroute.media;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Real inputs made with FFmpeg for the media tests, and decoded pictures to compare. */
final class TestMedia {
    static final Duration TIMEOUT = Duration.ofMinutes(2);
    private static Ffmpeg shared;

    private TestMedia() {
    }

    /** One located FFmpeg for the whole test run (tests run from the project folder, see the pom). */
    static synchronized Ffmpeg ffmpeg() {
        if (shared == null) {
            shared = Ffmpeg.locate(null, Path.of("target", "media-test-cache"));
        }
        return shared;
    }

    /** A single picture from a lavfi source, e.g. {@code testsrc2=s=640x480}, in the format the name implies. */
    static Path picture(Path file, String lavfiSource, String... encoderArgs) {
        List<String> args = new ArrayList<>(List.of("-f", "lavfi", "-i", lavfiSource, "-frames:v", "1"));
        args.addAll(List.of(encoderArgs));
        args.addAll(List.of("-update", "1", file.toString()));
        ffmpeg().run(args, TIMEOUT);
        return file;
    }

    /** A clip whose every frame differs (testsrc2 draws a frame counter and moving parts), H.264 as we make it. */
    static Path testClip(Path file, int width, int height, int fps, double seconds) {
        List<String> args = new ArrayList<>(List.of("-f", "lavfi", "-i",
                "testsrc2=s=" + width + "x" + height + ":r=" + fps + ":d=" + seconds));
        args.addAll(ffmpeg().mp4VideoArgs(width, height, fps));
        args.add(file.toString());
        ffmpeg().run(args, TIMEOUT);
        return file;
    }

    /** A sine tone as 16-bit WAV. */
    static Path tone(Path file, double seconds) {
        ffmpeg().run(List.of("-f", "lavfi", "-i", "sine=frequency=440:duration=" + seconds, "-c:a", "pcm_s16le",
                file.toString()), TIMEOUT);
        return file;
    }

    /** Decoded pixels of every frame (or the one picture), as raw bytes in {@code pixelFormat} (gray, rgb24). */
    static byte[] pixels(Path media, String pixelFormat) {
        try {
            Path raw = Files.createTempFile("pixels", ".raw");
            try {
                ffmpeg().run(List.of("-i", media.toAbsolutePath().toString(), "-fps_mode", "passthrough",
                        "-f", "rawvideo", "-pix_fmt", pixelFormat, raw.toString()), TIMEOUT);
                return Files.readAllBytes(raw);
            } finally {
                Files.deleteIfExists(raw);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Frame {@code index} of a clip, decoded the slow, obvious way (select by number), as rgb24 bytes. */
    static byte[] frameByNumber(Path clip, int index, Path workDir) {
        Path png = workDir.resolve("frame-" + index + ".png");
        ffmpeg().run(List.of("-i", clip.toAbsolutePath().toString(), "-vf", "select=eq(n\\," + index + ")",
                "-fps_mode", "passthrough", "-frames:v", "1", "-update", "1", png.toString()), TIMEOUT);
        return pixels(png, "rgb24");
    }

    /** Mean absolute difference per byte between two equally sized pictures. */
    static double meanDifference(byte[] a, byte[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("sizes differ: " + a.length + " and " + b.length);
        }
        long sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += Math.abs((a[i] & 0xff) - (b[i] & 0xff));
        }
        return (double) sum / a.length;
    }
}
