package io.reelroute.store;

import java.time.Instant;

/** One step of a job's timeline. */
public record JobEvent(Instant ts, String stage, String detail) {
}
