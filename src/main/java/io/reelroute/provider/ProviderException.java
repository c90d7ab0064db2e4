package io.reelroute.provider;

import io.reelroute.error.ErrorCode;
import io.reelroute.error.ReelrouteException;
import java.time.Duration;

/**
 * A provider call that did not work. {@code retryable} says whether the same call may be repeated safely
 * (a poll or download after a 429, a 5xx or a dropped connection); a submit is never repeated whatever this
 * says. The message carries the provider's own words and never a key.
 */
public class ProviderException extends ReelrouteException {
    private final int httpStatus;
    private final boolean retryable;
    private final Duration retryAfter;

    public ProviderException(ErrorCode code, String message, int httpStatus, boolean retryable, Duration retryAfter) {
        this(code, message, httpStatus, retryable, retryAfter, null);
    }

    public ProviderException(ErrorCode code, String message, int httpStatus, boolean retryable, Duration retryAfter,
                             Throwable cause) {
        super(code, message, null, cause);
        this.httpStatus = httpStatus;
        this.retryable = retryable;
        this.retryAfter = retryAfter;
    }

    /** 0 when no HTTP answer came (timeout, refused connection, malformed body). */
    public int httpStatus() {
        return httpStatus;
    }

    public boolean retryable() {
        return retryable;
    }

    /** The provider's Retry-After, or null. */
    public Duration retryAfter() {
        return retryAfter;
    }
}
