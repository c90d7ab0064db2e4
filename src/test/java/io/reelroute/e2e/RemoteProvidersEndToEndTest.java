package io.reelroute.e2e;

import static io.reelroute.support.Workspaces.resultsBySource;
import static io.reelroute.support.Workspaces.usageLines;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.reelroute.Application;
import io.reelroute.provider.RemoteJobs;
import io.reelroute.simulator.FalProtocol;
import io.reelroute.simulator.GeminiProtocol;
import io.reelroute.simulator.KieProtocol;
import io.reelroute.simulator.SimulatorServer;
import io.reelroute.simulator.SimulatorServer.Fault;
import io.reelroute.simulator.SimulatorServer.Op;
import io.reelroute.simulator.SimulatorServer.Outcome;
import io.reelroute.simulator.WaveSpeedProtocol;
import io.reelroute.store.JobStore;
import io.reelroute.support.TestConfigs;
import io.reelroute.support.Workspaces;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.camel.BeanInject;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Every remote model through the running service, against the provider simulators over real sockets: job
 * files in the inbox become delivered clips (or a keyframe image) with their prediction, cost and timeline.
 * Then the faults a user fears, one job at a time: a submit that fails is never repeated, a refused request
 * says why, a failed generation releases its money, flaky status calls and a cut download still deliver, a
 * timed-out job resumes without a new submit, a cancel reaches the provider, the provider cap holds under
 * load, and no key is ever written to disk.
 */
@CamelMainTest(mainClass = Application.class,
        propertyPlaceholderLocations = "file:config/application.properties",
        properties = {
            "reelroute.home=target/e2e/remote",
            "reelroute.config.models=target/e2e/remote-config/models.yaml",
            "reelroute.config.plans=target/e2e/remote-config/plans.yaml",
            "reelroute.inbox.poll-ms=100",
            "reelroute.inbox.stable-ms=200",
            "reelroute.dispatch.period-ms=100",
            "reelroute.dispatch.delay-ms=100",
            "reelroute.poll.period-ms=50"
        })
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
public class RemoteProvidersEndToEndTest {
    private static final Path HOME = Workspaces.fresh("target/e2e/remote");
    private static final SimulatorServer SIMULATOR = RemoteSimulators.start();

