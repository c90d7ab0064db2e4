package io.reelroute.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.reelroute.error.ErrorCode;
import io.reelroute.error.ReelrouteException;
import io.reelroute.spec.SpecReader.Format;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SpecReaderTest {

    private final SpecReader reader = new SpecReader();

    private JobSpec json(String text) {
        return reader.read(text.getBytes(StandardCharsets.UTF_8), Format.JSON, "photo.json");
    }

    private JobSpec yaml(String text) {
        return reader.read(text.getBytes(StandardCharsets.UTF_8), Format.YAML, "photo.yaml");
    }

    private static ReelrouteException error(Runnable reading) {
        try {
            reading.run();
        } catch (ReelrouteException e) {
            return e;
        }
        throw new AssertionError("expected a ReelrouteException");
    }

    @Test
    void readsEveryFieldFromJson() {
        JobSpec spec = json("""
                {"operation": "image-to-video", "model": "wan-2.5", "prompt": "slow push-in",
                 "negative_prompt": "blur", "shot": {"camera_language": "pan left", "energy": 0.8,
                 "environment": "harbour", "symbolic_elements": ["gulls", "rope", "lamp"]},
                 "scene": {"description": "dawn"}, "story_context": {"genre": "drama"},
                 "image": "photo.png", "audio": "media/voice.mp3", "mask_image": "mask.png",
                 "duration": 5, "resolution": "720p", "aspect": "16:9", "seed": 42, "guidance_scale": 0.5,
                 "prompt_expansion": true, "generate_audio": false, "user_id": "alice", "tags": ["a", "b"],
                 "notify_url": "https://example.org/hook"}
                """);
        assertThat(spec.operation()).isEqualTo("image-to-video");
        assertThat(spec.duration()).isEqualByComparingTo("5");
        assertThat(spec.seed()).isEqualTo(42L);
        assertThat(spec.guidanceScale()).isEqualByComparingTo("0.5");
        assertThat(spec.promptExpansion()).isTrue();
        assertThat(spec.generateAudio()).isFalse();
        assertThat(spec.shot().energy()).isEqualTo(0.8);
        assertThat(spec.shot().symbolicElements()).containsExactly("gulls", "rope", "lamp");
        assertThat(spec.scene().get("description").asText()).isEqualTo("dawn");
        assertThat(spec.storyContext().get("genre").asText()).isEqualTo("drama");
        assertThat(spec.tags()).containsExactly("a", "b");
        assertThat(spec.notifyUrl()).isEqualTo("https://example.org/hook");
    }

    @Test
    void readsYamlWithUnquotedRatiosAndNumbers() {
        JobSpec spec = yaml("""
                prompt: Harbour at dawn
                aspect: 16:9
                duration: 10
                shot:
                  camera_language: slow push-in
                  energy: 0.4
                """);
        // YAML 1.1 would read 16:9 as a base-60 number; the job must see the ratio
        assertThat(spec.aspect()).isEqualTo("16:9");
        assertThat(spec.duration()).isEqualByComparingTo(BigDecimal.TEN);
        assertThat(spec.shot().cameraLanguage()).isEqualTo("slow push-in");
    }

    @Test
    void nonAsciiTextRoundTripsInBothFormats() {
        String prompt = "Caméra qui s'approche lentement — 港の夜明け, ёлка 🎬";
        assertThat(json("{\"prompt\": \"" + prompt + "\"}").prompt()).isEqualTo(prompt);
        assertThat(yaml("prompt: \"" + prompt + "\"\n").prompt()).isEqualTo(prompt);
        assertThat(yaml("tags: [größe, 夜]\n").tags()).containsExactly("größe", "夜");
    }

    @Test
    void acceptsAByteOrderMark() {
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        byte[] body = "{\"prompt\": \"é\"}".getBytes(StandardCharsets.UTF_8);
        byte[] content = new byte[bom.length + body.length];
        System.arraycopy(bom, 0, content, 0, 3);
        System.arraycopy(body, 0, content, 3, body.length);
        assertThat(reader.read(content, Format.JSON, "photo.json").prompt()).isEqualTo("é");
        byte[] yamlBody = "prompt: é\n".getBytes(StandardCharsets.UTF_8);
        byte[] yamlContent = new byte[3 + yamlBody.length];
        System.arraycopy(bom, 0, yamlContent, 0, 3);
        System.arraycopy(yamlBody, 0, yamlContent, 3, yamlBody.length);
        assertThat(reader.read(yamlContent, Format.YAML, "photo.yaml").prompt()).isEqualTo("é");
    }

    @Test
    void unknownTopLevelFieldIsNamedWithTheKnownOnes() {
        ReelrouteException e = error(() -> json("{\"durration\": 5}"));
        assertThat(e.code()).isEqualTo(ErrorCode.UNKNOWN_FIELD);
        assertThat(e.field()).isEqualTo("durration");
        assertThat(e.getMessage())
                .startsWith("unknown field 'durration' in photo.json")
                .contains("did you mean 'duration'?")
                .contains("known fields: operation, model, prompt, negative_prompt, shot")
                .contains("notify_url");
    }

    @Test
    void unknownNestedFieldIsNamedByItsPath() {
        ReelrouteException e = error(() -> yaml("shot:\n  camera_langauge: pan\n"));
        assertThat(e.code()).isEqualTo(ErrorCode.UNKNOWN_FIELD);
        assertThat(e.field()).isEqualTo("shot.camera_langauge");
        assertThat(e.getMessage())
                .startsWith("unknown field 'shot.camera_langauge' in photo.yaml")
                .contains("did you mean 'shot.camera_language'?")
                .contains("known fields of shot: camera_language, energy, environment, symbolic_elements");
    }

    @Test
    void unknownFieldWithoutALikelyIntentGetsNoGuess() {
        ReelrouteException e = error(() -> json("{\"colour\": \"red\"}"));
        assertThat(e.code()).isEqualTo(ErrorCode.UNKNOWN_FIELD);
        assertThat(e.getMessage()).doesNotContain("did you mean");
    }

    @Test
    void malformedJsonGivesLineColumnAndReason() {
        ReelrouteException e = error(() -> json("{\n  \"prompt\": \"a\",\n}"));
        assertThat(e.code()).isEqualTo(ErrorCode.INVALID_INPUT);
        assertThat(e.getMessage())
                .startsWith("photo.json is not valid JSON: line 3, column 1: ")
                .contains("'}'")
                .doesNotContain("code 125")
                .doesNotContain("Source:");
    }

    @Test
    void malformedYamlPointsAtTheOffendingCharacter() {
        ReelrouteException e = error(() -> yaml("prompt: a\nshot: [pan,\n  b: : c\n"));
        assertThat(e.code()).isEqualTo(ErrorCode.INVALID_INPUT);
        assertThat(e.getMessage()).startsWith("photo.yaml is not valid YAML: line 3, column 6: ")
                .contains("found ':'");
    }

    @Test
    void yamlTabsGetAHint() {
        ReelrouteException e = error(() -> yaml("shot:\n\tenergy: 1\n"));
        assertThat(e.code()).isEqualTo(ErrorCode.INVALID_INPUT);
        assertThat(e.getMessage()).contains("line 2").contains("spaces, not tabs");
    }

    @Test
    void aFieldGivenTwiceIsRefused() {
        ReelrouteException e = error(() -> yaml("duration: 5\nduration: 10\n"));
        assertThat(e.code()).isEqualTo(ErrorCode.INVALID_INPUT);
        assertThat(e.getMessage()).contains("line 2").contains("'duration' is given twice");
        assertThat(error(() -> json("{\"seed\": 1, \"seed\": 2}")).getMessage()).contains("'seed' is given twice");
    }

    @Test
    void wrongTypeNamesTheFieldAndTheValue() {
        ReelrouteException e = error(() -> yaml("duration: five\n"));
        assertThat(e.code()).isEqualTo(ErrorCode.INVALID_INPUT);
        assertThat(e.field()).isEqualTo("duration");
        assertThat(e.getMessage()).isEqualTo("duration in photo.yaml must be a number, not the text \"five\" (line 1, column 11)");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"seed\": 1.5}                       | seed          | a whole number",
            "{\"generate_audio\": \"maybe\"}       | generate_audio | true or false",
            "{\"tags\": \"one\"}                   | tags          | a list of text",
            "{\"tags\": [\"a\", {\"b\": 1}]}       | tags          | text",
            "{\"prompt\": [\"a\"]}                 | prompt        | text",
            "{\"shot\": 5}                         | shot          | an object with camera_language",
            "{\"shot\": {\"energy\": \"high\"}}    | shot.energy   | a number"})
    void everyWrongTypeIsInvalidInput(String document, String field, String expected) {
        ReelrouteException e = error(() -> json(document));
        assertThat(e.code()).isEqualTo(ErrorCode.INVALID_INPUT);
        assertThat(e.field()).isEqualTo(field);
        assertThat(e.getMessage()).contains("must be " + expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   \n\t", "null", "---\n", "# only a comment\n"})
    void anEmptyDocumentIsInvalidInput(String content) {
        ReelrouteException e = error(() -> yaml(content));
        assertThat(e.code()).isEqualTo(ErrorCode.INVALID_INPUT);
        assertThat(e.getMessage()).startsWith("photo.yaml is empty");
        assertThat(error(() -> json(content.replace("#", "//"))).code()).isEqualTo(ErrorCode.INVALID_INPUT);
    }

    @Test
    void anEmptyJsonFileSaysSo() {
        assertThat(error(() -> json("")).getMessage()).startsWith("photo.json is empty");
        assertThat(error(() -> json("null")).getMessage()).startsWith("photo.json is empty");
    }

    @Test
    void anEmptyObjectIsAValidSpecWithEverythingDefaulted() {
        assertThat(json("{}")).isEqualTo(JobSpec.empty());
        assertThat(yaml("{}\n")).isEqualTo(JobSpec.empty());
    }

    @Test
    void aListOrAScalarIsNotASpec() {
        ReelrouteException list = error(() -> json("[1, 2]"));
        assertThat(list.code()).isEqualTo(ErrorCode.INVALID_INPUT);
        assertThat(list.getMessage()).contains("must hold one object").contains("a list");
        assertThat(error(() -> yaml("just words\n")).getMessage()).contains("must hold one object");
    }

    @Test
    void aSecondDocumentIsRefused() {
        ReelrouteException e = error(() -> yaml("prompt: a\n---\nprompt: b\n"));
        assertThat(e.code()).isEqualTo(ErrorCode.INVALID_INPUT);
        assertThat(e.getMessage()).contains("more than one document");
        assertThat(error(() -> json("{\"prompt\": \"a\"} {\"prompt\": \"b\"}")).getMessage())
                .contains("more than one value");
    }

    @Test
    void energyOutsideZeroToOneIsInvalidInput() {
        ReelrouteException e = error(() -> yaml("shot: {energy: 1.5}\n"));
        assertThat(e.code()).isEqualTo(ErrorCode.INVALID_INPUT);
        assertThat(e.field()).isEqualTo("shot.energy");
        assertThat(e.getMessage()).contains("between 0 and 1").contains("1.5");
    }

    @ParameterizedTest
    @CsvSource({"photo.json,JSON", "harbour.job.JSON,JSON", "a.yaml,YAML", "b.story.yml,YAML", "C.YML,YAML"})
    void formatFollowsTheFileName(String name, Format expected) {
        assertThat(Format.fromFileName(name)).isEqualTo(expected);
        assertThat(Format.detect(name)).contains(expected);
    }

    @Test
    void otherFileNamesHaveNoFormat() {
        assertThat(Format.detect("photo.png")).isEmpty();
        assertThat(Format.detect("json")).isEmpty();
        assertThatThrownBy(() -> Format.fromFileName("notes.txt"))
                .isInstanceOf(ReelrouteException.class)
                .hasMessageContaining(".json, .yaml or .yml")
                .extracting(t -> ((ReelrouteException) t).code()).isEqualTo(ErrorCode.INVALID_INPUT);
    }

    @Test
    void readsAFileByItsName(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("photo.yml");
        Files.writeString(file, "model: kling-2.6-pro\n");
        assertThat(reader.read(file).model()).isEqualTo("kling-2.6-pro");
        Files.writeString(dir.resolve("bad.json"), "{\"modle\": 1}");
        assertThat(error(() -> reader.read(dir.resolve("bad.json"))).getMessage()).contains("in bad.json");
    }

    @Test
    void specFieldNamesFollowTheContractOrder() {
        assertThat(SpecReader.specFieldNames()).startsWith("operation", "model", "prompt").endsWith("notify_url")
                .hasSize(20);
    }

    @Test
    void closestNameCatchesSlipsButNotOtherWords() {
        assertThat(ClosestName.among("durration", SpecReader.specFieldNames())).contains("duration");
        assertThat(ClosestName.among("camera_langauge", java.util.List.of("camera_language", "energy")))
                .contains("camera_language");
        assertThat(ClosestName.among("ab", java.util.List.of("model"))).isEmpty();
        assertThat(ClosestName.among("colour", SpecReader.specFieldNames())).isEmpty();
    }
}
