package io.reelroute.provider.fal;

import static io.reelroute.provider.ProviderCalls.assertFailed;
import static io.reelroute.provider.ProviderCalls.assertRetryableFailure;
import static io.reelroute.provider.ProviderCalls.pollFails;
import static io.reelroute.provider.ProviderCalls.submitFails;
import static io.reelroute.provider.ProviderCalls.submitted;
import static io.reelroute.provider.ProviderTestJobs.blob;
import static io.reelroute.provider.ProviderTestJobs.content;
import static io.reelroute.provider.ProviderTestJobs.local;
import static io.reelroute.provider.ProviderTestJobs.plan;
import static io.reelroute.provider.ProviderTestJobs.pollUntilDone;
import static io.reelroute.provider.ProviderTestJobs.request;
import static io.reelroute.provider.ProviderTestJobs.url;
import static io.reelroute.provider.fal.FalSimulation.KEY;
import static org.assertj.core.api.Assertions.assertThat;

import io.reelroute.catalog.InputFacts;
import io.reelroute.catalog.JobPlanner;
import io.reelroute.catalog.ModelCatalog;
import io.reelroute.catalog.PlannedJob;
import io.reelroute.error.ErrorCode;
import io.reelroute.files.Hashing;
import io.reelroute.provider.PollResult;
import io.reelroute.provider.Prediction;
import io.reelroute.provider.ProviderException;
import io.reelroute.provider.SubmitRequest;
import io.reelroute.simulator.FalProtocol;
import io.reelroute.simulator.SimulatorServer.Fault;
import io.reelroute.simulator.SimulatorServer.Op;
import io.reelroute.simulator.SimulatorServer.Outcome;
import io.reelroute.spec.SpecReader;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** How fal's refusals, failures and flaky moments come out of the client. */
class FalFailureTest {
    private static final InputFacts LANDSCAPE = InputFacts.image(1280, 720);
    private static final String KLING = """
            model: kling-2.6-pro
            prompt: Boats rock gently in the harbour
            image: https://cdn.example.org/harbour.png
            """;

    @RegisterExtension
    final FalSimulation sim = new FalSimulation();
    @TempDir
    Path blobs;

    private SubmitRequest kling() {
        return request(KLING, LANDSCAPE, url("image", "https://cdn.example.org/harbour.png"));
    }

    // ---- submit ----

    @Test
    void aWrongKeyIsTheProviderBeingUnavailableAndTheKeyIsNeverInTheMessage() {
        ProviderException e = submitFails(sim.clientWithKey("fal-wrong-key-9d"), kling());

        assertThat(e.code()).isEqualTo(ErrorCode.PROVIDER_UNAVAILABLE);
        assertThat(e.httpStatus()).isEqualTo(401);
        assertThat(e.getMessage()).contains("Invalid or missing credentials").doesNotContain("fal-wrong-key-9d")
                .doesNotContain(KEY);
        assertThat(sim.server.generations()).isEmpty();
    }

    @Test
    void aWrongKeyStopsTheUploadTooBeforeAnythingIsSubmitted() {
        Path image = blob(blobs, "png", content("harbour", 1024));
        ProviderException e = submitFails(sim.clientWithKey("fal-wrong"),
                request("model: ltx-2\nprompt: Waves\nimage: h.png\n", LANDSCAPE, local("image", image)));

        assertThat(e.code()).isEqualTo(ErrorCode.PROVIDER_UNAVAILABLE);
        assertThat(e.getMessage()).startsWith("fal storage upload of image: HTTP 401");
        assertThat(sim.count(Op.SUBMIT)).isZero();
    }

    @Test
    void aValidationErrorIsARejectionInFalsWords() {
        PlannedJob job = plan(KLING, LANDSCAPE);
        Map<String, Object> parameters = new LinkedHashMap<>(job.parameters());
        parameters.put("duration", 7); // past the planner: only fal can refuse it now
        ProviderException e = submitFails(sim.client,
                request(job, "Boats rock", parameters, url("image", "https://cdn.example.org/harbour.png")));

        assertThat(e.code()).isEqualTo(ErrorCode.PROVIDER_REJECTED);
        assertThat(e.httpStatus()).isEqualTo(422);
        assertThat(e.retryable()).isFalse();
        assertThat(e.getMessage()).isEqualTo("fal submit to fal-ai/kling-video/v2.6/pro/image-to-video: HTTP 422:"
                + " duration: expected one of the strings [5, 10], got \"7\"");
    }

