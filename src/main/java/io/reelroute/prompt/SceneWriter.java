package io.reelroute.prompt;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Writes the motion prompt of a scene-animation job from its {@code scene} and {@code story_context}. The
 * enricher depends on this, not on a language model, so that it is tested without one.
 */
public interface SceneWriter {

    /**
     * @param forJob names the job in log lines (its source, e.g. inbox:hero.job.json)
     * @return the prompt and how it was written; null when neither object holds anything to write from
     */
    Written write(JsonNode scene, JsonNode storyContext, String forJob);

    /**
     * A written prompt.
     *
     * @param note  how it was written, for the job's timeline
     * @param basis what identifies it for repeats when its text does not (see {@code JobDraft#setPrompt}); null
     *              when the text does (a template gives the same text for the same scene)
     */
    record Written(String text, String note, Object basis) {
    }
}
