package io.reelroute.story;

import static org.assertj.core.api.Assertions.assertThat;

import io.reelroute.spec.JobSpec;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StoryKeyframesTest {
    private static final StorySpec.Reference CAPTAIN = new StorySpec.Reference("captain", "refs/c.png",
            "old sailor, grey beard");
    private static final StorySpec.Reference BOAT = new StorySpec.Reference("boat", "refs/b.png", null);

    @Test
    void theCharacterActionTemplateGetsTheDescriptionsAndTheAction() {
        StorySpec story = story(Map.of("character_action", "Image of {character}: {action}", "shot", "Wide: {prompt}"));
        assertThat(StoryKeyframes.prompt(story, shot(List.of("captain", "boat"), "coils a rope", null), false))
                .isEqualTo("Image of old sailor, grey beard and boat: coils a rope");
        assertThat(StoryKeyframes.prompt(story, shot(null, null, "The harbour at dawn"), false))
                .as("a shot without characters takes the shot template").isEqualTo("Wide: The harbour at dawn");
    }

    @Test
    void editingThePreviousKeyframeAsksToKeepWhatItShows() {
        StorySpec story = story(Map.of());
        assertThat(StoryKeyframes.prompt(story, shot(List.of("captain"), "waves", null), true))
                .isEqualTo("old sailor, grey beard: waves. " + StoryKeyframes.KEEP_PREVIOUS);
    }

    @Test
    void unknownPlaceholdersAreFound() {
        assertThat(StoryKeyframes.unknownPlaceholders("{character} {mood} {action} {weather}"))
                .containsExactly("mood", "weather");
    }

    @Test
    void aShotWithAnActionIsPromptedWithWhoWhatAndTheCameraWords() {
        StorySpec.Shot shot = new StorySpec.Shot("s02", null, null, null, null,
                new JobSpec.Shot("slow push-in", 0.4, null, null), null, null, null, null, null, null, null, null,
                List.of("captain"), "coils a rope");
        assertThat(StoryShots.prompt(story(Map.of()), shot)).isEqualTo("old sailor, grey beard: coils a rope, slow push-in");
    }

    private static StorySpec story(Map<String, String> templates) {
        return new StorySpec("Harbour", null, null, null, null, "keyframes", null,
                new StorySpec.Keyframes(null, true, List.of(CAPTAIN, BOAT), templates), List.of(), null);
    }

    private static StorySpec.Shot shot(List<String> characters, String action, String prompt) {
        return new StorySpec.Shot("s01", null, null, prompt, null, null, null, null, null, null, null, null, null,
                null, characters, action);
    }
}
