package io.reelroute.story;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.reelroute.error.ErrorCode;
import io.reelroute.error.ReelrouteException;
import io.reelroute.spec.JobSpec;
import io.reelroute.spec.SpecReader;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class StoryReaderTest {
    private final StoryReader reader = new StoryReader(new SpecReader());

    /** The example of CONTRACT 6, as written there. */
    private static final String CONTRACT_EXAMPLE = """
            title: Harbour at dawn
            user_id: alice
            model: kling-2.6-pro          # default for every shot
            aspect: horizontal
            continuity: last-frame        # last-frame | keyframes | none
            audio: soundtrack.mp3         # optional, mixed under the final cut
            keyframes:                    # used when continuity is keyframes
              image_model: gemini-2.5-flash-image
              sequential: true            # each keyframe edits the previous one
              references:
                - { id: captain, path: refs/captain.png, description: "old sailor, grey beard, yellow coat" }
              templates:
                character_action: "Image of {character}: {action}"
            shots:
              - { id: s01, prompt: "Wide shot of the harbour as the sun rises", duration: 5 }
              - { id: s02, shot: { camera_language: "slow push-in", energy: 0.4 }, characters: [captain], action: "coils a rope" }
            export: { stills_preview: true, platforms: ["16:9", "9:16"] }
            """;

    private StorySpec read(String yaml) {
        return reader.read(yaml.getBytes(StandardCharsets.UTF_8), SpecReader.Format.YAML, "harbour.story.yaml");
    }

    private ReelrouteException refused(String yaml) {
        return catchThrowableOfType(ReelrouteException.class, () -> read(yaml));
    }

    @Test
    void theContractsExampleReads() {
        StorySpec story = read(CONTRACT_EXAMPLE);
        assertThat(story.title()).isEqualTo("Harbour at dawn");
        assertThat(story.continuityMode()).isEqualTo(StorySpec.Continuity.LAST_FRAME);
        assertThat(story.shots()).extracting(StorySpec.Shot::id).containsExactly("s01", "s02");
        assertThat(story.shots().get(1).characters()).containsExactly("captain");
        assertThat(story.keyframes().templates()).containsEntry("character_action", "Image of {character}: {action}");
        assertThat(story.export().platforms()).containsExactly("16:9", "9:16");
    }

    @Test
    void eachShotIsAJobSpecWithTheStorysDefaults() {
        StorySpec story = read(CONTRACT_EXAMPLE);
        JobSpec first = StoryShots.toJobSpec(story, story.shots().get(0), null);
        assertThat(first.model()).isEqualTo("kling-2.6-pro");
        assertThat(first.aspect()).isEqualTo("horizontal");
        assertThat(first.userId()).isEqualTo("alice");
        assertThat(first.duration()).isEqualByComparingTo("5");
        assertThat(first.image()).isNull();
        JobSpec second = StoryShots.toJobSpec(story, story.shots().get(1), "frames/s01-last.png");
        assertThat(second.image()).isEqualTo("frames/s01-last.png");
        assertThat(second.shot().cameraLanguage()).isEqualTo("slow push-in");
    }

    @Test
    void shotsWithoutIdsAreNumberedAndDuplicatesRefused() {
        StorySpec story = read("shots:\n  - { prompt: a }\n  - { prompt: b }\n");
        assertThat(story.shots()).extracting(StorySpec.Shot::id).containsExactly("s01", "s02");
        assertThat(story.continuityMode()).isEqualTo(StorySpec.Continuity.LAST_FRAME);

        ReelrouteException e = refused("shots:\n  - { id: a, prompt: x }\n  - { id: a, prompt: y }\n");
        assertThat(e.field()).isEqualTo("shots[1].id");
        assertThat(e).hasMessageContaining("'a'");
    }

    @Test
    void aStoryWithoutShotsIsRefused() {
        ReelrouteException e = refused("title: empty\nshots: []\n");
        assertThat(e.code()).isEqualTo(ErrorCode.INVALID_INPUT);
        assertThat(e.field()).isEqualTo("shots");
    }

    @Test
    void anUnknownContinuityIsRefusedNamingTheChoices() {
        ReelrouteException e = refused("continuity: magic\nshots:\n  - { prompt: x }\n");
        assertThat(e.field()).isEqualTo("continuity");
        assertThat(e).hasMessageContaining("last-frame, keyframes or none");
    }

    @Test
    void aCharacterNotInTheLibraryIsRefused() {
        ReelrouteException e = refused("shots:\n  - { prompt: x, characters: [pirate] }\n");
        assertThat(e.field()).isEqualTo("shots[0].characters");
        assertThat(e).hasMessageContaining("pirate").hasMessageContaining("none");
    }

    @Test
    void anUnknownPlatformIsRefused() {
        ReelrouteException e = refused("shots:\n  - { prompt: x }\nexport: { platforms: [\"4:3\"] }\n");
        assertThat(e.field()).isEqualTo("export.platforms");
    }

    @Test
    void unknownFieldsAreRefusedAsInJobSpecsWithASuggestion() {
        ReelrouteException e = refused("shots:\n  - { prompt: x, durration: 5 }\n");
        assertThat(e.code()).isEqualTo(ErrorCode.UNKNOWN_FIELD);
        assertThat(e).hasMessageContaining("duration");
    }

    @Test
    void aShotsEnergyOutOfRangeIsRefused() {
        ReelrouteException e = refused("shots:\n  - { shot: { energy: 1.5 } }\n");
        assertThat(e.field()).isEqualTo("shot.energy");
    }

    @Test
    void aShotIdThatCouldNotNameAFileIsRefused() {
        ReelrouteException e = refused("shots:\n  - { id: \"../escape\", prompt: x }\n");
        assertThat(e.field()).isEqualTo("shots[0].id");
    }
}
