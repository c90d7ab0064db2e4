package io.reelroute.provider.gemini;

import static io.reelroute.provider.ProviderCalls.assertFailed;
import static io.reelroute.provider.ProviderCalls.assertRetryableFailure;
import static io.reelroute.provider.ProviderCalls.pollFails;
import static io.reelroute.provider.ProviderCalls.submitFails;
import static io.reelroute.provider.ProviderCalls.submitted;
import static io.reelroute.provider.ProviderTestJobs.plan;
import static io.reelroute.provider.ProviderTestJobs.pollUntilDone;
import static io.reelroute.provider.ProviderTestJobs.request;
import static io.reelroute.provider.ProviderTestJobs.url;
import static io.reelroute.provider.gemini.GeminiRequestTest.inWorkDir;
import static io.reelroute.provider.gemini.GeminiSimulation.KEY;
import static org.assertj.core.api.Assertions.assertThat;

import io.reelroute.catalog.InputFacts;
import io.reelroute.catalog.PlannedJob;
import io.reelroute.error.ErrorCode;
import io.reelroute.provider.PollResult;
import io.reelroute.provider.Prediction;
import io.reelroute.provider.ProviderException;
import io.reelroute.provider.SubmitRequest;
import io.reelroute.simulator.GeminiProtocol;
import io.reelroute.simulator.SimulatorServer.Fault;
import io.reelroute.simulator.SimulatorServer.Op;
import io.reelroute.simulator.SimulatorServer.Outcome;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** How the Gemini API's refusals, failures, safety filters and flaky moments come out of the client. */
class GeminiFailureTest {
    private static final String TEXT_TO_VIDEO = """
            operation: text-to-video
            model: veo-3
            prompt: A paper boat sails down a rain-soaked street at dusk
            """;
    private static final String QUOTA = "{\"error\":{\"code\":429,\"message\":\"Resource has been exhausted (e.g."
            + " check quota).\",\"status\":\"RESOURCE_EXHAUSTED\"}}";

    @RegisterExtension
    final GeminiSimulation sim = new GeminiSimulation();
    @TempDir
    Path dir;

    private static SubmitRequest textToVideo() {
        return request(TEXT_TO_VIDEO, InputFacts.NONE);
    }

    // ---- submit ----

    @Test
    void aWrongKeyIsTheProviderBeingUnavailableAndTheKeyIsNeverInTheMessage() {
        ProviderException e = submitFails(sim.clientWithKey("AIza-wrong-key-0e1"), textToVideo());

        assertThat(e.code()).isEqualTo(ErrorCode.PROVIDER_UNAVAILABLE);
        assertThat(e.httpStatus()).isEqualTo(401);
        assertThat(e.getMessage()).contains("API key not valid").contains("UNAUTHENTICATED")
                .doesNotContain("AIza-wrong-key-0e1").doesNotContain(KEY);
    }

    @Test
    void noKeyAtAllIsUnavailableWithoutAnyCall() {
        ProviderException e = submitFails(sim.clientWithKey(null), textToVideo());

        assertThat(e.code()).isEqualTo(ErrorCode.PROVIDER_UNAVAILABLE);
        assertThat(e.getMessage()).contains("GEMINI_API_KEY");
        assertThat(sim.count(Op.SUBMIT)).isZero();
    }

    @Test
    void aValidationErrorIsARejectionWithGooglesMessage() {
        PlannedJob job = plan(TEXT_TO_VIDEO, InputFacts.NONE);
        Map<String, Object> parameters = new LinkedHashMap<>(job.parameters());
        parameters.put("duration", 5); // past the planner: only the API can refuse it now

        ProviderException e = submitFails(sim.client, request(job, "Clouds drift", parameters));

        assertThat(e.code()).isEqualTo(ErrorCode.PROVIDER_REJECTED);
        assertThat(e.httpStatus()).isEqualTo(400);
        assertThat(e.getMessage()).isEqualTo("gemini predictLongRunning with veo-3.0-generate-001: HTTP 400:"
                + " parameters.durationSeconds: expected one of the integers [4, 6, 8], got 5 (INVALID_ARGUMENT)");
    }

    @Test
    void anHttpsImageIsRefusedAsInvalidInputSinceTheApiTakesOnlyInlineBytes() {
        ProviderException e = submitFails(sim.client, request("""
                model: veo-3
                prompt: The barista smiles
                image: https://cdn.example.org/barista.png?X-Signature=secret
                """, InputFacts.image(1920, 1080),
                url("image", "https://cdn.example.org/barista.png?X-Signature=secret")));

        assertThat(e.code()).isEqualTo(ErrorCode.INVALID_INPUT);
        assertThat(e.getMessage()).contains("inline bytes").contains("local file").doesNotContain("secret");
        assertThat(sim.count(Op.SUBMIT)).isZero();
    }

