package io.reelroute.e2e;

import static io.reelroute.support.Workspaces.resultsBySource;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.reelroute.Application;
import io.reelroute.error.ReelrouteException;
import io.reelroute.job.JobDraft;
import io.reelroute.prompt.MotionPrompt;
import io.reelroute.provider.ProviderTestJobs;
import io.reelroute.simulator.GeminiProtocol;
import io.reelroute.simulator.SimulatorServer;
import io.reelroute.simulator.SimulatorServer.Fault;
import io.reelroute.simulator.SimulatorServer.Op;
import io.reelroute.simulator.SimulatorServer.Recorded;
import io.reelroute.simulator.WaveSpeedProtocol;
import io.reelroute.spec.SpecReader;
import io.reelroute.store.JobInput;
import io.reelroute.store.JobStore;
import io.reelroute.support.TestConfigs;
import io.reelroute.support.Workspaces;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.camel.BeanInject;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.Produce;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The two Gemini helpers of stories through the running service, against the simulators over real sockets: a
 * scene-animation job on Kling (WaveSpeed) whose prompt a Gemini text model writes from the scene, falling
 * back to the template when the model fails; and a keyframe job that edits an image while showing reference
 * images, which gemini-2.5-flash-image receives in order from the job's stored inputs.
 */
@CamelMainTest(mainClass = Application.class,
        propertyPlaceholderLocations = "file:config/application.properties",
        properties = {
            "reelroute.home=target/e2e/scene",
            "reelroute.config.models=target/e2e/scene-config/models.yaml",
            "reelroute.config.plans=target/e2e/scene-config/plans.yaml",
            "reelroute.scene.llm-model=gemini-2.5-flash-lite",
            "reelroute.inbox.poll-ms=100",
            "reelroute.inbox.stable-ms=200",
            "reelroute.dispatch.period-ms=100",
            "reelroute.dispatch.delay-ms=100",
            "reelroute.poll.period-ms=50"
        })
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
public class SceneAndReferenceEndToEndTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String WAVESPEED_KEY = "ws-secret-scene-3b7e1d";
    private static final String GEMINI_KEY = "gem-secret-scene-8c4a2f";
    private static final Path HOME = Workspaces.fresh("target/e2e/scene");
    private static final GeminiProtocol GEMINI = new GeminiProtocol(GEMINI_KEY);
    private static final SimulatorServer SIMULATOR = SimulatorServer.start()
            .timing(Duration.ofMillis(50), Duration.ofMillis(300))
            .video(ProviderTestJobs.video())
            .mount(new WaveSpeedProtocol(WAVESPEED_KEY))
            .mount(GEMINI)
            .serveFiles("files");
    private static final Map<String, String> ENVIRONMENT = new LinkedHashMap<>();
    private static final String SCENE = """
            "scene": {"description": "The keeper climbs the lighthouse stairs", "setting": "a storm at night",
                      "mood": "tense"},
            "story_context": {"genre": "drama", "style": "film noir"}""";
    private static final String LLM_TEXT = "Handheld camera follows the keeper up the spiral stairs as lightning"
            + " flickers through the windows; rain lashes the glass; tense, deep noir shadows.";

    static {
        Workspaces.fresh("target/e2e/scene-config");
        TestConfigs.catalog(Path.of("target/e2e/scene-config/models.yaml"), "0.1", "6", 2);
        TestConfigs.plans(Path.of("target/e2e/scene-config/plans.yaml"), "1000");
        ENVIRONMENT.put("WAVESPEED_BASE_URL", SIMULATOR.baseUrl() + WaveSpeedProtocol.PREFIX);
        ENVIRONMENT.put("WAVESPEED_API_KEY", WAVESPEED_KEY);
        ENVIRONMENT.put("GEMINI_BASE_URL", GeminiProtocol.baseUrl(SIMULATOR));
        ENVIRONMENT.put("GEMINI_API_KEY", GEMINI_KEY);
        ENVIRONMENT.forEach(System::setProperty);
        try {
            Path media = Files.createDirectories(HOME.resolve("inbox/media"));
            Files.copy(Path.of("samples/test-card.png"), media.resolve("still.png"));
            Path references = Files.createDirectories(HOME.resolve("story"));
            Files.copy(Path.of("samples/media/host.png"), references.resolve("keeper.png"));
            Files.copy(Path.of("samples/fractal-coast.jpg"), references.resolve("coast.jpg"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @BeanInject
    JobStore jobs;

    @Produce("direct:job-accept")
    ProducerTemplate accept;

    @AfterAll
    void stopSimulator() {
        ENVIRONMENT.keySet().forEach(System::clearProperty);
        SIMULATOR.close();
    }

    @Test
    @Order(1)
    void aSceneAnimationGetsItsPromptFromTheTextModelAndKeepsItsParameters() {
        GEMINI.answerText(LLM_TEXT);

        JsonNode result = dropAndWait("keeper", kling(SCENE));

        assertThat(result.get("status").asText()).as(result.toString()).isEqualTo("completed");
        assertThat(result.get("prompt").asText()).isEqualTo(LLM_TEXT);
        List<Recorded> asked = SIMULATOR.requests(GeminiProtocol.TEXT, Op.SUBMIT);
        assertThat(asked).hasSize(1);
        assertThat(asked.get(0).path()).as("the model of reelroute.scene.llm-model")
                .isEqualTo("/gemini/v1beta/models/gemini-2.5-flash-lite:generateContent");
        assertThat(asked.get(0).json().at("/contents/0/parts/0/text").asText())
                .contains("The keeper climbs the lighthouse stairs", "a storm at night", "film noir");

        JsonNode submitted = waveSpeedSubmitWithPrompt(LLM_TEXT);
        assertThat(submitted.get("guidance_scale").decimalValue()).isEqualByComparingTo("0.8");
        assertThat(submitted.get("negative_prompt").asText()).isEqualTo("blur, watermark");
        assertThat(submitted.get("duration").asInt()).isEqualTo(10);
        assertThat(submitted.get("image").asText()).startsWith("http");
        assertThat(jobs.events(result.get("job_id").asText())).filteredOn(e -> e.stage().equals("prompt"))
                .extracting(e -> e.detail()).containsExactly("scene prompt written by gemini-2.5-flash-lite");
    }

    @Test
    @Order(2)
    void theSameSceneDroppedAgainIsARepeatThoughTheModelWordsItDifferently() {
        String first = resultsBySource(HOME).get("inbox:keeper.job.json").get("job_id").asText();
        int submits = SIMULATOR.count(WaveSpeedProtocol.PROVIDER, Op.SUBMIT);
        GEMINI.answerText("Slow crane up the tower; the keeper climbs; storm; noir.");

        JsonNode result = dropAndWait("keeper-again", kling(SCENE));

        assertThat(result.get("status").asText()).as(result.toString()).isEqualTo("completed");
        assertThat(result.get("reused_from").asText()).isEqualTo(first);
        assertThat(result.get("cost_usd").decimalValue()).isZero();
        assertThat(result.get("prompt").asText()).as("the prompt that made the clip").isEqualTo(LLM_TEXT);
        assertThat(SIMULATOR.count(WaveSpeedProtocol.PROVIDER, Op.SUBMIT)).isEqualTo(submits);
    }

    @Test
    @Order(3)
    void whenTheTextModelFailsTheSceneTemplateIsThePrompt() throws IOException {
        SIMULATOR.fault(GeminiProtocol.TEXT, Op.SUBMIT, Fault.status(503, "{\"error\": {\"code\": 503, \"message\":"
                + " \"The model is overloaded.\", \"status\": \"UNAVAILABLE\"}}"), 1);
        String scene = """
                "scene": {"description": "Gulls circle the lantern room at dawn", "mood": "calm"},
                "story_context": {"tone": "hopeful"}""";
        JsonNode spec = JSON.readTree("{" + scene + "}");
        String template = MotionPrompt.fromScene(spec.get("scene"), spec.get("story_context"));

        JsonNode result = dropAndWait("gulls", kling(scene));

        assertThat(result.get("status").asText()).as(result.toString()).isEqualTo("completed");
        assertThat(result.get("prompt").asText()).isEqualTo(template);
        assertThat(waveSpeedSubmitWithPrompt(template).get("guidance_scale").decimalValue())
                .isEqualByComparingTo("0.8");
        assertThat(jobs.events(result.get("job_id").asText())).filteredOn(e -> e.stage().equals("prompt"))
                .extracting(e -> e.detail()).singleElement().asString()
                .startsWith("scene prompt from the template: gemini-2.5-flash-lite gave none")
                .contains("HTTP 503", "The model is overloaded.");
    }

    @Test
    @Order(4)
    void aKeyframeJobSendsItsImageAndReferenceImagesAsInlinePartsInOrder() throws IOException {
        JobDraft draft = draft("""
                {"operation": "keyframe", "model": "gemini-2.5-flash-image", "image": "media/still.png",
                 "prompt": "The keeper of the first reference on the coast of the second, in this frame"}""");
        Path keeper = HOME.resolve("story/keeper.png");
        Path coast = HOME.resolve("story/coast.jpg");
        assertThat(draft.addReference(keeper)).isEqualTo("reference_1");
        assertThat(draft.addReference(coast)).isEqualTo("reference_2");

        String id = accept.requestBody(draft, JobDraft.class).jobId();

        Path output = HOME.resolve("output").resolve(id);
        await().atMost(Duration.ofSeconds(60)).until(() -> Files.exists(output.resolve("result.json")));
        JsonNode result = Workspaces.read(output.resolve("result.json"));
        assertThat(result.get("status").asText()).as(result.toString()).isEqualTo("completed");
        assertThat(output.resolve("keyframe.png")).isNotEmptyFile();
        assertThat(jobs.inputs(id)).extracting(JobInput::role).as("kept with the job, read again to submit it")
                .containsExactlyInAnyOrder("image", "reference_1", "reference_2");

        List<Recorded> submits = SIMULATOR.requests(GeminiProtocol.PROVIDER, Op.SUBMIT);
        JsonNode parts = submits.get(submits.size() - 1).json().at("/contents/0/parts");
        assertThat(parts).hasSize(4);
        assertThat(parts.get(0).get("text").asText()).startsWith("The keeper of the first reference");
        assertThat(inline(parts.get(1))).isEqualTo(Files.readAllBytes(Path.of("samples/test-card.png")));
        assertThat(inline(parts.get(2))).isEqualTo(Files.readAllBytes(keeper));
        assertThat(inline(parts.get(3))).isEqualTo(Files.readAllBytes(coast));
        assertThat(parts.get(3).at("/inline_data/mime_type").asText()).isEqualTo("image/jpeg");
    }

    @Test
    @Order(5)
    void aModelWithNoPlaceForReferencesRefusesThemBeforeAnythingIsHeld() {
        JobDraft draft = draft("{\"model\": \"kling-2.5-turbo-std\", \"image\": \"media/still.png\","
                + " \"prompt\": \"pan right\"}");
        draft.addReference(HOME.resolve("story/keeper.png"));
        int submits = SIMULATOR.count(WaveSpeedProtocol.PROVIDER, Op.SUBMIT);

        assertThatThrownBy(() -> accept.requestBody(draft)).isInstanceOf(CamelExecutionException.class)
                .cause().isInstanceOfSatisfying(ReelrouteException.class, e -> {
                    assertThat(e.code().code()).isEqualTo("unsupported_parameter");
                    assertThat(e.getMessage()).contains("kling-2.5-turbo-std does not take reference images",
                            "reference_1", "gemini-2.5-flash-image");
                });
        assertThat(draft.jobId()).isNull();
        assertThat(SIMULATOR.count(WaveSpeedProtocol.PROVIDER, Op.SUBMIT)).isEqualTo(submits);
    }

    @Test
    @Order(20)
    void noKeyIsEverWrittenToDisk() throws IOException {
        try (Stream<Path> files = Files.walk(HOME)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String text = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
                assertThat(text).as(file + " must not hold a key").doesNotContain(GEMINI_KEY)
                        .doesNotContain(WAVESPEED_KEY);
            }
        }
    }

    private static String kling(String scene) {
        return "{\"operation\": \"scene-animation\", \"model\": \"kling-2.5-turbo-std\","
                + " \"image\": \"media/still.png\", \"guidance_scale\": 0.8, \"negative_prompt\": \"blur, watermark\","
                + " \"duration\": 10, " + scene + "}";
    }

    /** The body WaveSpeed received for the job sent with this prompt. */
    private static JsonNode waveSpeedSubmitWithPrompt(String prompt) {
        return SIMULATOR.requests(WaveSpeedProtocol.PROVIDER, Op.SUBMIT).stream().map(Recorded::json)
                .filter(body -> prompt.equals(body.path("prompt").asText())).reduce((a, b) -> {
                    throw new AssertionError("two submits with the prompt " + prompt);
                }).orElseThrow(() -> new AssertionError("no submit with the prompt " + prompt));
    }

    /** A job as story code makes one: a spec whose paths are relative to the inbox, owned by the default user. */
    private static JobDraft draft(String spec) {
        return new JobDraft("story:lighthouse#1", new SpecReader().read(spec.getBytes(StandardCharsets.UTF_8),
                SpecReader.Format.JSON, "story"), HOME.resolve("inbox"), null, "default");
    }

    private static byte[] inline(JsonNode part) {
        return Base64.getDecoder().decode(part.at("/inline_data/data").asText());
    }

    private static JsonNode dropAndWait(String name, String json) {
        try {
            Path staged = Files.writeString(HOME.resolve(name + ".job.json"), json);
            Files.move(staged, HOME.resolve("inbox").resolve(name + ".job.json"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> resultsBySource(HOME).get("inbox:" + name + ".job.json")
                != null);
        return resultsBySource(HOME).get("inbox:" + name + ".job.json");
    }
}
