package io.reelroute.provider.wavespeed;

import static io.reelroute.provider.ProviderCalls.assertRetryableFailure;
import static io.reelroute.provider.ProviderCalls.pollFails;
import static io.reelroute.provider.ProviderCalls.submitFails;
import static io.reelroute.provider.ProviderCalls.submitted;
import static io.reelroute.provider.ProviderTestJobs.plan;
import static io.reelroute.provider.ProviderTestJobs.request;
import static io.reelroute.provider.ProviderTestJobs.url;
import static io.reelroute.provider.wavespeed.WaveSpeedSimulation.KEY;
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
import org.junit.jupiter.params.provider.ValueSource;

/** Every way a WaveSpeed call goes wrong, mapped to reelroute's codes with WaveSpeed's own words. */
class WaveSpeedFaultTest {
    private static final String IMAGE = "https://cdn.example.org/stills/pier.png";
    private static final String SPEC = """
            model: wan-2.5
            prompt: The pier lights come on one by one
            image: https://cdn.example.org/stills/pier.png
            """;

    @RegisterExtension
    final WaveSpeedSimulation sim = new WaveSpeedSimulation();

    private static SubmitRequest job() {
        return request(SPEC, InputFacts.image(1280, 720), url("image", IMAGE));
    }

    @Test
    void aWrongKeyIsProviderUnavailableAndTheKeyIsNotInTheMessage() {
        ProviderException e = submitFails(sim.clientWithKey("wrong-key-123"), job());

        assertThat(e.code()).isEqualTo(ErrorCode.PROVIDER_UNAVAILABLE);
        assertThat(e.httpStatus()).isEqualTo(401);
        assertThat(e.getMessage()).contains("API key").doesNotContain("wrong-key-123").doesNotContain(KEY);
        assertThat(sim.lastSubmit().header("Authorization")).isEqualTo("Bearer wrong-key-123");
    }

    @Test
    void aValidationErrorIsRejectedWithWaveSpeedsMessageNamingTheField() {
        PlannedJob planned = plan(SPEC, InputFacts.image(1280, 720));
        Map<String, Object> parameters = new LinkedHashMap<>(planned.parameters());
        parameters.put("duration", 7); // past the planner, which would have refused it
        SubmitRequest job = ProviderTestJobs.request(planned, "The pier lights come on", parameters, url("image", IMAGE));

        ProviderException e = submitFails(sim.client, job);

        assertThat(e.code()).isEqualTo(ErrorCode.PROVIDER_REJECTED);
        assertThat(e.httpStatus()).isEqualTo(400);
        assertThat(e.retryable()).isFalse();
        assertThat(e.getMessage()).contains("duration: expected one of the integers [5, 10], got 7");
        assertThat(sim.server.generations()).isEmpty();
    }

    @ParameterizedTest(name = "HTTP {0}")
    @ValueSource(ints = {400, 402, 403, 429})
    void insufficientCreditsIsRejectedWithWaveSpeedsWordsWhateverTheStatus(int status) {
        sim.server.fault("wavespeed", Op.SUBMIT, Fault.status(status,
                "{\"code\":" + status + ",\"message\":\"Insufficient credits. Please top up your account.\"}"), 1);

        ProviderException e = submitFails(sim.client, job());

        assertThat(e.code()).isEqualTo(ErrorCode.PROVIDER_REJECTED);
        assertThat(e.retryable()).isFalse();
        assertThat(e.getMessage()).contains("Insufficient credits. Please top up your account.");
    }

    @Test
    void aServerErrorOnSubmitIsProviderFailed() {
        sim.server.fault("wavespeed", Op.SUBMIT, Fault.status(500, "{\"code\":500,\"message\":\"internal error\"}"), 1);

        ProviderException e = submitFails(sim.client, job());

        assertThat(e.code()).isEqualTo(ErrorCode.PROVIDER_FAILED);
        assertThat(e.httpStatus()).isEqualTo(500);
        assertThat(e.getMessage()).contains("internal error");
    }