    @Test
    void aCatalogThatSentKlingsDurationAsANumberWouldBeRefused() throws Exception {
        // guards the catalog's `form: string`: fal's Kling wants "5", and a number is a 422
        String yaml = Files.readString(Path.of("config/models.yaml")).replace(
                "duration: { name: duration, form: string }\n      negative_prompt: negative_prompt\n"
                        + "      generate_audio: generate_audio",
                "duration: { name: duration, form: integer }\n      negative_prompt: negative_prompt\n"
                        + "      generate_audio: generate_audio");
        ModelCatalog variant = ModelCatalog.parse(yaml, "models.yaml with a wrong form");
        PlannedJob job = new JobPlanner(variant).plan(new SpecReader().read(KLING.getBytes(StandardCharsets.UTF_8),
                SpecReader.Format.YAML, "spec"), LANDSCAPE, provider -> true);

        ProviderException e = submitFails(sim.client,
                request(job, "Boats rock", job.parameters(), url("image", "https://cdn.example.org/harbour.png")));

        assertThat(sim.lastSubmit().json().get("duration").isNumber()).isTrue();
        assertThat(e.code()).isEqualTo(ErrorCode.PROVIDER_REJECTED);
        assertThat(e.getMessage()).endsWith("HTTP 422: duration: expected one of the strings [5, 10], got 5");
    }

    @Test
    void aServerErrorOnSubmitIsAFailureWhoseOutcomeIsUnknownAndIsNotRepeated() {
        sim.server.fault(FalProtocol.PROVIDER, Op.SUBMIT,
                Fault.status(500, "{\"detail\":\"Internal Server Error\"}"), 1);

        ProviderException e = submitFails(sim.client, kling());

        assertThat(e.code()).isEqualTo(ErrorCode.PROVIDER_FAILED);
        assertThat(e.httpStatus()).isEqualTo(500);
        assertThat(e.getMessage()).contains("Internal Server Error");
        assertThat(sim.count(Op.SUBMIT)).isEqualTo(1);
    }

    @Test
    void anInputOver90MegabytesIsRefusedBeforeAnyCall() throws Exception {
        Path huge = blobs.resolve("0123456789abcdef.mp3");
        try (RandomAccessFile file = new RandomAccessFile(huge.toFile(), "rw")) {
            file.setLength(91L * 1024 * 1024); // sparse: costs no disk
        }
        ProviderException e = submitFails(sim.client, request("""
                model: wan-2.6
                prompt: Lanterns
                image: https://cdn.example.org/river.jpg
                audio: long.mp3
                """, new InputFacts(true, true, false, 3000.0, 1280, 720),
                url("image", "https://cdn.example.org/river.jpg"),
                new SubmitRequest.InputFile("audio", huge, null, "0123456789abcdef")));

        assertThat(e.code()).isEqualTo(ErrorCode.INVALID_INPUT);
        assertThat(e.getMessage()).contains("audio is 91 MB").contains("over 90 MB");
        assertThat(sim.protocol.initiations()).isZero();
        assertThat(sim.count(Op.SUBMIT)).isZero();
    }

    // ---- uploads ----

    @Test
    void anExpiredUploadUrlIsReplacedOnceAndTheUploadSucceeds() throws Exception {
        Path image = blob(blobs, "png", content("expired", 2048));
        sim.server.fault(FalProtocol.PROVIDER, Op.UPLOAD, new Fault.Expired(), 1);

        sim.client.submit(request("model: ltx-2\nprompt: Waves\nimage: e.png\n", LANDSCAPE, local("image", image)));

        assertThat(sim.protocol.initiations()).isEqualTo(2);
        assertThat(sim.count(Op.UPLOAD)).isEqualTo(2);
        String imageUrl = sim.lastSubmit().json().get("image_url").asText();
        assertThat(sim.uploaded(imageUrl)).isEqualTo(Files.readAllBytes(image));
        assertThat(sim.uploads.find("fal", Hashing.sha256(image))).contains(imageUrl);
    }

    @Test
    void aFlakyStorageIsAskedAgainSinceAnUploadCostsNothing() {
        Path image = blob(blobs, "png", content("flaky", 2048));
        sim.server.fault(FalProtocol.PROVIDER, Op.UPLOAD, Fault.status(503, "{\"detail\":\"busy\"}"), 1);

        sim.client.submit(request("model: ltx-2\nprompt: Waves\nimage: f.png\n", LANDSCAPE, local("image", image)));

        assertThat(sim.count(Op.UPLOAD)).isEqualTo(2);
        assertThat(sim.protocol.initiations()).isEqualTo(1);
        assertThat(sim.count(Op.SUBMIT)).isEqualTo(1);
    }

