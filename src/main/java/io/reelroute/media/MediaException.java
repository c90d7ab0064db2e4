package io.reelroute.media;

import java.time.Duration;

/**
 * An FFmpeg or ffprobe run that did not succeed: it exited non-zero, ran past its deadline, or could not start.
 * Unchecked because callers can rarely recover; the route's error handling decides what the job becomes.
 * Carries what a person needs to see why: the exit code and the end of stderr (FFmpeg prints the cause last).
 */
public class MediaException extends RuntimeException {
    /** Exit code used when the process never exited on its own (could not start, timed out, interrupted). */
    public static final int NO_EXIT_CODE = -1;

    private final int exitCode;
    private final String stderrTail;
    private final Duration elapsed;
    private final boolean timedOut;

    public MediaException(String message) {
        this(message, NO_EXIT_CODE, "", Duration.ZERO, false, null);
    }

    public MediaException(String message, Throwable cause) {
        this(message, NO_EXIT_CODE, "", Duration.ZERO, false, cause);
    }

    public MediaException(String message, int exitCode, String stderrTail, Duration elapsed, boolean timedOut,
                          Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
        this.stderrTail = stderrTail == null ? "" : stderrTail;
        this.elapsed = elapsed == null ? Duration.ZERO : elapsed;
        this.timedOut = timedOut;
    }

    public int exitCode() {
        return exitCode;
    }

    public String stderrTail() {
        return stderrTail;
    }

    /** Wall time the process ran before it failed, so callers can still account FFmpeg time on failure. */
    public Duration elapsed() {
        return elapsed;
    }

    public boolean timedOut() {
        return timedOut;
    }
}
