package io.reelroute.catalog;

import static io.reelroute.catalog.SpecBuilder.spec;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every model's estimate for representative jobs, checked against the prices in
 * shared/providers/PROTOCOLS.md (the comment on each line says where the number comes from).
 */
class PricingTest {

    private final JobPlanner planner = new JobPlanner(ModelCatalogTest.shipped());

    /**
     * model | duration (blank = default) | resolution (blank = default) | generate_audio (blank = default) |
     * billed seconds | USD
     */
    @ParameterizedTest(name = "{0} {1}s {2} audio={3} -> {5}")
    @CsvSource(delimiter = '|', nullValues = "", value = {
            // free offline preview
            "local-preview       |     |       |       | 5    | 0.0000",
            "local-preview       | 30  | 1080p |       | 30   | 0.0000",
            // WAN 2.5: $0.05 / 0.10 / 0.15 per second at 480p / 720p / 1080p
            "wan-2.5             |     |       |       | 5    | 0.5000",
            "wan-2.5             | 5   | 480p  |       | 5    | 0.2500",
            "wan-2.5             | 10  | 1080p |       | 10   | 1.5000",
            // Kandinsky 5 Pro: $0.20 per 5-s clip at 512p, $0.60 at 1024p
            "kandinsky-5-pro     |     |       |       | 5    | 0.2000",
            "kandinsky-5-pro     | 5   | 1024p |       | 5    | 0.6000",
            // Kling 2.5 Turbo Std: $0.21 (5 s), $0.42 (10 s) per clip
            "kling-2.5-turbo-std |     |       |       | 5    | 0.2100",
            "kling-2.5-turbo-std | 10  |       |       | 10   | 0.4200",
            // LTX-2 Pro: $0.06 / 0.12 / 0.24 per second at 1080p / 1440p / 2160p
            "ltx-2               |     |       |       | 6    | 0.3600",
            "ltx-2               | 10  | 2160p | false | 10   | 2.4000",
            "ltx-2               | 8   | 1440p |       | 8    | 0.9600",
            // Kling 2.6 Pro: $0.07/s without audio, $0.14/s with (5 s with audio = $0.70)
            "kling-2.6-pro       |     |       |       | 5    | 0.7000",
            "kling-2.6-pro       | 10  |       | false | 10   | 0.7000",
            "kling-2.6-pro       | 10  |       | true  | 10   | 1.4000",
            // Veo 3.1: $0.20/s without audio, $0.40/s with at 720p/1080p; 4k $0.40 / $0.60
            "veo-3.1             |     |       |       | 8    | 3.2000",
            "veo-3.1             | 4   | 1080p | false | 4    | 0.8000",
            "veo-3.1             | 6   | 4k    | true  | 6    | 3.6000",
            "veo-3.1             | 6   | 4k    | false | 6    | 2.4000",
            // WAN 2.6 (inferred): $0.10/s 720p, $0.15/s 1080p
            "wan-2.6             |     |       |       | 5    | 0.5000",
            "wan-2.6             | 15  | 1080p |       | 15   | 2.2500",
            // Sora 2 via KIE: 10 s = 30 credits ($0.15), 15 s = 35 credits ($0.175)
            "sora-2              |     |       |       | 10   | 0.1500",
            "sora-2              | 15  |       |       | 15   | 0.1750",
            // Veo 3 (Gemini API): $0.40/s, audio included
            "veo-3               |     |       |       | 8    | 3.2000",
            "veo-3               | 4   | 1080p |       | 4    | 1.6000"})
    void videoModels(String model, Integer duration, String resolution, Boolean generateAudio, double billed,
                     String usd) {
        SpecBuilder spec = spec().model(model);
        if (duration != null) {
            spec.duration(duration);
        }
        if (resolution != null) {
            spec.resolution(resolution);
        }
        if (generateAudio != null) {
            spec.generateAudio(generateAudio);
        }
        PlannedJob job = planner.plan(spec.build(), InputFacts.image(1280, 720), id -> true);
        assertThat(job.billedSeconds()).isEqualTo(billed);
        assertThat(job.estimateUsd()).isEqualTo(new BigDecimal(usd));
    }

