package io.reelroute.notify;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * When a notify_url is called again: after the n-th failed call, {@code backoff} times 2^(n-1) later, until
 * {@code attempts} calls have been made; then the delivery is given up.
 */
public record NotifySchedule(int attempts, Duration backoff) {

    public NotifySchedule {
        if (attempts < 1) {
            throw new IllegalArgumentException("reelroute.notify.attempts must be at least 1, not " + attempts);
        }
    }

    /** The delay after the {@code callsMade}-th failed call (the shift is capped so it cannot overflow). */
    public Duration delayAfter(int callsMade) {
        return backoff.multipliedBy(1L << Math.min(Math.max(callsMade - 1, 0), 20));
    }

    /** When to call again after {@code callsMade} failed calls; empty once every attempt has been made. */
    public Optional<Instant> retryAt(int callsMade, Instant now) {
        return callsMade >= attempts ? Optional.empty() : Optional.of(now.plus(delayAfter(callsMade)));
    }
}
