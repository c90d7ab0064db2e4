package io.reelroute.catalog;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.math.BigDecimal;
import java.time.Duration;

/**
 * How often a running prediction is asked for its status and how long it may take before the job ends
 * with {@code timeout} (which can be resumed). Seconds may be fractional (0.5).
 */
public record PollCadence(
        @JsonProperty("interval_seconds") BigDecimal intervalSeconds,
        @JsonProperty("timeout_seconds") BigDecimal timeoutSeconds) {

    public Duration interval() {
        return toDuration(intervalSeconds);
    }

    public Duration timeout() {
        return toDuration(timeoutSeconds);
    }

    private static Duration toDuration(BigDecimal seconds) {
        return Duration.ofMillis(seconds.multiply(BigDecimal.valueOf(1000)).longValue());
    }
}
