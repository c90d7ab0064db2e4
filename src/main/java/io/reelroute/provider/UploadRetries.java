package io.reelroute.provider;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * Repeats an input upload that failed in a way worth repeating (429, 5xx, a dropped connection). Unlike a
 * submit, an upload starts nothing and costs nothing, so trying again is safe; a few short pauses are cheaper
 * than failing a job whose generation has not even started.
 */
public final class UploadRetries {
    static final int ATTEMPTS = 3;
    private static final Duration PAUSE = Duration.ofMillis(250);
    private static final Duration LONGEST_PAUSE = Duration.ofSeconds(10);

    private UploadRetries() {
    }

    /** Runs {@code upload}, again up to {@value #ATTEMPTS} times in all while it throws a retryable failure. */
    public static <T> T attempt(Supplier<T> upload) {
        for (int attempt = 1; ; attempt++) {
            try {
                return upload.get();
            } catch (ProviderException e) {
                if (!e.retryable() || attempt == ATTEMPTS) {
                    throw e;
                }
                if (!pause(e.retryAfter() != null ? min(e.retryAfter(), LONGEST_PAUSE) : PAUSE.multipliedBy(attempt))) {
                    throw e;
                }
            }
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    /** False when interrupted: the caller is shutting down and should get the failure now. */
    private static boolean pause(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
