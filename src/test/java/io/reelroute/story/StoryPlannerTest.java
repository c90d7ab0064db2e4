package io.reelroute.story;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.reelroute.catalog.JobPlanner;
import io.reelroute.catalog.ModelCatalog;
import io.reelroute.error.ErrorCode;
import io.reelroute.error.ReelrouteException;
import io.reelroute.provider.ProviderRegistry;
import io.reelroute.spec.SpecReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A story is priced as the jobs it will run, before anything runs, and refused at the door naming the shot. */
class StoryPlannerTest {
    private static final ModelCatalog CATALOG = ModelCatalog.load(Path.of("config/models.yaml"));
    private final StoryReader reader = new StoryReader(new SpecReader());

    @Test
    void keyframesOnAPairedModelArePricedShotByShotPlusOneImageEach() {
        StoryPlan plan = planner(true).plan(story("""
                model: kling-2.6-pro
                continuity: keyframes
                shots:
                  - { prompt: "a", duration: 5, generate_audio: false }
                  - { prompt: "b", duration: 10, generate_audio: false }
                """), Map.of());
        // kling-2.6-pro without audio: $0.07/s; a gemini-2.5-flash-image keyframe: $0.039
        assertThat(plan.shots()).extracting(StoryPlan.ShotPlan::estimateUsd)
                .usingComparatorForType(java.math.BigDecimal::compareTo, java.math.BigDecimal.class)
                .containsExactly(new java.math.BigDecimal("0.35"), new java.math.BigDecimal("0.70"));
        assertThat(plan.keyframeModel()).isEqualTo("gemini-2.5-flash-image");
        assertThat(plan.estimateUsd()).isEqualByComparingTo("1.128");
        assertThat(plan.shots()).extracting(StoryPlan.ShotPlan::paired).containsExactly(true, false);
        assertThat(plan.jobCount()).isEqualTo(4);
    }

    @Test
    void withoutTheImageModelsKeyKeyframesAreOfflineAndFree() {
        StoryPlan plan = planner(false).plan(story("""
                model: kling-2.6-pro
                continuity: keyframes
                shots: [ { prompt: "a", duration: 5, generate_audio: false } ]
                """), Map.of());
        assertThat(plan.keyframeModel()).isNull();
        assertThat(plan.keyframeOffline()).contains("GEMINI_API_KEY");
        assertThat(plan.estimateUsd()).isEqualByComparingTo("0.35");
    }

    @Test
    void aFirstShotWithoutAnImageNeedsAModelThatDoesTextToVideo() {
        assertThatThrownBy(() -> planner(true).plan(story("""
                model: kling-2.6-pro
                shots: [ { prompt: "a" }, { prompt: "b" } ]
                """), Map.of()))
                .isInstanceOf(ReelrouteException.class)
                .satisfies(e -> assertThat(((ReelrouteException) e).code()).isEqualTo(ErrorCode.UNSUPPORTED_PARAMETER))
                .hasMessageStartingWith("shot s01: kling-2.6-pro does not take operation text-to-video")
                .satisfies(e -> assertThat(((ReelrouteException) e).field()).isEqualTo("shots[0].operation"));
    }

    @Test
    void laterShotsOfALastFrameStoryArePricedAsImageToVideo() {
        StoryPlan plan = planner(true).plan(story("""
                model: sora-2
                shots: [ { prompt: "a" }, { prompt: "b" } ]
                """), Map.of());
        assertThat(plan.shots()).extracting(StoryPlan.ShotPlan::operation)
                .containsExactly("text-to-video", "image-to-video");
    }

    private StorySpec story(String yaml) {
        return reader.read(yaml.getBytes(StandardCharsets.UTF_8), SpecReader.Format.YAML, "t.story.yaml");
    }

    /** @param geminiKey whether the Gemini key (the keyframe model's) is there; every other key is */
    private static StoryPlanner planner(boolean geminiKey) {
        Map<String, ProviderRegistry.Provider> providers = new java.util.LinkedHashMap<>();
        CATALOG.providers().forEach((id, def) -> providers.put(id, new ProviderRegistry.Provider(id, def.name(), true,
                def.keyEnv(), geminiKey || !id.equals("gemini"), def.concurrency())));
        return new StoryPlanner(new JobPlanner(CATALOG), new ProviderRegistry(providers));
    }
}
