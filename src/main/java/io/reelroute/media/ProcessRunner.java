package io.reelroute.media;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs one child process to completion under a deadline.
 *
 * <p>Why not camel-exec: it buffers all output in memory and treats timeouts and non-zero exits as success unless
 * told otherwise (camel-style.md 4.5). Here both output streams are drained as they come into bounded buffers,
 * a timeout kills the process and everything it started, and every failure throws.
 */
final class ProcessRunner {
    static final int STDOUT_LIMIT_BYTES = 4 * 1024 * 1024;
    static final int STDERR_TAIL_BYTES = 64 * 1024;
    /** How long to wait for a killed process to go, and for the pipes to reach end of file after an exit. */
    private static final long SETTLE_MILLIS = 5_000;

    private ProcessRunner() {
    }

    /**
     * @param command     the program and its arguments, passed as-is (no shell, so no quoting problems)
     * @param environment variables to add to this JVM's environment for the child
     * @throws MediaException when the program cannot start, exits non-zero, or outlives {@code timeout}
     */
    static ProcessResult run(List<String> command, Map<String, String> environment, Duration timeout) {
        String name = shortName(command.get(0));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(environment);
        long started = System.nanoTime();
        Process process;
        try {
            process = builder.start();
            process.getOutputStream().close(); // the tools never read stdin; closing it makes any attempt end at once
        } catch (IOException e) {
            throw new MediaException("could not start " + command.get(0) + ": " + e.getMessage(), e);
        }
        BoundedTail stdout = new BoundedTail(STDOUT_LIMIT_BYTES);
        BoundedTail stderr = new BoundedTail(STDERR_TAIL_BYTES);
        Thread outDrain = drain(process.getInputStream(), stdout, name + "-stdout");
        Thread errDrain = drain(process.getErrorStream(), stderr, name + "-stderr");
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                killTree(process);
                join(outDrain, errDrain);
                throw new MediaException(name + " did not finish within " + timeout.toSeconds() + " s and was stopped",
                        MediaException.NO_EXIT_CODE, stderr.text(), since(started), true, null);
            }
        } catch (InterruptedException e) {
            killTree(process);
            Thread.currentThread().interrupt(); // keep the caller's cancellation visible
            throw new MediaException(name + " was interrupted and stopped", MediaException.NO_EXIT_CODE,
                    stderr.text(), since(started), false, e);
        }
        join(outDrain, errDrain);
        Duration elapsed = since(started);
        int exit = process.exitValue();
        if (exit != 0) {
            throw new MediaException(name + " failed with exit code " + exit + ": " + lastLine(stderr.text()),
                    exit, stderr.text(), elapsed, false, null);
        }
        return new ProcessResult(exit, stdout.text(), stderr.text(), elapsed);
    }

    /** The last non-blank line, which for FFmpeg is usually the reason it gave up. */
    static String lastLine(String text) {
        String[] lines = text.strip().split("\\R");
        String last = lines[lines.length - 1].strip();
        return last.isEmpty() ? "(no error output)" : last;
    }

    private static Thread drain(InputStream in, BoundedTail sink, String threadName) {
        Thread thread = new Thread(() -> {
            byte[] buffer = new byte[8192];
            try (in) {
                for (int n; (n = in.read(buffer)) != -1; ) {
                    sink.write(buffer, 0, n);
                }
            } catch (IOException ignored) {
                // the stream closes under us when the process is killed; what was read so far is kept
            }
        }, threadName);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    /** Children first, so none is re-parented and left running when its parent goes. */
    private static void killTree(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(SETTLE_MILLIS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Bounded: a grandchild that inherited the pipes could otherwise hold them open forever. */
    private static void join(Thread... drains) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(SETTLE_MILLIS);
        for (Thread drain : drains) {
            try {
                drain.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static Duration since(long startedNanos) {
        return Duration.ofNanos(System.nanoTime() - startedNanos);
    }

    private static String shortName(String program) {
        int slash = program.lastIndexOf('/');
        return slash < 0 ? program : program.substring(slash + 1);
    }
}