    @Test
    void aStorageThatKeepsFailingFailsTheSubmitWithoutSubmitting() {
        Path image = blob(blobs, "png", content("down", 2048));
        sim.server.fault(FalProtocol.PROVIDER, Op.UPLOAD, Fault.status(500, "{\"detail\":\"down\"}"), 10);

        ProviderException e = submitFails(sim.client,
                request("model: ltx-2\nprompt: Waves\nimage: d.png\n", LANDSCAPE, local("image", image)));

        assertThat(e.code()).isEqualTo(ErrorCode.PROVIDER_FAILED);
        assertThat(sim.count(Op.UPLOAD)).isEqualTo(3);
        assertThat(sim.count(Op.SUBMIT)).isZero();
        assertThat(sim.uploads.find("fal", Hashing.sha256(image))).isEmpty();
    }

    // ---- poll ----

    @Test
    void aRateLimitedStatusCallIsRetryableAfterTheProvidersDelay() {
        Prediction prediction = submitted(sim.client, kling());
        sim.server.fault(FalProtocol.PROVIDER, Op.POLL, Fault.tooManyRequests(7), 1);

        ProviderException e = pollFails(sim.client, prediction);

        assertThat(e.retryable()).isTrue();
        assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(7));
        assertThat(e.httpStatus()).isEqualTo(429);
        assertThat(pollUntilDone(sim.client, prediction, new ArrayList<>())).isInstanceOf(PollResult.Succeeded.class);
    }

    @Test
    void aServerErrorOnPollIsRetryable() {
        Prediction prediction = submitted(sim.client, kling());
        sim.server.fault(FalProtocol.PROVIDER, Op.POLL, Fault.status(502, "<html>Bad Gateway</html>"), 1);

        ProviderException e = pollFails(sim.client, prediction);

        assertRetryableFailure(e);
        assertThat(pollUntilDone(sim.client, prediction, new ArrayList<>())).isInstanceOf(PollResult.Succeeded.class);
    }

    @Test
    void malformedJsonOnPollIsARetryableFailure() {
        Prediction prediction = submitted(sim.client, kling());
        sim.server.fault(FalProtocol.PROVIDER, Op.POLL, new Fault.MalformedJson(), 1);

        ProviderException e = pollFails(sim.client, prediction);

        assertRetryableFailure(e);
        assertThat(e.getMessage()).contains("not JSON");
    }

    @Test
    void aFailedGenerationCompletesAndTheResultCallGivesTheProvidersMessage() {
        sim.server.nextOutcome(new Outcome.Failure("CUDA out of memory while decoding frame 96"));

        PollResult result = pollUntilDone(sim.client, submitted(sim.client, kling()), new ArrayList<>());

        assertThat(result).isEqualTo(new PollResult.Failed("COMPLETED", ErrorCode.PROVIDER_FAILED,
                "HTTP 500: CUDA out of memory while decoding frame 96"));
    }

    @Test
    void aResultRefusedWith422IsARejection() {
        sim.server.nextOutcome(FalProtocol.rejected("prompt", "flagged by the content checker"));

        PollResult result = pollUntilDone(sim.client, submitted(sim.client, kling()), new ArrayList<>());

        assertFailed(result, ErrorCode.PROVIDER_REJECTED, "HTTP 422: prompt: flagged by the content checker");
    }

    @Test
    void anInfrastructureTimeoutCarriesFalsErrorType() {
        sim.server.nextOutcome(FalProtocol.timedOut());

        PollResult result = pollUntilDone(sim.client, submitted(sim.client, kling()), new ArrayList<>());

        assertFailed(result, ErrorCode.PROVIDER_FAILED, "HTTP 504: Request timed out (error_type request_timeout)");
    }

    @Test
    void aPredictionWithoutItsRecordedUrlsCannotBeFollowedAndNothingIsGuessed() {
        ProviderException e = pollFails(sim.client, Prediction.of("0c2f4a"));

        assertThat(e.retryable()).isFalse();
        assertThat(e.getMessage()).contains("no status_url");
        assertThat(sim.count(Op.POLL)).isZero();
        assertThat(sim.client.cancel(Prediction.of("0c2f4a"))).isFalse();
    }
}
