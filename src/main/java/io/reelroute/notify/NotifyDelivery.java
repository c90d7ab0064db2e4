package io.reelroute.notify;

import java.time.Instant;

/**
 * One delivery of a job's result.json to its notify_url, as stored: {@code attempts} calls made so far, the next
 * one not before {@code nextAttemptAt}, and what the last call gave.
 */
public record NotifyDelivery(long id, String jobId, String url, int attempts, Instant nextAttemptAt, State state,
                             String lastOutcome) {

    public enum State {
        PENDING("pending"), SENT("sent"), GIVEN_UP("given_up");

        private final String dbValue;

        State(String dbValue) {
            this.dbValue = dbValue;
        }

        public String dbValue() {
            return dbValue;
        }

        public static State fromDb(String value) {
            for (State state : values()) {
                if (state.dbValue.equals(value)) {
                    return state;
                }
            }
            throw new IllegalArgumentException("unknown notify delivery state " + value);
        }
    }
}