    /** InfiniteTalk: $0.15 per 5 s at 480p, $0.30 at 720p, on audio seconds rounded up, at least 3 s. */
    @ParameterizedTest(name = "{0} {1}s audio -> {2}s, {3}")
    @CsvSource(delimiter = '|', value = {
            "480p | 7.2   | 8   | 0.2400",
            "480p | 10    | 10  | 0.3000",
            "720p | 5     | 5   | 0.3000",
            "720p | 2.1   | 3   | 0.1800",
            "480p | 0.4   | 3   | 0.0900",
            "720p | 600   | 600 | 36.0000"})
    void infiniteTalkBillsAudioSeconds(String resolution, double audioSeconds, double billed, String usd) {
        PlannedJob job = planner.plan(spec().operation("talking-avatar").model("infinitetalk").resolution(resolution)
                .build(), InputFacts.imageAndAudio(720, 720, audioSeconds), id -> true);
        assertThat(job.billedSeconds()).isEqualTo(billed);
        assertThat(job.estimateUsd()).isEqualTo(new BigDecimal(usd));
    }

    @Test
    void infiniteTalkDefaultsToTheCheaper480p() {
        PlannedJob job = planner.plan(spec().operation("talking-avatar").model("infinitetalk").build(),
                InputFacts.imageAndAudio(720, 720, 5), id -> true);
        assertThat(job.parameters()).containsEntry("resolution", "480p");
        assertThat(job.estimateUsd()).isEqualTo(new BigDecimal("0.1500"));
    }

    @Test
    void localTalkingAvatarIsFreeAndBillsTheRoundedAudio() {
        PlannedJob job = planner.plan(spec().operation("talking-avatar").build(),
                InputFacts.imageAndAudio(720, 720, 12.01), id -> true);
        assertThat(job.billedSeconds()).isEqualTo(13.0);
        assertThat(job.estimateUsd()).isEqualTo(new BigDecimal("0.0000"));
    }

    @Test
    void geminiImageIsPricedPerImage() {
        PlannedJob job = planner.plan(spec().operation("keyframe").model("gemini-2.5-flash-image").aspect("9:16")
                .build(), InputFacts.NONE, id -> true);
        assertThat(job.billedSeconds()).isZero();
        assertThat(job.estimateUsd()).isEqualTo(new BigDecimal("0.0390"));
        assertThat(job.parameters()).containsEntry("aspect", "9:16");
    }

    @Test
    void fractionalSecondsArePricedExactlyAndRoundedHalfUp() {
        String yaml = """
                defaults: { model: m }
                providers: { local: {} }
                models:
                  - id: m
                    provider: local
                    operations: [image-to-video]
                    endpoint: e
                    parameters: { duration: { min: 1, max: 30, default: 5 } }
                    pricing: [ { per_second: 0.033 } ]
                """;
        JobPlanner small = new JobPlanner(ModelCatalog.parse(yaml, "test.yaml"));
        PlannedJob job = small.plan(spec().duration("2.5").build(), InputFacts.image(10, 10), id -> true);
        assertThat(job.billedSeconds()).isEqualTo(2.5);
        // 2.5 x 0.033 = 0.0825 exactly: half-up gives 0.0825; 1.25 x 0.033 = 0.04125 -> 0.0413
        assertThat(job.estimateUsd()).isEqualTo(new BigDecimal("0.0825"));
        assertThat(small.plan(spec().duration("1.25").build(), InputFacts.image(10, 10), id -> true).estimateUsd())
                .isEqualTo(new BigDecimal("0.0413"));
    }

    @Test
    void priceRulesMatchInOrderOnOperationToo() {
        String yaml = """
                defaults: { model: m }
                providers: { local: {} }
                models:
                  - id: m
                    provider: local
                    operations: [image-to-video, text-to-video]
                    endpoint: e
                    parameters: { duration: { values: [5, 10], default: 5 } }
                    pricing:
                      - { when: { operation: text-to-video, duration: 10 }, per_clip: 1 }
                      - { when: { operation: text-to-video }, per_second: 0.05 }
                      - { per_clip: 0.5 }
                """;
        JobPlanner small = new JobPlanner(ModelCatalog.parse(yaml, "test.yaml"));
        assertThat(small.plan(spec().duration(10).build(), InputFacts.NONE, id -> true).estimateUsd())
                .isEqualTo(new BigDecimal("1.0000"));
        assertThat(small.plan(spec().build(), InputFacts.NONE, id -> true).estimateUsd())
                .isEqualTo(new BigDecimal("0.2500"));
        assertThat(small.plan(spec().duration(10).build(), InputFacts.image(10, 10), id -> true).estimateUsd())
                .isEqualTo(new BigDecimal("0.5000"));
    }
}
