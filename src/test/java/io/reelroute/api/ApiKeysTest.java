package io.reelroute.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.reelroute.quota.Plans;
import io.reelroute.support.TestConfigs;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ApiKeysTest {
    private final ApiKeys keys = new ApiKeys(Plans.load(TestConfigs.apiPlans(Path.of("target/unit/api-keys/plans.yaml"))));

    @Test
    void theKeysOwnerIsTheCaller() {
        assertThat(keys.userOf(Map.of("Authorization", "Bearer alice-key"))).isEqualTo("alice");
        assertThat(keys.userOf(Map.of("Authorization", "bearer  bob-key "))).isEqualTo("bob");
    }

    @Test
    void noKeyABadKeyOrAnotherSchemeIs401WithoutEchoingTheKey() {
        for (String header : new String[] {null, "", "Bearer ", "Basic YWxpY2U6eA==", "alice-key", "Bearer wrong"}) {
            Map<String, Object> headers = new HashMap<>();
            headers.put("Authorization", header);
            assertThatThrownBy(() -> keys.userOf(headers)).as(String.valueOf(header))
                    .isInstanceOfSatisfying(ApiException.class, e -> {
                        assertThat(e.status()).isEqualTo(401);
                        assertThat(e.error()).isEqualTo("unauthorized");
                        assertThat(e.getMessage()).doesNotContain("wrong", "alice-key");
                    });
        }
    }
}