    static {
        Workspaces.fresh("target/e2e/remote-config");
        TestConfigs.catalog(Path.of("target/e2e/remote-config/models.yaml"), "0.1", "6", 2);
        TestConfigs.plans(Path.of("target/e2e/remote-config/plans.yaml"), "1000");
        RemoteSimulators.environment(SIMULATOR).forEach(System::setProperty);
        try {
            Path media = Files.createDirectories(HOME.resolve("inbox/media"));
            Files.copy(Path.of("samples/test-card.png"), media.resolve("still.png"));
            Files.copy(Path.of("samples/media/voice.m4a"), media.resolve("voice.m4a"));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @BeanInject
    RemoteJobs remoteJobs;

    @BeanInject
    JobStore jobs;

    @AfterAll
    void stopSimulator() {
        RemoteSimulators.environment(SIMULATOR).keySet().forEach(System::clearProperty);
        SIMULATOR.close();
    }

    @Test
    @Order(1)
    void everyRemoteModelDeliversItsResult() {
        Map<String, String> specs = new java.util.LinkedHashMap<>();
        String still = "\"image\": \"media/still.png\"";
        specs.put("wan-25", "{\"model\": \"wan-2.5\", " + still + ", \"prompt\": \"pan left\", \"resolution\": \"480p\"}");
        specs.put("kandinsky", "{\"model\": \"kandinsky-5-pro\", " + still + ", \"prompt\": \"slow zoom\"}");
        specs.put("kling-25", "{\"model\": \"kling-2.5-turbo-std\", " + still + ", \"prompt\": \"tilt up\"}");
        specs.put("infinitetalk", "{\"operation\": \"talking-avatar\", \"model\": \"infinitetalk\", " + still
                + ", \"audio\": \"media/voice.m4a\"}");
        specs.put("ltx-2", "{\"model\": \"ltx-2\", " + still + ", \"prompt\": \"dolly in\"}");
        specs.put("kling-26", "{\"model\": \"kling-2.6-pro\", " + still + ", \"prompt\": \"he waves\"}");
        specs.put("veo-31", "{\"model\": \"veo-3.1\", " + still + ", \"prompt\": \"robot says hello\"}");
        specs.put("wan-26", "{\"model\": \"wan-2.6\", " + still + ", \"prompt\": \"lanterns drift\"}");
        specs.put("sora-i2v", "{\"model\": \"sora-2\", " + still + ", \"prompt\": \"the cat yawns\"}");
        specs.put("sora-t2v", "{\"model\": \"sora-2\", \"operation\": \"text-to-video\", \"prompt\": \"snow falls\"}");
        specs.put("veo-3-t2v", "{\"model\": \"veo-3\", \"operation\": \"text-to-video\", \"prompt\": \"a barista\"}");
        specs.put("veo-3-i2v", "{\"model\": \"veo-3\", " + still + ", \"prompt\": \"the card flutters\"}");
        specs.put("keyframe", "{\"operation\": \"keyframe\", \"model\": \"gemini-2.5-flash-image\", " + still
                + ", \"prompt\": \"the same card on a beach\"}");
        specs.forEach(this::drop);

        await().atMost(Duration.ofMinutes(2)).until(() -> specs.keySet().stream()
                .allMatch(name -> finished(name) != null));
        Map<String, JsonNode> results = resultsBySource(HOME);
        for (String name : specs.keySet()) {
            JsonNode result = results.get("inbox:" + name + ".job.json");
            assertThat(result.get("status").asText()).as(name + ": " + result).isEqualTo("completed");
            assertThat(result.get("prediction_id").asText()).as(name).isNotBlank();
            assertThat(result.get("cost_usd").decimalValue()).as(name).isPositive()
                    .isEqualByComparingTo(result.get("estimate_usd").decimalValue());
            Path out = HOME.resolve("output").resolve(result.get("job_id").asText());
            if (name.equals("keyframe")) {
                assertThat(out.resolve("keyframe.png")).isNotEmptyFile();
            } else {
                assertThat(out.resolve("video.mp4")).isNotEmptyFile();
                assertThat(out.resolve("last.png")).isNotEmptyFile();
                assertThat(result.get("width").asInt()).as(name).isPositive();
                assertThat(jobs.events(result.get("job_id").asText())).extracting(e -> e.stage()).as(name)
                        .containsSubsequence("accepted", "submitting", "submitted", "running", "downloading",
                                "downloaded", "generated", "delivered", "completed");
            }
        }
        assertThat(SIMULATOR.count(WaveSpeedProtocol.PROVIDER, Op.SUBMIT)).isEqualTo(4);
        assertThat(SIMULATOR.count(FalProtocol.PROVIDER, Op.SUBMIT)).isEqualTo(4);
        assertThat(SIMULATOR.count(KieProtocol.PROVIDER, Op.SUBMIT)).isEqualTo(2);
        assertThat(SIMULATOR.count(GeminiProtocol.PROVIDER, Op.SUBMIT)).isEqualTo(3);
        assertThat(SIMULATOR.count(WaveSpeedProtocol.PROVIDER, Op.UPLOAD)).as("the still once, the voice once")
                .isEqualTo(2);
        assertThat(SIMULATOR.count(FalProtocol.PROVIDER, Op.UPLOAD)).as("the still once for 4 jobs").isEqualTo(1);
        assertThat(SIMULATOR.count(KieProtocol.PROVIDER, Op.UPLOAD)).isEqualTo(1);
        assertThat(usageLines(HOME)).hasSize(specs.size());
    }

    @Test
    @Order(2)
    void aSubmitThatFailsIsNeverRepeatedAndSaysSo() {
        int before = SIMULATOR.count(WaveSpeedProtocol.PROVIDER, Op.SUBMIT);
        SIMULATOR.fault(WaveSpeedProtocol.PROVIDER, Op.SUBMIT, Fault.status(500, "{\"message\":\"internal error\"}"), 1);
        JsonNode result = dropAndWait("submit-500", wan("the submit fails"));

        assertThat(result.get("status").asText()).isEqualTo("failed");
        assertThat(result.get("error").get("code").asText()).isEqualTo("provider_failed");
        assertThat(result.get("error").get("message").asText()).contains("does not submit it again");
        assertThat(result.get("cost_usd").decimalValue()).isZero();
        assertThat(SIMULATOR.count(WaveSpeedProtocol.PROVIDER, Op.SUBMIT)).isEqualTo(before + 1);
    }

    @Test
    @Order(3)
    void aRefusedRequestCarriesTheProvidersReason() {
        SIMULATOR.fault(WaveSpeedProtocol.PROVIDER, Op.SUBMIT,
                Fault.status(422, "{\"code\":422,\"message\":\"duration must be one of 5, 10\"}"), 1);
        JsonNode result = dropAndWait("submit-422", wan("the provider refuses"));

        assertThat(result.get("error").get("code").asText()).isEqualTo("provider_rejected");
        assertThat(result.get("error").get("message").asText()).contains("duration must be one of 5, 10");
    }

    @Test
    @Order(4)
    void aFailedGenerationEndsWithTheProvidersMessageAndCostsNothing() {
        SIMULATOR.nextOutcome(new Outcome.Failure("the image was flagged by the content policy"));
        JsonNode result = dropAndWait("generation-fails", wan("this one fails at the provider"));

        assertThat(result.get("error").get("code").asText()).isEqualTo("provider_failed");
        assertThat(result.get("error").get("message").asText()).contains("flagged by the content policy");
        assertThat(result.get("cost_usd").decimalValue()).isZero();
        assertThat(result.get("prediction_id").asText()).isNotBlank();
    }

    @Test
    @Order(5)
    void flakyStatusCallsAndACutDownloadStillDeliverWithOneSubmit() throws IOException {
        int submits = SIMULATOR.count(WaveSpeedProtocol.PROVIDER, Op.SUBMIT);
        int downloads = SIMULATOR.count(WaveSpeedProtocol.PROVIDER, Op.DOWNLOAD);
        SIMULATOR.fault(WaveSpeedProtocol.PROVIDER, Op.POLL, Fault.tooManyRequests(1), 1)
                .fault(WaveSpeedProtocol.PROVIDER, Op.POLL, Fault.status(500, "{\"message\":\"try later\"}"), 2)
                .fault(WaveSpeedProtocol.PROVIDER, Op.POLL, new Fault.MalformedJson(), 1)
                .fault(WaveSpeedProtocol.PROVIDER, Op.DOWNLOAD, new Fault.Truncated(0.4), 1);
        JsonNode result = dropAndWait("flaky", wan("the network is having a bad day"));

        assertThat(result.get("status").asText()).as(result.toString()).isEqualTo("completed");
        assertThat(SIMULATOR.count(WaveSpeedProtocol.PROVIDER, Op.SUBMIT)).isEqualTo(submits + 1);
        assertThat(SIMULATOR.count(WaveSpeedProtocol.PROVIDER, Op.DOWNLOAD)).isEqualTo(downloads + 2);
        String id = result.get("job_id").asText();
        assertThat(jobs.events(id)).extracting(e -> e.stage()).contains("poll-retry", "download-retry");
        assertThat(Files.mismatch(HOME.resolve("output").resolve(id).resolve("video.mp4"),
                io.reelroute.provider.ProviderTestJobs.video())).isEqualTo(-1L);
    }

    @Test
    @Order(6)
    void anExpiredUploadUrlIsAskedForAgain() throws IOException {
        Files.write(HOME.resolve("inbox/media/fresh.png"), Files.readAllBytes(Path.of("samples/media/host.png")));
        int initiated = SIMULATOR.count(WaveSpeedProtocol.PROVIDER, Op.UPLOAD);
        SIMULATOR.fault(WaveSpeedProtocol.PROVIDER, Op.UPLOAD, new Fault.Expired(), 1);
        JsonNode result = dropAndWait("expired-upload", "{\"model\": \"wan-2.5\", \"image\": \"media/fresh.png\","
                + " \"prompt\": \"new face\", \"resolution\": \"480p\"}");

        assertThat(result.get("status").asText()).as(result.toString()).isEqualTo("completed");
        assertThat(SIMULATOR.count(WaveSpeedProtocol.PROVIDER, Op.UPLOAD)).isEqualTo(initiated + 2);
    }

    @Test
    @Order(6)
    void aGenerationThatNeverFinishesEndsWithTimeoutNotAHang() {
        SIMULATOR.nextOutcome(new Outcome.Never());
        JsonNode result = dropAndWait("never", "{\"model\": \"ltx-2\", \"image\": \"media/still.png\","
                + " \"prompt\": \"this one never ends\"}");

        assertThat(result.get("status").asText()).isEqualTo("failed");
        assertThat(result.get("error").get("code").asText()).isEqualTo("timeout");
        assertThat(result.get("error").get("message").asText()).contains("can be resumed");
        assertThat(result.get("cost_usd").decimalValue()).isZero();
    }

    @Test
    @Order(7)
    void aTimedOutJobResumesFromItsPredictionWithoutANewSubmit() {
        SIMULATOR.timing(Duration.ofMillis(50), Duration.ofSeconds(8));
        int submits = SIMULATOR.count(FalProtocol.PROVIDER, Op.SUBMIT);
        JsonNode timedOut;
        try {
            timedOut = dropAndWait("slow", "{\"model\": \"kling-2.6-pro\", \"image\": \"media/still.png\","
                    + " \"prompt\": \"takes longer than the 6 s timeout\"}");
        } finally {
            SIMULATOR.timing(Duration.ofMillis(50), Duration.ofMillis(300));
        }
        assertThat(timedOut.get("status").asText()).isEqualTo("failed");
        assertThat(timedOut.get("error").get("code").asText()).isEqualTo("timeout");
        String id = timedOut.get("job_id").asText();

        remoteJobs.resume(id);

        await().atMost(Duration.ofSeconds(30)).until(() -> Workspaces.read(HOME.resolve("output").resolve(id)
                .resolve("result.json")).get("status").asText().equals("completed"));
        assertThat(SIMULATOR.count(FalProtocol.PROVIDER, Op.SUBMIT)).isEqualTo(submits + 1);
        assertThat(jobs.events(id)).extracting(e -> e.stage()).contains("resumed");
        assertThat(usageLines(HOME).stream().filter(u -> u.get("job_id").asText().equals(id)))
                .extracting(u -> u.get("status").asText()).containsExactly("failed", "completed");
    }

    @Test
    @Order(8)
    void aCancelReachesTheProviderAndReleasesTheMoney() {
        SIMULATOR.timing(Duration.ofMillis(50), Duration.ofSeconds(30));
        int cancels = SIMULATOR.count(FalProtocol.PROVIDER, Op.CANCEL);
        String id;
        try {
            drop("cancelled", "{\"model\": \"kling-2.6-pro\", \"image\": \"media/still.png\", \"prompt\": \"never mind\"}");
            await().atMost(Duration.ofSeconds(30)).until(() -> jobFor("cancelled") != null
                    && jobs.find(jobFor("cancelled")).orElseThrow().state() == io.reelroute.store.JobState.RUNNING);
            id = jobFor("cancelled");
        } finally {
            SIMULATOR.timing(Duration.ofMillis(50), Duration.ofMillis(300));
        }

        remoteJobs.cancel(id);

        JsonNode result = Workspaces.read(HOME.resolve("output").resolve(id).resolve("result.json"));
        assertThat(result.get("status").asText()).isEqualTo("cancelled");
        assertThat(result.get("error").get("message").asText()).contains("asked to stop");
        assertThat(SIMULATOR.count(FalProtocol.PROVIDER, Op.CANCEL)).isEqualTo(cancels + 1);
        assertThat(SIMULATOR.generation(jobs.find(id).orElseThrow().predictionId()).phase())
                .isEqualTo(SimulatorServer.Generation.Phase.CANCELLED);
    }

    @Test
    @Order(9)
    void theProviderCapHoldsUnderLoadAndEveryJobStillCompletes() {
        SIMULATOR.timing(Duration.ZERO, Duration.ofMillis(400));
        List<String> names = new ArrayList<>();
        try {
            for (int i = 0; i < 8; i++) {
                names.add("load-" + i);
                drop("load-" + i, wan("load " + i));
            }
            await().atMost(Duration.ofMinutes(1)).until(() -> names.stream().allMatch(n -> finished(n) != null));
        } finally {
            SIMULATOR.timing(Duration.ofMillis(50), Duration.ofMillis(300));
        }
        List<SimulatorServer.Generation> load = new ArrayList<>();
        for (String name : names) {
            JsonNode result = finished(name);
            assertThat(result.get("status").asText()).isEqualTo("completed");
            load.add(SIMULATOR.generation(result.get("prediction_id").asText()));
        }
        assertThat(mostAtOnce(load, Duration.ofMillis(400))).as("wavespeed's cap in this catalog is 2").isEqualTo(2);
    }

    @Test
    @Order(10)
    void anUploadThatKeepsFailingFailsTheJobWithoutASubmit() throws IOException {
        Files.write(HOME.resolve("inbox/media/other.png"), Files.readAllBytes(Path.of("samples/media/host.png")));
        int submits = SIMULATOR.count(FalProtocol.PROVIDER, Op.SUBMIT);
        SIMULATOR.fault(FalProtocol.PROVIDER, Op.UPLOAD, Fault.status(503, "{\"detail\":\"storage is down\"}"), 3);
        JsonNode result = dropAndWait("upload-down", "{\"model\": \"ltx-2\", \"image\": \"media/other.png\","
                + " \"prompt\": \"storage outage\"}");

        assertThat(result.get("status").asText()).isEqualTo("failed");
        assertThat(result.get("error").get("message").asText()).contains("was not submitted, so nothing was paid");
        assertThat(SIMULATOR.count(FalProtocol.PROVIDER, Op.SUBMIT)).isEqualTo(submits);
    }

    @Test
    @Order(20)
    void noKeyIsEverWrittenToDisk() throws IOException {
        try (Stream<Path> files = Files.walk(HOME)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String text = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
                for (String key : RemoteSimulators.KEYS) {
                    assertThat(text).as(file + " must not hold a key").doesNotContain(key);
                }
            }
        }
    }

    /** Most generations running at the same moment, from their creation times and the fixed run time. */
    public static int mostAtOnce(List<SimulatorServer.Generation> generations, Duration running) {
        int most = 0;
        for (SimulatorServer.Generation g : generations) {
            long at = g.createdNanos;
            int overlapping = (int) generations.stream()
                    .filter(o -> o.createdNanos <= at && at < o.createdNanos + running.toNanos()).count();
            most = Math.max(most, overlapping);
        }
        return most;
    }

    private static String wan(String prompt) {
        return "{\"model\": \"wan-2.5\", \"image\": \"media/still.png\", \"prompt\": \"" + prompt
                + "\", \"resolution\": \"480p\"}";
    }

    private void drop(String name, String json) {
        try {
            Path staged = Files.writeString(HOME.resolve(name + ".job.json"), json);
            Files.move(staged, HOME.resolve("inbox").resolve(name + ".job.json"));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private JsonNode dropAndWait(String name, String json) {
        drop(name, json);
        await().atMost(Duration.ofSeconds(60)).until(() -> finished(name) != null);
        return finished(name);
    }

    private static JsonNode finished(String name) {
        return resultsBySource(HOME).get("inbox:" + name + ".job.json");
    }

    private String jobFor(String name) {
        try (Stream<Path> dirs = Files.list(HOME.resolve("archive"))) {
            return dirs.filter(d -> Files.exists(d.resolve(name + ".job.json"))).map(d -> d.getFileName().toString())
                    .findFirst().orElse(null);
        } catch (IOException e) {
            return null;
        }
    }
}
