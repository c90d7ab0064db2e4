package io.reelroute.quota;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.reelroute.catalog.InputFacts;
import io.reelroute.files.Hashing;
import io.reelroute.job.JobDraft;
import io.reelroute.provider.ProviderTestJobs;
import io.reelroute.spec.JobSpec;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What makes two jobs the same when prompts are written by a model and jobs carry reference images. */
class QuotaEnricherTest {
    private static final String KEYFRAME = """
            operation: keyframe
            model: gemini-2.5-flash-image
            prompt: the keeper on the coast
            """;
    private final QuotaEnricher enricher = new QuotaEnricher(null, null, null, new ObjectMapper());

    @Test
    void aWrittenPromptIsIdentifiedByWhatItWasWrittenFromNotByItsWording() {
        JobDraft first = draft(KEYFRAME);
        first.setPrompt("Slow push-in on the keeper", "written", Map.of("scene", Map.of("b", 2, "a", 1)));
        JobDraft second = draft(KEYFRAME);
        second.setPrompt("The camera creeps toward the keeper", "written", Map.of("scene", Map.of("a", 1, "b", 2)));
        JobDraft otherScene = draft(KEYFRAME);
        otherScene.setPrompt("Slow push-in on the keeper", "written", Map.of("scene", Map.of("a", 1, "b", 3)));
        JobDraft plain = draft(KEYFRAME);
        plain.setPrompt("Slow push-in on the keeper");

        assertThat(enricher.fingerprint(second)).isEqualTo(enricher.fingerprint(first));
        assertThat(enricher.fingerprint(otherScene)).isNotEqualTo(enricher.fingerprint(first));
        assertThat(enricher.fingerprint(plain)).isNotEqualTo(enricher.fingerprint(first));
    }

    @Test
    void referenceImagesArePartOfTheJobsIdentityByContentAndRole() {
        JobDraft keeperThenCoast = withReferences("story-a", "keeper", "coast");
        JobDraft sameUnderOtherNames = withReferences("story-b", "keeper", "coast");
        JobDraft swapped = withReferences("story-a", "coast", "keeper");
        JobDraft oneLess = withReferences("story-a", "keeper");

        assertThat(enricher.fingerprint(sameUnderOtherNames)).isEqualTo(enricher.fingerprint(keeperThenCoast));
        assertThat(enricher.fingerprint(swapped)).isNotEqualTo(enricher.fingerprint(keeperThenCoast));
        assertThat(enricher.fingerprint(oneLess)).isNotEqualTo(enricher.fingerprint(keeperThenCoast));
    }

    @Test
    void aJobTakesAtMostFourReferenceImages() {
        JobDraft draft = draft(KEYFRAME);
        for (int i = 1; i <= 4; i++) {
            assertThat(draft.addReference(Path.of("ref-" + i + ".png"))).isEqualTo("reference_" + i);
        }
        assertThatThrownBy(() -> draft.addReference(Path.of("ref-5.png"))).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("at most 4");
    }

    /** A keyframe draft whose references have these contents, as inspection leaves them (hashed, renamed). */
    private static JobDraft withReferences(String folder, String... contents) {
        JobDraft draft = draft(KEYFRAME);
        draft.setPrompt("the keeper on the coast");
        for (String content : contents) {
            String role = draft.addReference(Path.of(folder, content + ".png"));
            JobDraft.ResolvedInput input = draft.inputs().get(role);
            draft.inputs().put(role, new JobDraft.ResolvedInput(role, input.file(), null, input.originalName(),
                    Hashing.sha256(content)));
        }
        return draft;
    }

    private static JobDraft draft(String yaml) {
        JobDraft draft = new JobDraft("story:test", JobSpec.empty(), Path.of("."), null, "default");
        draft.setPlan(ProviderTestJobs.plan(yaml, InputFacts.NONE));
        return draft;
    }
}