    @Test
    void aServerErrorOnSubmitIsAFailureWhoseOutcomeIsUnknownAndIsNotRepeated() {
        sim.server.fault(GeminiProtocol.PROVIDER, Op.SUBMIT, Fault.status(500,
                "{\"error\":{\"code\":500,\"message\":\"Internal error encountered.\",\"status\":\"INTERNAL\"}}"), 1);

        ProviderException e = submitFails(sim.client, textToVideo());

        assertThat(e.code()).isEqualTo(ErrorCode.PROVIDER_FAILED);
        assertThat(e.getMessage()).endsWith("HTTP 500: Internal error encountered. (INTERNAL)");
        assertThat(sim.count(Op.SUBMIT)).isEqualTo(1);
    }

    // ---- keyframes ----

    @Test
    void aKeyframeTheModelWillNotDrawIsARejectionNamingTheReason() {
        sim.server.nextOutcome(new Outcome.Failure("I can't create images of that person."));
        Path work = dir.resolve("work");

        ProviderException e = submitFails(sim.client, inWorkDir(
                request("operation: keyframe\nmodel: gemini-2.5-flash-image\nprompt: A famous actor\n",
                        InputFacts.NONE), work));

        assertThat(e.code()).isEqualTo(ErrorCode.PROVIDER_REJECTED);
        assertThat(e.retryable()).isFalse();
        assertThat(e.getMessage()).contains("no image came back").contains("finishReason IMAGE_SAFETY")
                .contains("I can't create images of that person.");
        assertThat(work.resolve("keyframe.png")).doesNotExist();
    }

    // ---- poll ----

    @Test
    void aRateLimitedPollIsRetryableAfterTheProvidersDelay() {
        Prediction prediction = submitted(sim.client, textToVideo());
        sim.server.fault(GeminiProtocol.PROVIDER, Op.POLL, new Fault.Status(429, QUOTA, Map.of("Retry-After", "9")), 1);

        ProviderException e = pollFails(sim.client, prediction);

        assertRetryableFailure(e);
        assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(9));
        assertThat(e.getMessage()).contains("RESOURCE_EXHAUSTED");
        assertThat(pollUntilDone(sim.client, prediction, new ArrayList<>())).isInstanceOf(PollResult.Succeeded.class);
    }

    @Test
    void aServerErrorOnPollIsRetryable() {
        Prediction prediction = submitted(sim.client, textToVideo());
        sim.server.fault(GeminiProtocol.PROVIDER, Op.POLL, Fault.status(503, "{\"error\":{\"code\":503,"
                + "\"message\":\"The service is currently unavailable.\",\"status\":\"UNAVAILABLE\"}}"), 1);

        ProviderException e = pollFails(sim.client, prediction);

        assertThat(e.retryable()).isTrue();
        assertThat(e.httpStatus()).isEqualTo(503);
        assertThat(pollUntilDone(sim.client, prediction, new ArrayList<>())).isInstanceOf(PollResult.Succeeded.class);
    }

    @Test
    void malformedJsonOnPollIsARetryableFailure() {
        Prediction prediction = submitted(sim.client, textToVideo());
        sim.server.fault(GeminiProtocol.PROVIDER, Op.POLL, new Fault.MalformedJson(), 1);

        ProviderException e = pollFails(sim.client, prediction);

        assertRetryableFailure(e);
    }

    @Test
    void aFailedOperationGivesTheProvidersMessage() {
        sim.server.nextOutcome(new Outcome.Failure("Video generation failed: internal error in the sampler"));

        PollResult result = pollUntilDone(sim.client, submitted(sim.client, textToVideo()), new ArrayList<>());

        assertThat(result).isEqualTo(new PollResult.Failed("done", ErrorCode.PROVIDER_FAILED,
                "Video generation failed: internal error in the sampler (code 13)"));
    }

    @Test
    void aVideoRemovedBySafetyFiltersIsARejectionWithTheReasons() {
        sim.server.nextOutcome(GeminiProtocol.safetyFiltered(
                "Your video could not be generated because it depicts a prominent public figure."));

        PollResult result = pollUntilDone(sim.client, submitted(sim.client, textToVideo()), new ArrayList<>());

        assertFailed(result, ErrorCode.PROVIDER_REJECTED, "the provider's safety filters removed the video: Your video"
                + " could not be generated because it depicts a prominent public figure.");
    }

    @Test
    void anUnknownOperationIsNotFoundAndNotRetried() {
        ProviderException e = pollFails(sim.client,
                Prediction.of("models/veo-3.0-generate-001/operations/does-not-exist"));

        assertThat(e.code()).isEqualTo(ErrorCode.PROVIDER_REJECTED);
        assertThat(e.httpStatus()).isEqualTo(404);
        assertThat(e.retryable()).isFalse();
    }
}
