package io.reelroute.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FfmpegTest {
    @TempDir
    Path dir;

    @Test
    void withNothingConfiguredAndNothingOnThePathTheBundledFfmpegRuns() throws Exception {
        Path cache = dir.resolve("cache");
        Ffmpeg ffmpeg = Ffmpeg.locate("", cache, dir.resolve("empty-path").toString());

        assertThat(ffmpeg.origin()).isEqualTo(Ffmpeg.Origin.BUNDLED);
        assertThat(ffmpeg.version()).startsWith("8.");
        assertThat(ffmpeg.ffmpegPath()).isExecutable();
        assertThat(ffmpeg.ffprobePath()).isExecutable().hasParent(ffmpeg.ffmpegPath().getParent());
        // The bundled libavutil has no RUNPATH: its sibling libraries are found through LD_LIBRARY_PATH.
        assertThat(ffmpeg.environment().get("LD_LIBRARY_PATH")).contains(ffmpeg.ffmpegPath().getParent().toString());
        Path stub = cache.resolve("native").resolve(BundledFfmpeg.PULSE);
        if (BundledFfmpeg.systemHasPulse()) {
            assertThat(stub).doesNotExist();
        } else {
            // this machine has no libpulse.so.0: without the stand-in the program would not start at all
            assertThat(stub).isNotEmptyFile();
            assertThat(ffmpeg.environment().get("LD_LIBRARY_PATH")).startsWith(stub.getParent().toString() + ":");
        }
        assertThat(ffmpeg.runProbe(List.of("-version"), TestMedia.TIMEOUT).stdout()).startsWith("ffprobe version");
    }

    @Test
    void aConfiguredPathWinsAndFfprobeIsTakenFromBesideIt() throws Exception {
        Path bin = wrappers(dir.resolve("configured"));
        Ffmpeg ffmpeg = Ffmpeg.locate(bin.resolve("ffmpeg").toString(), dir, dir.resolve("empty").toString());
        assertThat(ffmpeg.origin()).isEqualTo(Ffmpeg.Origin.CONFIGURED);
        assertThat(ffmpeg.ffmpegPath()).isEqualTo(bin.resolve("ffmpeg"));
        assertThat(ffmpeg.ffprobePath()).isEqualTo(bin.resolve("ffprobe"));

        assertThat(Ffmpeg.locate(bin.toString(), dir, null).ffmpegPath()).as("a folder works too")
                .isEqualTo(bin.resolve("ffmpeg"));
    }

    @Test
    void aConfiguredPathThatDoesNotRunIsAnErrorNotASilentFallback() {
        assertThatThrownBy(() -> Ffmpeg.locate(dir.resolve("nowhere/ffmpeg").toString(), dir, null))
                .isInstanceOf(MediaException.class).hasMessageContaining("reelroute.ffmpeg.path");
    }

    @Test
    void ffmpegOnThePathIsUsedWhenNothingIsConfigured() throws Exception {
        Path bin = wrappers(dir.resolve("on-path"));
        Ffmpeg ffmpeg = Ffmpeg.locate(null, dir, dir.resolve("empty") + ":" + bin);
        assertThat(ffmpeg.origin()).isEqualTo(Ffmpeg.Origin.PATH);
        assertThat(ffmpeg.ffmpegPath()).isEqualTo(bin.resolve("ffmpeg"));
    }

    @Test
    void runReturnsOutputAndElapsedTime() {
        ProcessResult result = TestMedia.ffmpeg().run(List.of("-version"), TestMedia.TIMEOUT);
        assertThat(result.stdout()).startsWith("ffmpeg version");
        assertThat(result.elapsed()).isPositive();
    }

    @Test
    void aFailingRunThrowsWithExitCodeAndStderr() {
        assertThatThrownBy(() -> TestMedia.ffmpeg().run(List.of("-i", dir.resolve("missing.mp4").toString(),
                "-f", "null", "-"), TestMedia.TIMEOUT))
                .isInstanceOfSatisfying(MediaException.class, e -> {
                    assertThat(e.exitCode()).isNotZero().isNotEqualTo(MediaException.NO_EXIT_CODE);
                    assertThat(e.stderrTail()).contains("No such file or directory");
                });
    }

    @Test
    void aRunPastItsTimeoutIsStopped() {
        long started = System.nanoTime();
        // an endless source: only the timeout can end it
        assertThatThrownBy(() -> TestMedia.ffmpeg().run(List.of("-re", "-f", "lavfi", "-i", "testsrc2", "-f", "null", "-"),
                Duration.ofSeconds(1)))
                .isInstanceOfSatisfying(MediaException.class, e -> assertThat(e.timedOut()).isTrue());
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(15));
    }

    @Test
    void picksTheBestH264EncoderTheBuildHas() {
        Ffmpeg ffmpeg = TestMedia.ffmpeg();
        String encoders = ffmpeg.run(List.of("-encoders"), TestMedia.TIMEOUT).stdout();
        String expected = encoders.contains(" libx264 ") ? "libx264" : "libopenh264";
        assertThat(ffmpeg.h264Encoder()).isEqualTo(expected);
        assertThat(ffmpeg.mp4VideoArgs(854, 480, 30))
                .containsSequence("-c:v", expected)
                .containsSequence("-pix_fmt", "yuv420p")
                .containsSequence("-movflags", "+faststart")
                .containsSequence("-r", "30");
    }

    @Test
    void parsesTheVersionLine() {
        assertThat(Ffmpeg.parseVersion("ffmpeg version 8.0.1 Copyright (c) 2000-2025")).isEqualTo("8.0.1");
        assertThat(Ffmpeg.parseVersion("ffmpeg version n7.1-3-gabc Copyright")).isEqualTo("n7.1-3-gabc");
    }

    /**
     * Scripts named ffmpeg and ffprobe that run the test FFmpeg, so the configured and PATH cases can be tried
     * on a machine that has no system FFmpeg.
     */
    private static Path wrappers(Path bin) throws Exception {
        Files.createDirectories(bin);
        Ffmpeg real = TestMedia.ffmpeg();
        for (var program : Map.of("ffmpeg", real.ffmpegPath(), "ffprobe", real.ffprobePath()).entrySet()) {
            StringBuilder script = new StringBuilder("#!/bin/sh\n");
            real.environment().forEach((k, v) -> script.append("export ").append(k).append("='").append(v).append("'\n"));
            script.append("exec '").append(program.getValue()).append("' \"$@\"\n");
            Path file = bin.resolve(program.getKey());
            Files.writeString(file, script);
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        return bin;
    }
}
