package io.reelroute.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The process plumbing on its own, with /bin/sh standing in for FFmpeg. */
class ProcessRunnerTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    @Test
    void returnsOutputExitCodeAndElapsedTime() {
        ProcessResult result = sh("echo out; echo err >&2; echo $GREETING", Map.of("GREETING", "hi"), TIMEOUT);
        assertThat(result.exitCode()).isZero();
        assertThat(result.stdout()).isEqualTo("out\nhi\n");
        assertThat(result.stderrTail()).isEqualTo("err\n");
        assertThat(result.elapsed()).isPositive();
    }

    @Test
    void nonZeroExitThrowsWithTheCodeAndTheEndOfStderr() {
        assertThatThrownBy(() -> sh("echo first >&2; echo 'the real reason' >&2; exit 3", Map.of(), TIMEOUT))
                .isInstanceOfSatisfying(MediaException.class, e -> {
                    assertThat(e.exitCode()).isEqualTo(3);
                    assertThat(e.stderrTail()).isEqualTo("first\nthe real reason\n");
                    assertThat(e.getMessage()).contains("exit code 3").endsWith("the real reason");
                    assertThat(e.timedOut()).isFalse();
                });
    }

    @Test
    void chattyOutputIsBoundedNotBuffered() {
        // 20 MB on each stream: far over both limits
        ProcessResult result = sh("head -c 20000000 /dev/zero | tr '\\0' a; head -c 20000000 /dev/zero | tr '\\0' b >&2; "
                + "echo END >&2", Map.of(), TIMEOUT);
        assertThat(result.stdout()).hasSize(ProcessRunner.STDOUT_LIMIT_BYTES).matches("a+");
        assertThat(result.stderrTail()).hasSize(ProcessRunner.STDERR_TAIL_BYTES).endsWith("bbbEND\n");
    }

    @Test
    void timeoutKillsTheProcessAndTheChildrenItStarted() throws Exception {
        Path pidFile = dir.resolve("child.pid");
        long started = System.nanoTime();
        assertThatThrownBy(() -> sh("sleep 600 & echo $! > '" + pidFile + "'; wait", Map.of(), Duration.ofMillis(500)))
                .isInstanceOfSatisfying(MediaException.class, e -> {
                    assertThat(e.timedOut()).isTrue();
                    assertThat(e.exitCode()).isEqualTo(MediaException.NO_EXIT_CODE);
                });
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(15));
        long child = Long.parseLong(Files.readString(pidFile).strip());
        await().atMost(Duration.ofSeconds(10))
                .until(() -> ProcessHandle.of(child).map(p -> !p.isAlive()).orElse(true));
    }

    @Test
    void aProgramThatDoesNotExistThrows() {
        assertThatThrownBy(() -> ProcessRunner.run(List.of(dir.resolve("no-such-program").toString()), Map.of(), TIMEOUT))
                .isInstanceOf(MediaException.class).hasMessageContaining("could not start");
    }

    private static ProcessResult sh(String script, Map<String, String> env, Duration timeout) {
        return ProcessRunner.run(List.of("/bin/sh", "-c", script), env, timeout);
    }
}
