package io.reelroute.media;

import java.time.Duration;

/**
 * The outcome of one finished child process.
 *
 * @param exitCode   the process exit code (always 0 when returned by {@link Ffmpeg}: failures throw)
 * @param stdout     standard output, bounded (the end is kept when a tool prints more than the limit)
 * @param stderrTail the last part of standard error (FFmpeg prints the cause of a failure last)
 * @param elapsed    wall time from start to exit: the FFmpeg share of a caller's own time
 */
public record ProcessResult(int exitCode, String stdout, String stderrTail, Duration elapsed) {
}
