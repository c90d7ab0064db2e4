package io.reelroute.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The back-off of notify_url calls: doubling delays, then giving up. */
class NotifyScheduleTest {
    private static final Instant NOW = Instant.parse("2026-11-21T10:00:00Z");
    private final NotifySchedule schedule = new NotifySchedule(4, Duration.ofSeconds(2));

    @Test
    void theDelayDoublesAfterEachFailedCall() {
        assertThat(schedule.retryAt(1, NOW)).contains(NOW.plusSeconds(2));
        assertThat(schedule.retryAt(2, NOW)).contains(NOW.plusSeconds(4));
        assertThat(schedule.retryAt(3, NOW)).contains(NOW.plusSeconds(8));
    }

    @Test
    void theLastAttemptIsNotFollowedByAnother() {
        assertThat(schedule.retryAt(4, NOW)).isEmpty();
        assertThat(schedule.retryAt(9, NOW)).isEmpty();
        assertThat(new NotifySchedule(1, Duration.ofSeconds(2)).retryAt(1, NOW)).isEmpty();
    }

    @Test
    void manyAttemptsDoNotOverflowTheDelay() {
        assertThat(new NotifySchedule(100, Duration.ofMillis(1)).delayAfter(90))
                .isEqualTo(Duration.ofMillis(1L << 20));
    }

    @Test
    void atLeastOneAttemptIsRequired() {
        assertThatThrownBy(() -> new NotifySchedule(0, Duration.ofSeconds(1)))
                .hasMessageContaining("reelroute.notify.attempts");
    }
}
