package io.reelroute.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.reelroute.error.ErrorCode;
import io.reelroute.error.ReelrouteException;
import org.junit.jupiter.api.Test;

class ApiErrorsTest {
    private final ObjectMapper json = new ObjectMapper();
    private final ApiErrors errors = new ApiErrors(new ApiReplies(json));

    @Test
    void specErrorsMapToTheirStatus() {
        assertThat(ApiErrors.status(ErrorCode.INVALID_INPUT)).isEqualTo(400);
        assertThat(ApiErrors.status(ErrorCode.UNKNOWN_FIELD)).isEqualTo(400);
        assertThat(ApiErrors.status(ErrorCode.UNKNOWN_MODEL)).isEqualTo(422);
        assertThat(ApiErrors.status(ErrorCode.UNSUPPORTED_PARAMETER)).isEqualTo(422);
        assertThat(ApiErrors.status(ErrorCode.MISSING_INPUT)).isEqualTo(422);
        assertThat(ApiErrors.status(ErrorCode.PROVIDER_UNAVAILABLE)).isEqualTo(422);
        assertThat(ApiErrors.status(ErrorCode.QUOTA_EXCEEDED)).isEqualTo(429);
    }

    @Test
    void aWrappedErrorIsFoundAndABugGivesNothingAway() throws Exception {
        ApiReply wrapped = errors.reply(new RuntimeException("wrapper",
                new ReelrouteException(ErrorCode.UNKNOWN_FIELD, "no such field", "durration")));
        assertThat(wrapped.status()).isEqualTo(400);
        JsonNode body = json.readTree((String) wrapped.body());
        assertThat(body.get("error").asText()).isEqualTo("unknown_field");
        assertThat(body.get("field").asText()).isEqualTo("durration");

        ApiReply bug = errors.reply(new NullPointerException("secret detail"));
        assertThat(bug.status()).isEqualTo(500);
        assertThat((String) bug.body()).contains("\"internal\"").doesNotContain("secret detail");
    }
}