    @Test
    void aRateLimitOnPollIsRetryableAfterWaveSpeedsRetryAfter() {
        Prediction prediction = submitted(sim.client, job());
        sim.server.fault("wavespeed", Op.POLL, Fault.tooManyRequests(7), 1);

        ProviderException e = pollFails(sim.client, prediction);

        assertRetryableFailure(e);
        assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(7));
        assertThat(sim.client.poll(prediction)).isNotNull();
    }

    @Test
    void aServerErrorOnPollIsRetryableAndTheNextPollWorks() {
        Prediction prediction = submitted(sim.client, job());
        sim.server.fault("wavespeed", Op.POLL, Fault.status(502, "<html>Bad Gateway</html>"), 1);

        ProviderException e = pollFails(sim.client, prediction);

        assertRetryableFailure(e);
        assertThat(e.httpStatus()).isEqualTo(502);
        assertThat(ProviderTestJobs.pollUntilDone(sim.client, prediction, new ArrayList<>()))
                .isInstanceOf(PollResult.Succeeded.class);
    }

    @Test
    void malformedJsonOnPollIsRetryable() {
        Prediction prediction = submitted(sim.client, job());
        sim.server.fault("wavespeed", Op.POLL, new Fault.MalformedJson(), 1);

        ProviderException e = pollFails(sim.client, prediction);

        assertRetryableFailure(e);
    }

    @Test
    void aFailedGenerationEndsWithWaveSpeedsError() {
        sim.server.nextOutcome(new Outcome.Failure("NSFW content detected in the output"));
        Prediction prediction = submitted(sim.client, job());

        PollResult result = ProviderTestJobs.pollUntilDone(sim.client, prediction, new ArrayList<>());

        assertThat(result).isEqualTo(new PollResult.Failed("failed", ErrorCode.PROVIDER_FAILED,
                "NSFW content detected in the output"));
    }

    @Test
    void cancelledAndTimedOutPredictionsEndWithThoseCodes() {
        Prediction prediction = submitted(sim.client, job());
        sim.server.fault("wavespeed", Op.POLL, Fault.status(200,
                "{\"code\":200,\"message\":\"success\",\"data\":{\"id\":\"x\",\"status\":\"cancelled\"}}"), 1);
        sim.server.fault("wavespeed", Op.POLL, Fault.status(200,
                "{\"code\":200,\"message\":\"success\",\"data\":{\"id\":\"x\",\"status\":\"timeout\",\"error\":\"task timed out\"}}"), 1);

        assertThat(sim.client.poll(prediction)).isInstanceOfSatisfying(PollResult.Failed.class,
                failed -> assertThat(failed.code()).isEqualTo(ErrorCode.CANCELLED));
        assertThat(sim.client.poll(prediction)).isEqualTo(new PollResult.Failed("timeout", ErrorCode.TIMEOUT,
                "task timed out"));
    }

    @Test
    void anOutputGivenAsAnObjectWithAUrlIsTaken() {
        Prediction prediction = submitted(sim.client, job());
        sim.server.fault("wavespeed", Op.POLL, Fault.status(200, "{\"code\":200,\"data\":{\"status\":\"completed\","
                + "\"outputs\":[{\"video_url\":\"https://cdn.wavespeed.ai/out/clip.mp4\"}]}}"), 1);

        assertThat(sim.client.poll(prediction)).isInstanceOfSatisfying(PollResult.Succeeded.class,
                done -> assertThat(done.output()).hasToString("https://cdn.wavespeed.ai/out/clip.mp4"));
    }

    @Test
    void anAnswerWithoutAStatusIsRetryable() {
        Prediction prediction = submitted(sim.client, job());
        sim.server.fault("wavespeed", Op.POLL, Fault.status(200, "{\"code\":200,\"data\":{}}"), 1);

        assertThat(pollFails(sim.client, prediction).retryable()).isTrue();
    }
}
