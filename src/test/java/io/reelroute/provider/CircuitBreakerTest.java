package io.reelroute.provider;

import static org.assertj.core.api.Assertions.assertThat;

import io.reelroute.support.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CircuitBreakerTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-21T10:00:00Z"));
    private final CircuitBreaker circuit = new CircuitBreaker(3, Duration.ofMinutes(1), clock);
    private final ProviderRegistry providers = new ProviderRegistry(Map.of(
            "fal", new ProviderRegistry.Provider("fal", "fal", true, "FAL_KEY", true, 2)), circuit);

    @Test
    void repeatedFailuresMakeAProviderUnavailableForAWhile() {
        circuit.failure("fal");
        circuit.failure("fal");
        assertThat(providers.isAvailable("fal")).as("two failures are not yet a pattern").isTrue();
        circuit.failure("fal");
        assertThat(providers.isAvailable("fal")).isFalse();

        clock.advance(Duration.ofSeconds(61));
        assertThat(providers.isAvailable("fal")).as("another chance after a minute").isTrue();
    }

    @Test
    void aSuccessStartsTheCountAgain() {
        circuit.failure("fal");
        circuit.failure("fal");
        circuit.success("fal");
        circuit.failure("fal");
        circuit.failure("fal");
        assertThat(providers.isAvailable("fal")).isTrue();
    }

    @Test
    void aProviderWithoutAKeyIsUnavailableWhateverTheCircuit() {
        ProviderRegistry keyless = new ProviderRegistry(Map.of(
                "kie", new ProviderRegistry.Provider("kie", "KIE", true, "KIE_API_KEY", false, 2)), circuit);
        assertThat(keyless.isAvailable("kie")).isFalse();
        assertThat(keyless.get("kie").unavailableReason()).contains("KIE_API_KEY");
    }
}
