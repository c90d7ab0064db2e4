package io.reelroute.provider;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Notices a provider that keeps failing: after {@code threshold} failures in a row it is open (unavailable)
 * for {@code openFor}, then gets another chance. Any success closes it. In memory: a restart forgets it.
 */
public final class CircuitBreaker {
    private final int threshold;
    private final Duration openFor;
    private final Clock clock;
    private final Map<String, State> states = new ConcurrentHashMap<>();

    private record State(int failures, Instant openUntil) {
    }

    public CircuitBreaker(int threshold, Duration openFor, Clock clock) {
        this.threshold = threshold;
        this.openFor = openFor;
        this.clock = clock;
    }

    public boolean isOpen(String provider) {
        State state = states.get(provider);
        return state != null && state.openUntil() != null && clock.instant().isBefore(state.openUntil());
    }

    public void success(String provider) {
        states.remove(provider);
    }

    public void failure(String provider) {
        states.compute(provider, (p, state) -> {
            int failures = (state == null ? 0 : state.failures()) + 1;
            return new State(failures, failures >= threshold ? clock.instant().plus(openFor) : null);
        });
    }
}
