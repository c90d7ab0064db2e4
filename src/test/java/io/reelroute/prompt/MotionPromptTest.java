package io.reelroute.prompt;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.reelroute.spec.JobSpec;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MotionPromptTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static JobSpec withShot(JobSpec.Shot shot) {
        return new JobSpec(null, null, null, null, shot, null, null, null, null, null, null, null, null, null,
                null, null, null, null, null, null);
    }

    private static JobSpec sceneSpec(String operation, String prompt, String scene, String storyContext) {
        return new JobSpec(operation, null, prompt, null, null, json(scene), json(storyContext), null, null, null,
                null, null, null, null, null, null, null, null, null, null);
    }

    private static JsonNode json(String text) {
        try {
            return text == null ? null : JSON.readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static JobSpec.Shot shot(String camera, Double energy, String environment, String... elements) {
        return new JobSpec.Shot(camera, energy, environment, elements.length == 0 ? null : Arrays.asList(elements));
    }

    @Test
    void theSpecsPromptWinsTrimmed() {
        JobSpec spec = withShot(shot("pan left", 0.9, "harbour")).withPrompt("  Slow push-in on the lighthouse \n");
        assertThat(MotionPrompt.build(spec)).isEqualTo("Slow push-in on the lighthouse");
    }

    @Test
    void aBlankPromptCountsAsAbsent() {
        assertThat(MotionPrompt.build(withShot(shot("pan left", null, null)).withPrompt("   "))).isEqualTo("pan left");
    }

    @Test
    void allShotPartsInTheContractOrder() {
        JobSpec spec = withShot(shot("smooth pan left", 0.9, "urban environment", "neon sign", "rain", "cat"));
        assertThat(MotionPrompt.build(spec)).isEqualTo("smooth pan left, dynamic motion, urban environment, neon sign, rain");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "0.0   | slow zoom, subtle motion",
            "0.29  | slow zoom, subtle motion",
            "0.3   | slow zoom",
            "0.5   | slow zoom",
            "0.7   | slow zoom",
            "0.71  | slow zoom, dynamic motion",
            "1.0   | slow zoom, dynamic motion"})
    void energyAddsMotionOnlyStrictlyBeyondTheThresholds(double energy, String expected) {
        assertThat(MotionPrompt.build(withShot(shot("slow zoom", energy, null)))).isEqualTo(expected);
    }

    @Test
    void energyAloneIsEnough() {
        assertThat(MotionPrompt.build(withShot(shot(null, 0.1, null)))).isEqualTo("subtle motion");
    }

    @Test
    void onlyTheFirstTwoSymbolicElementsAreUsedAndBlanksAreSkipped() {
        JobSpec spec = withShot(new JobSpec.Shot(null, null, null, Arrays.asList(" ", null, "gull", " rope ", "lamp")));
        assertThat(MotionPrompt.build(spec)).isEqualTo("gull, rope");
    }

    @Test
    void withNothingToGoOnTheDefault() {
        assertThat(MotionPrompt.build(JobSpec.empty())).isEqualTo("Natural cinematic motion, smooth camera movement");
        assertThat(MotionPrompt.build(withShot(shot(" ", 0.5, "", new String[0])))).isEqualTo(MotionPrompt.DEFAULT);
        assertThat(MotionPrompt.build(withShot(new JobSpec.Shot(null, null, null, List.of())))).isEqualTo(MotionPrompt.DEFAULT);
    }

    @Test
    void sceneAnimationWritesThePromptFromSceneAndStory() {
        JobSpec spec = sceneSpec("scene-animation", null, """
                {"description": "The old sailor coils a rope on the pier.", "setting": "harbour at dawn",
                 "characters": ["captain", "gull"], "action": "he looks up at the sky", "mood": "calm",
                 "extra": {"ignored": true}}""", """
                {"genre": "drama", "tone": "hopeful", "style": "35mm film", "title": "not used"}""");
        assertThat(MotionPrompt.build(spec)).isEqualTo("The old sailor coils a rope on the pier. Setting: harbour at dawn."
                + " Characters: captain, gull. Action: he looks up at the sky. Mood: calm. Genre: drama."
                + " Tone: hopeful. Visual style: 35mm film. Natural cinematic motion, smooth camera movement.");
    }

    @Test
    void theSceneTemplateLeavesOutWhatIsMissing() {
        JobSpec spec = sceneSpec("scene-animation", null, "{\"action\": \"waves crash\", \"mood\": \"\"}", null);
        assertThat(MotionPrompt.build(spec)).isEqualTo("Action: waves crash. Natural cinematic motion, smooth camera movement.");
        JobSpec storyOnly = sceneSpec("scene-animation", null, null, "{\"genre\": \"noir\"}");
        assertThat(MotionPrompt.build(storyOnly)).isEqualTo("Genre: noir. Natural cinematic motion, smooth camera movement.");
    }

    @Test
    void aPlainTextSceneIsItsDescription() {
        JobSpec spec = sceneSpec("scene-animation", null, "\"A knight rides through fog...\"", null);
        assertThat(MotionPrompt.build(spec)).isEqualTo("A knight rides through fog. Natural cinematic motion, smooth camera movement.");
    }

    @Test
    void theSceneTemplateIsDeterministic() {
        String scene = "{\"description\": \"Rain on glass\", \"setting\": \"a cafe\"}";
        assertThat(MotionPrompt.build(sceneSpec("scene-animation", null, scene, null)))
                .isEqualTo(MotionPrompt.build(sceneSpec("scene-animation", null, scene, null)));
    }

    @Test
    void sceneAnimationWithAPromptUsesThePrompt() {
        JobSpec spec = sceneSpec("scene-animation", " camera circles the knight ", "{\"description\": \"x\"}", null);
        assertThat(MotionPrompt.build(spec)).isEqualTo("camera circles the knight");
    }

    @Test
    void sceneAnimationWithoutSceneTextFallsBackToTheShotRules() {
        JobSpec spec = sceneSpec("scene-animation", null, "{\"unknown\": 1}", "{}");
        assertThat(MotionPrompt.build(spec)).isEqualTo(MotionPrompt.DEFAULT);
    }

    @Test
    void sceneIsIgnoredForOtherOperations() {
        JobSpec spec = sceneSpec("image-to-video", null, "{\"description\": \"x\"}", null);
        assertThat(MotionPrompt.build(spec)).isEqualTo(MotionPrompt.DEFAULT);
    }

    @Test
    void nonAsciiSurvives() {
        assertThat(MotionPrompt.build(withShot(shot("travelling lent", 0.5, "港の夜明け", "ёлка"))))
                .isEqualTo("travelling lent, 港の夜明け, ёлка");
    }
}
