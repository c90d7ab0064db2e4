package io.reelroute.provider.kie;

import static io.reelroute.provider.ProviderCalls.assertRetryableFailure;
import static io.reelroute.provider.ProviderCalls.pollFails;
import static io.reelroute.provider.ProviderCalls.submitFails;
import static io.reelroute.provider.ProviderCalls.submitted;
import static io.reelroute.provider.ProviderTestJobs.plan;
import static io.reelroute.provider.ProviderTestJobs.request;
import static io.reelroute.provider.ProviderTestJobs.url;
import static io.reelroute.provider.kie.KieSimulation.KEY;
import static io.reelroute.provider.kie.KieSimulation.bodyCode;
import static org.assertj.core.api.Assertions.assertThat;

import io.reelroute.catalog.InputFacts;
import io.reelroute.catalog.PlannedJob;
import io.reelroute.error.ErrorCode;
import io.reelroute.provider.PollResult;
import io.reelroute.provider.Prediction;
import io.reelroute.provider.ProviderException;
import io.reelroute.provider.ProviderTestJobs;
import io.reelroute.provider.SubmitRequest;
import io.reelroute.simulator.SimulatorServer.Fault;
import io.reelroute.simulator.SimulatorServer.Op;
import io.reelroute.simulator.SimulatorServer.Outcome;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every way a KIE call goes wrong: business codes in the body under HTTP 200 (KIE's usual way), real HTTP
 * errors, malformed answers and failed tasks, mapped to reelroute's codes with KIE's own words.
 */
class KieFaultTest {
    private static final String IMAGE = "https://cdn.example.org/stills/bridge.png";
    private static final String SPEC = """
            model: sora-2
            prompt: Traffic crosses the bridge at dusk
            image: https://cdn.example.org/stills/bridge.png
            """;

    @RegisterExtension
    final KieSimulation sim = new KieSimulation();

    private static SubmitRequest job() {
        return request(SPEC, InputFacts.image(1280, 720), url("image", IMAGE));
    }

    @Test
    void aWrongKeyIsCode401UnderHttp200AndProviderUnavailable() {
        ProviderException e = submitFails(sim.client("wrong-key-123", sim.uploads), job());

        assertThat(e.code()).isEqualTo(ErrorCode.PROVIDER_UNAVAILABLE);
        assertThat(e.httpStatus()).isEqualTo(200);
        assertThat(e.getMessage()).contains("code 401", "You do not have access permissions")
                .doesNotContain("wrong-key-123").doesNotContain(KEY);
        assertThat(sim.server.generations()).isEmpty();
    }

    @Test
    void aValidationErrorIsRejectedWithKiesMessageNamingTheField() {
        PlannedJob planned = plan(SPEC, InputFacts.image(1280, 720));
        Map<String, Object> parameters = new LinkedHashMap<>(planned.parameters());
        parameters.put("duration", 12); // past the planner, which would have refused it
        SubmitRequest job = ProviderTestJobs.request(planned, "Traffic crosses the bridge", parameters,
                url("image", IMAGE));

        ProviderException e = submitFails(sim.client, job);

        assertThat(e.code()).isEqualTo(ErrorCode.PROVIDER_REJECTED);
        assertThat(e.retryable()).isFalse();
        assertThat(e.getMessage()).contains("code 422", "input.n_frames: expected one of the strings [10, 15], got \"12\"");
    }

    @ParameterizedTest(name = "code {0} -> {1}")
    @CsvSource({
            "401, PROVIDER_UNAVAILABLE, You do not have access permissions",
            "402, PROVIDER_REJECTED, Credits insufficient",
            "422, PROVIDER_REJECTED, image_urls is invalid",
            "433, PROVIDER_REJECTED, Sub-key usage limit exceeded",
            "501, PROVIDER_FAILED, Generation failed",
            "505, PROVIDER_REJECTED, This feature is disabled"})
    void bodyCodesUnderHttp200OnSubmitAreMappedWithKiesMessage(int code, ErrorCode expected, String msg) {
        sim.server.fault("kie", Op.SUBMIT, Fault.status(200, bodyCode(code, msg)), 1);

        ProviderException e = submitFails(sim.client, job());

        assertThat(e.code()).isEqualTo(expected);
        assertThat(e.getMessage()).contains("code " + code, msg);
        assertThat(e.retryable()).isFalse();
    }

    @Test
    void anHttpServerErrorOnSubmitIsProviderFailed() {
        sim.server.fault("kie", Op.SUBMIT, Fault.status(500, "{\"code\":500,\"msg\":\"internal error\"}"), 1);

        ProviderException e = submitFails(sim.client, job());

        assertThat(e.code()).isEqualTo(ErrorCode.PROVIDER_FAILED);
        assertThat(e.httpStatus()).isEqualTo(500);
        assertThat(e.getMessage()).contains("internal error");
    }

    @ParameterizedTest(name = "code {0}")
    @ValueSource(ints = {429, 455, 500})
    void rateLimitsAndOutagesAsBodyCodesOnPollAreRetryable(int code) {
        Prediction prediction = submitted(sim.client, job());
        sim.server.fault("kie", Op.POLL, Fault.status(200, bodyCode(code, "try again later")), 1);

        ProviderException e = pollFails(sim.client, prediction);

        assertRetryableFailure(e);
        assertThat(e.getMessage()).contains("try again later");
    }

    @Test
    void anHttpRateLimitOnPollIsRetryableAfterRetryAfter() {
        Prediction prediction = submitted(sim.client, job());
        sim.server.fault("kie", Op.POLL, Fault.tooManyRequests(9), 1);

        ProviderException e = pollFails(sim.client, prediction);

        assertRetryableFailure(e);
        assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(9));
    }

    @Test
    void anHttpServerErrorOnPollIsRetryableAndTheNextPollWorks() {
        Prediction prediction = submitted(sim.client, job());
        sim.server.fault("kie", Op.POLL, Fault.status(503, "<html>Service Unavailable</html>"), 1);

        assertThat(pollFails(sim.client, prediction).retryable()).isTrue();
        assertThat(ProviderTestJobs.pollUntilDone(sim.client, prediction, new ArrayList<>()))
                .isInstanceOf(PollResult.Succeeded.class);
    }

    @Test
    void malformedJsonOnPollIsRetryable() {
        Prediction prediction = submitted(sim.client, job());
        sim.server.fault("kie", Op.POLL, new Fault.MalformedJson(), 1);

        ProviderException e = pollFails(sim.client, prediction);

        assertRetryableFailure(e);
    }

    @Test
    void generationFailedAsABodyCodeOnPollEndsTheJob() {
        Prediction prediction = submitted(sim.client, job());
        sim.server.fault("kie", Op.POLL, Fault.status(200, bodyCode(501, "content policy violation")), 1);

        assertThat(sim.client.poll(prediction)).isInstanceOfSatisfying(PollResult.Failed.class, failed -> {
            assertThat(failed.code()).isEqualTo(ErrorCode.PROVIDER_FAILED);
            assertThat(failed.message()).contains("content policy violation");
        });
    }

    @Test
    void aFailedTaskEndsWithKiesFailMessageAndCode() {
        sim.server.nextOutcome(new Outcome.Failure("The image violates the content policy"));
        Prediction prediction = submitted(sim.client, job());

        PollResult result = ProviderTestJobs.pollUntilDone(sim.client, prediction, new ArrayList<>());

        assertThat(result).isEqualTo(new PollResult.Failed("fail", ErrorCode.PROVIDER_FAILED,
                "The image violates the content policy (500)"));
    }

    @Test
    void anUnknownTaskIsRejected() {
        ProviderException e = pollFails(sim.client, Prediction.of("kie-no-such-task"));

        assertThat(e.code()).isEqualTo(ErrorCode.PROVIDER_REJECTED);
        assertThat(e.getMessage()).contains("code 404");
    }

    @Test
    void successWithoutAResultUrlIsAFailedJob() {
        Prediction prediction = submitted(sim.client, job());
        sim.server.fault("kie", Op.POLL, Fault.status(200,
                "{\"code\":200,\"msg\":\"success\",\"data\":{\"state\":\"success\",\"resultJson\":\"{}\"}}"), 1);

        assertThat(sim.client.poll(prediction)).isInstanceOfSatisfying(PollResult.Failed.class,
                failed -> assertThat(failed.code()).isEqualTo(ErrorCode.PROVIDER_FAILED));
    }
}
