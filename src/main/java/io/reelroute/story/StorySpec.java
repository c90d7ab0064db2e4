package io.reelroute.story;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import io.reelroute.spec.JobSpec;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * A story file (CONTRACT 6), as the user writes it: shots that become one finished video, with the story's
 * defaults for every shot (model, aspect, resolution), how shots follow on from each other (continuity), the
 * keyframe library, the soundtrack and the exports.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record StorySpec(
        @JsonProperty("title") String title,
        @JsonProperty("user_id") String userId,
        @JsonProperty("model") String model,
        @JsonProperty("aspect") String aspect,
        @JsonProperty("resolution") String resolution,
        @JsonProperty("continuity") String continuity,
        @JsonProperty("audio") String audio,
        @JsonProperty("keyframes") Keyframes keyframes,
        @JsonProperty("shots") List<Shot> shots,
        @JsonProperty("export") Export export) {

    /** How the keyframes of {@code continuity: keyframes} are made. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Keyframes(
            @JsonProperty("image_model") String imageModel,
            @JsonProperty("sequential") Boolean sequential,
            @JsonProperty("references") List<Reference> references,
            @JsonProperty("templates") Map<String, String> templates) {
    }

    /** A reference image of a character or place, named by shots in {@code characters}. */
    public record Reference(
            @JsonProperty("id") String id,
            @JsonProperty("path") String path,
            @JsonProperty("description") String description) {
    }

    /** One shot: the job-spec fields that make sense per shot, plus the story's own (characters, action). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Shot(
            @JsonProperty("id") String id,
            @JsonProperty("operation") String operation,
            @JsonProperty("model") String model,
            @JsonProperty("prompt") String prompt,
            @JsonProperty("negative_prompt") String negativePrompt,
            @JsonProperty("shot") JobSpec.Shot shot,
            @JsonProperty("scene") JsonNode scene,
            @JsonProperty("story_context") JsonNode storyContext,
            @JsonProperty("image") String image,
            @JsonProperty("duration") BigDecimal duration,
            @JsonProperty("resolution") String resolution,
            @JsonProperty("seed") Long seed,
            @JsonProperty("guidance_scale") BigDecimal guidanceScale,
            @JsonProperty("generate_audio") Boolean generateAudio,
            @JsonProperty("characters") List<String> characters,
            @JsonProperty("action") String action) {

        Shot withId(String newId) {
            return new Shot(newId, operation, model, prompt, negativePrompt, shot, scene, storyContext, image,
                    duration, resolution, seed, guidanceScale, generateAudio, characters, action);
        }
    }

    /** What is made besides final.mp4. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Export(
            @JsonProperty("stills_preview") Boolean stillsPreview,
            @JsonProperty("platforms") List<String> platforms) {
    }

    public enum Continuity {
        LAST_FRAME("last-frame"), KEYFRAMES("keyframes"), NONE("none");

        private final String word;

        Continuity(String word) {
            this.word = word;
        }

        public String word() {
            return word;
        }
    }

    /** The story's continuity; {@code last-frame} when the file leaves it out (the reader checks the word). */
    public Continuity continuityMode() {
        for (Continuity mode : Continuity.values()) {
            if (mode.word().equals(continuity == null ? "last-frame" : continuity)) {
                return mode;
            }
        }
        throw new IllegalStateException("unchecked continuity " + continuity);
    }

    /** The same story with its owner replaced (a story posted over HTTP belongs to the key's owner). */
    public StorySpec withUserId(String newUserId) {
        return new StorySpec(title, newUserId, model, aspect, resolution, continuity, audio, keyframes, shots, export);
    }

    /** The same story with every file it names (shot images, references, soundtrack) passed through {@code f}. */
    public StorySpec withFiles(java.util.function.UnaryOperator<String> f) {
        List<Shot> newShots = shots == null ? null : shots.stream().map(s -> new Shot(s.id(), s.operation(), s.model(),
                s.prompt(), s.negativePrompt(), s.shot(), s.scene(), s.storyContext(), s.image() == null ? null
                : f.apply(s.image()), s.duration(), s.resolution(), s.seed(), s.guidanceScale(), s.generateAudio(),
                s.characters(), s.action())).toList();
        Keyframes newKeyframes = keyframes == null || keyframes.references() == null ? keyframes
                : new Keyframes(keyframes.imageModel(), keyframes.sequential(), keyframes.references().stream()
                        .map(r -> new Reference(r.id(), r.path() == null ? null : f.apply(r.path()), r.description()))
                        .toList(), keyframes.templates());
        return new StorySpec(title, userId, model, aspect, resolution, continuity, audio == null ? null : f.apply(audio),
                newKeyframes, newShots, export);
    }

    StorySpec withShots(List<Shot> newShots) {
        return new StorySpec(title, userId, model, aspect, resolution, continuity, audio, keyframes, newShots, export);
    }
}
