package io.reelroute.prompt;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.reelroute.job.JobDraft;
import io.reelroute.spec.JobSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which jobs have their prompt written from the scene, and what the draft keeps of it. */
class PromptEnricherTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SCENE = "\"scene\": {\"description\": \"A fox runs through snow\"},"
            + " \"story_context\": {\"tone\": \"hopeful\"}";

    private final List<String> asked = new ArrayList<>();
    private final SceneWriter.Written written = new SceneWriter.Written("Tracking shot of the fox, snow flying",
            "scene prompt written by gemini-2.5-flash", Map.of("written_by", "gemini-2.5-flash"));
    private final PromptEnricher enricher = new PromptEnricher((scene, story, forJob) -> {
        asked.add(scene.path("description").asText() + " / " + story.path("tone").asText() + " / " + forJob);
        return written;
    });

    @Test
    void aSceneAnimationWithoutAPromptGetsTheWrittenPrompt() {
        JobDraft draft = enricher.enrich(draft("{\"operation\": \" Scene-Animation \", " + SCENE + "}"));

        assertThat(asked).containsExactly("A fox runs through snow / hopeful / inbox:fox.job.json");
        assertThat(draft.prompt()).isEqualTo("Tracking shot of the fox, snow flying");
        assertThat(draft.promptNote()).isEqualTo("scene prompt written by gemini-2.5-flash");
        assertThat(draft.promptIdentity()).isEqualTo(Map.of("written_by", "gemini-2.5-flash"));
    }

    @Test
    void theUsersPromptIsNeverRewritten() {
        JobDraft draft = enricher.enrich(draft("{\"operation\": \"scene-animation\", \"prompt\": \" slow pan \", "
                + SCENE + "}"));

        assertThat(asked).isEmpty();
        assertThat(draft.prompt()).isEqualTo("slow pan");
        assertThat(draft.promptNote()).isNull();
        assertThat(draft.promptIdentity()).isEqualTo("slow pan");
    }

    @Test
    void otherOperationsKeepTheDeterministicPrompt() {
        JobDraft draft = enricher.enrich(draft("{\"operation\": \"image-to-video\", " + SCENE
                + ", \"shot\": {\"camera_language\": \"pan left\"}}"));

        assertThat(asked).isEmpty();
        assertThat(draft.prompt()).isEqualTo("pan left");
    }

    @Test
    void whenTheWriterHasNothingToWriteFromTheShotRulesApply() {
        PromptEnricher nothing = new PromptEnricher((scene, story, forJob) -> null);

        JobDraft draft = nothing.enrich(draft("{\"operation\": \"scene-animation\"}"));

        assertThat(draft.prompt()).isEqualTo(MotionPrompt.DEFAULT);
        assertThat(draft.promptNote()).isNull();
    }

    private static JobDraft draft(String spec) {
        try {
            return new JobDraft("inbox:fox.job.json", JSON.readValue(spec, JobSpec.class), Path.of("."), null,
                    "default");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
