package io.reelroute.catalog;

import static io.reelroute.catalog.SpecBuilder.spec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.reelroute.error.ErrorCode;
import io.reelroute.error.ReelrouteException;
import java.math.BigDecimal;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/** {@code model: auto}: the cheapest available model that supports the operation and every given field. */
class AutoSelectionTest {

    private static final InputFacts PHOTO = InputFacts.image(1920, 1080);
    private static final Predicate<String> ALL = id -> true;

    private final JobPlanner planner = new JobPlanner(ModelCatalogTest.shipped());

    private static Predicate<String> only(String... providers) {
        return Set.of(providers)::contains;
    }

    private PlannedJob auto(SpecBuilder spec, InputFacts facts, Predicate<String> available) {
        return planner.plan(spec.model("auto").build(), facts, available);
    }

    @Test
    void withoutKeysTheFreePreviewIsTheCheapest() {
        assertThat(auto(spec(), PHOTO, only("local")).model().id()).isEqualTo("local-preview");
        assertThat(auto(spec().duration(10).resolution("1080p"), PHOTO, ALL).model().id()).isEqualTo("local-preview");
    }

    @Test
    void aFieldOnlySomeModelsTakeNarrowsTheChoice() {
        // generate_audio: ltx-2 6 s at 1080p ($0.36) beats kling-2.6-pro ($0.70) and veo-3.1 ($3.20)
        PlannedJob job = auto(spec().generateAudio(true), PHOTO, ALL);
        assertThat(job.model().id()).isEqualTo("ltx-2");
        assertThat(job.estimateUsd()).isEqualTo(new BigDecimal("0.3600"));
        // guidance_scale: only kling-2.5-turbo-std
        assertThat(auto(spec().guidanceScale("0.3"), PHOTO, ALL).model().id()).isEqualTo("kling-2.5-turbo-std");
        // negative_prompt, 10 s: kling-2.5 $0.42 < wan-2.5 / wan-2.6 $1.00 < kling-2.6-pro $1.40
        assertThat(auto(spec().negativePrompt("blur").duration(10), PHOTO, ALL).model().id())
                .isEqualTo("kling-2.5-turbo-std");
    }

    @Test
    void unavailableProvidersAreSkipped() {
        // negative_prompt at 1080p without WaveSpeed: wan-2.6 5 s at 1080p ($0.75) beats veo-3.1 and veo-3 ($3.20)
        PlannedJob job = auto(spec().negativePrompt("blur").resolution("1080p"), PHOTO, only("local", "fal", "gemini"));
        assertThat(job.model().id()).isEqualTo("wan-2.6");
        assertThat(job.estimateUsd()).isEqualTo(new BigDecimal("0.7500"));
    }

    @Test
    void textToVideoWithoutThePreview() {
        Predicate<String> noLocal = id -> !id.equals("local");
        PlannedJob job = auto(spec().prompt("a cat").duration(15), InputFacts.NONE, noLocal);
        assertThat(job.model().id()).isEqualTo("sora-2");
        assertThat(job.endpoint()).isEqualTo("sora-2-text-to-video");
    }

    @Test
    void talkingAvatarAndKeyframeAndSceneAnimation() {
        Predicate<String> noLocal = id -> !id.equals("local");
        InputFacts avatar = InputFacts.imageAndAudio(512, 512, 9.5);
        assertThat(auto(spec().operation("talking-avatar"), avatar, ALL).model().id()).isEqualTo("local-preview");
        PlannedJob talk = auto(spec().operation("talking-avatar").resolution("720p"), avatar, noLocal);
        assertThat(talk.model().id()).isEqualTo("infinitetalk");
        assertThat(talk.estimateUsd()).isEqualTo(new BigDecimal("0.6000"));
        assertThat(auto(spec().operation("keyframe"), InputFacts.NONE, ALL).model().id())
                .isEqualTo("gemini-2.5-flash-image");
        assertThat(auto(spec().operation("scene-animation"), PHOTO, ALL).model().id()).isEqualTo("kling-2.5-turbo-std");
    }

    @Test
    void whenNothingFitsTheReasonsAreGiven() {
        assertThatThrownBy(() -> auto(spec().generateAudio(true), PHOTO, only("local", "wavespeed")))
                .isInstanceOfSatisfying(ReelrouteException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.PROVIDER_UNAVAILABLE);
                    assertThat(e.field()).isEqualTo("model");
                    assertThat(e.getMessage())
                            .startsWith("model auto found no model that can run this image-to-video job here: ")
                            .contains("local-preview does not take generate_audio true")
                            .contains("model ltx-2 runs on fal.ai, which is not available here (set FAL_KEY)")
                            .contains("wan-2.5 does not take generate_audio");
                });
        assertThatThrownBy(() -> auto(spec().operation("keyframe"), InputFacts.NONE, only("local")))
                .isInstanceOfSatisfying(ReelrouteException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.PROVIDER_UNAVAILABLE);
                    assertThat(e.getMessage()).contains("set GEMINI_API_KEY");
                });
    }

    @Test
    void inputsAreCheckedBeforeChoosing() {
        assertThatThrownBy(() -> auto(spec().operation("talking-avatar"), PHOTO, ALL))
                .isInstanceOfSatisfying(ReelrouteException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.MISSING_INPUT));
    }

    private static final String TIES = """
            defaults: { model: auto }
            providers: { local: {}, fal: { name: fal.ai, key_env: FAL_KEY } }
            models:
              - id: first
                provider: fal
                operations: [image-to-video]
                endpoint: a
                parameters: { duration: { values: [5], default: 5 } }
                pricing: [ { per_second: 0.1 } ]
                request: { image: image_url, prompt: prompt, duration: duration }
              - id: second
                provider: fal
                operations: [image-to-video]
                endpoint: b
                parameters: { duration: { values: [5], default: 5 } }
                pricing: [ { per_clip: 0.5 } ]
                request: { image: image_url, prompt: prompt, duration: duration }
              - id: free-but-excluded
                provider: local
                auto: false
                operations: [image-to-video]
                endpoint: c
                pricing: [ { per_second: 0 } ]
            """;

    @Test
    void tiesGoToTheEarlierModelAndExcludedModelsAreNeverChosen() {
        JobPlanner small = new JobPlanner(ModelCatalog.parse(TIES, "ties.yaml"));
        PlannedJob job = small.plan(spec().build(), PHOTO, ALL);   // defaults.model is auto
        assertThat(job.model().id()).isEqualTo("first");
        assertThat(job.estimateUsd()).isEqualTo(new BigDecimal("0.5000"));
        PlannedJob reordered = new JobPlanner(ModelCatalog.parse(TIES.replace("id: first", "id: tmp")
                .replace("id: second", "id: first").replace("id: tmp", "id: second"), "ties.yaml"))
                .plan(spec().build(), PHOTO, ALL);
        assertThat(reordered.model().id()).isEqualTo("second");
        // an excluded model can still be asked for by name
        assertThat(small.plan(spec().model("free-but-excluded").build(), PHOTO, ALL).estimateUsd())
                .isEqualTo(new BigDecimal("0.0000"));
    }
}
