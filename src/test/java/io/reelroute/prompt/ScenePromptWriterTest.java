package io.reelroute.prompt;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.reelroute.provider.ProviderEndpoint;
import io.reelroute.provider.ProviderHttp;
import io.reelroute.provider.gemini.GeminiText;
import io.reelroute.simulator.GeminiProtocol;
import io.reelroute.simulator.SimulatorServer;
import io.reelroute.simulator.SimulatorServer.Fault;
import io.reelroute.simulator.SimulatorServer.Op;
import io.reelroute.simulator.SimulatorServer.Recorded;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The scene-prompt writer against the simulated Gemini API over a real socket: the model's text is used, and
 * anything short of usable text (an error, a timeout, a block, an empty answer) gives the scene template; without
 * a key nothing is called at all.
 */
class ScenePromptWriterTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String KEY = "AIza-scene-writer-test-4d1c";
    private static final String MODEL = "gemini-2.5-flash";
    private static final JsonNode SCENE = json("""
            {"description": "The keeper climbs the lighthouse stairs", "setting": "a storm at night",
             "characters": ["the keeper"], "mood": "tense"}""");
    private static final JsonNode STORY = json("{\"genre\": \"drama\", \"style\": \"film noir\"}");
    private static final String TEMPLATE = MotionPrompt.fromScene(SCENE, STORY);

    private final GeminiProtocol gemini = new GeminiProtocol(KEY);
    private final SimulatorServer server = SimulatorServer.start().mount(gemini);

    @AfterEach
    void stop() {
        server.close();
    }

    private ScenePromptWriter writer(String key, Duration timeout) {
        Map<String, String> env = key == null ? Map.of("GEMINI_BASE_URL", GeminiProtocol.baseUrl(server))
                : Map.of("GEMINI_BASE_URL", GeminiProtocol.baseUrl(server), "GEMINI_API_KEY", key);
        ProviderEndpoint endpoint = ProviderEndpoint.of(name -> Optional.ofNullable(env.get(name)), "GEMINI_BASE_URL",
                "https://generativelanguage.googleapis.com/v1beta", "GEMINI_API_KEY");
        return new ScenePromptWriter(new GeminiText(endpoint, new ProviderHttp(JSON, timeout)), MODEL, JSON);
    }

    private ScenePromptWriter writer() {
        return writer(KEY, Duration.ofSeconds(10));
    }

    @Test
    void theModelsTextIsThePromptOnOneLine() {
        gemini.answerText("\"Handheld camera follows the keeper up the spiral stairs;\n lightning flickers,"
                + " tense noir shadows.\"\n");

        SceneWriter.Written written = writer().write(SCENE, STORY, "inbox:keeper.job.json");

        assertThat(written.text()).isEqualTo("Handheld camera follows the keeper up the spiral stairs; lightning"
                + " flickers, tense noir shadows.");
        assertThat(written.note()).isEqualTo("scene prompt written by " + MODEL);
        assertThat(written.basis()).as("what identifies the job for repeats").isEqualTo(Map.of(
                "written_by", MODEL, "scene", JSON.convertValue(SCENE, Object.class),
                "story_context", JSON.convertValue(STORY, Object.class)));
        Recorded call = server.requests(GeminiProtocol.TEXT, Op.SUBMIT).get(0);
        assertThat(call.path()).isEqualTo("/gemini/v1beta/models/" + MODEL + ":generateContent");
        assertThat(call.header("x-goog-api-key")).isEqualTo(KEY);
        assertThat(call.query()).isNull();
        String asked = call.json().at("/contents/0/parts/0/text").asText();
        assertThat(asked).startsWith(ScenePromptWriter.INSTRUCTION)
                .contains("The keeper climbs the lighthouse stairs", "a storm at night", "film noir");
        assertThat(call.json().at("/contents/0/role").asText()).isEqualTo("user");
        assertThat(call.json().at("/generationConfig/temperature").isNumber()).isTrue();
        assertThat(server.count(GeminiProtocol.PROVIDER, Op.SUBMIT)).as("no image or video generation").isZero();
    }

    @Test
    void aSceneGivenAsPlainTextIsSentAsIt() {
        writer().write(json("\"A fox runs through snow\""), null, "test");

        String asked = server.requests(GeminiProtocol.TEXT, Op.SUBMIT).get(0).json()
                .at("/contents/0/parts/0/text").asText();
        assertThat(asked).endsWith("Scene:\nA fox runs through snow").doesNotContain("Story context");
    }

    static Stream<Arguments> unusableAnswers() {
        return Stream.of(
                Arguments.of("a server error", (Consumer<ScenePromptWriterTest>) t -> t.server.fault(
                        GeminiProtocol.TEXT, Op.SUBMIT, Fault.status(500, "{\"error\":{\"code\":500,\"message\":"
                                + "\"Internal error encountered.\",\"status\":\"INTERNAL\"}}"), 1), "HTTP 500"),
                Arguments.of("rate limited", (Consumer<ScenePromptWriterTest>) t -> t.server.fault(
                        GeminiProtocol.TEXT, Op.SUBMIT, Fault.tooManyRequests(30), 1), "HTTP 429"),
                Arguments.of("malformed JSON", (Consumer<ScenePromptWriterTest>) t -> t.server.fault(
                        GeminiProtocol.TEXT, Op.SUBMIT, new Fault.MalformedJson(), 1), "not JSON"),
                Arguments.of("a blocked prompt", (Consumer<ScenePromptWriterTest>) t -> t.gemini.blockText("SAFETY"),
                        "blockReason SAFETY"),
                Arguments.of("an empty answer", (Consumer<ScenePromptWriterTest>) t -> t.gemini.answerText(""),
                        "no usable text"),
                Arguments.of("only quotation marks", (Consumer<ScenePromptWriterTest>) t -> t.gemini.answerText("\"\""),
                        "only quotation marks"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unusableAnswers")
    void anUnusableAnswerGivesTheTemplate(String what, Consumer<ScenePromptWriterTest> fault, String reason) {
        fault.accept(this);

        SceneWriter.Written written = writer().write(SCENE, STORY, "test");

        assertThat(written.text()).isEqualTo(TEMPLATE);
        assertThat(written.note()).startsWith("scene prompt from the template: " + MODEL + " gave none")
                .contains(reason);
        assertThat(written.basis()).as("a template prompt is identified by its text").isNull();
        assertThat(server.count(GeminiProtocol.TEXT, Op.SUBMIT)).isEqualTo(1);
    }

    @Test
    void aCallThatTakesLongerThanTheTimeoutGivesTheTemplate() {
        server.fault(GeminiProtocol.TEXT, Op.SUBMIT, new Fault.Delay(Duration.ofSeconds(5)), 1);

        SceneWriter.Written written = writer(KEY, Duration.ofMillis(300)).write(SCENE, STORY, "test");

        assertThat(written.text()).isEqualTo(TEMPLATE);
        assertThat(written.note()).contains("HttpTimeoutException");
    }

    @Test
    void aRefusedKeyGivesTheTemplateAndTheNoteNeverHoldsTheKey() {
        String wrong = "AIza-not-the-accounts-key-77";
        SceneWriter.Written written = writer(wrong, Duration.ofSeconds(10)).write(SCENE, STORY, "test");

        assertThat(written.text()).isEqualTo(TEMPLATE);
        assertThat(written.note()).contains("HTTP 401").doesNotContain(wrong).doesNotContain(KEY);
    }

    @Test
    void withoutAKeyTheTemplateIsUsedAndNothingIsCalled() {
        SceneWriter.Written written = writer(null, Duration.ofSeconds(10)).write(SCENE, STORY, "test");

        assertThat(written.text()).isEqualTo(TEMPLATE);
        assertThat(written.note()).isEqualTo("scene prompt from the template: no GEMINI_API_KEY");
        assertThat(server.count(GeminiProtocol.TEXT, Op.SUBMIT)).isZero();
        assertThat(server.count(GeminiProtocol.PROVIDER, Op.SUBMIT)).isZero();
    }

    @Test
    void aSceneWithNothingToWriteFromAsksNothing() {
        assertThat(writer().write(json("{\"camera\": {\"x\": 1}}"), null, "test")).isNull();
        assertThat(writer().write(null, null, "test")).isNull();
        assertThat(server.count(GeminiProtocol.TEXT, Op.SUBMIT)).isZero();
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
