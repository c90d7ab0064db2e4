package io.reelroute.catalog;

import static io.reelroute.catalog.SpecBuilder.spec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import io.reelroute.error.ErrorCode;
import io.reelroute.error.ReelrouteException;
import io.reelroute.spec.JobSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every rule of the planner against the shipped catalog. Prices are in PricingTest, auto in AutoSelectionTest. */
class JobPlannerTest {

    static final Predicate<String> ALL = id -> true;
    static final InputFacts PHOTO = InputFacts.image(1920, 1080);

    private final JobPlanner planner = new JobPlanner(ModelCatalogTest.shipped());

    private PlannedJob plan(SpecBuilder spec, InputFacts facts) {
        return planner.plan(spec.build(), facts, ALL);
    }

    private ReelrouteException refusal(SpecBuilder spec, InputFacts facts) {
        return refusal(spec, facts, ALL);
    }

    private ReelrouteException refusal(SpecBuilder spec, InputFacts facts, Predicate<String> available) {
        try {
            planner.plan(spec.build(), facts, available);
        } catch (ReelrouteException e) {
            return e;
        }
        throw new AssertionError("expected the planner to refuse the spec");
    }

    // ---- operation ----

    @Test
    void anImageMakesImageToVideoAndNoImageTextToVideo() {
        assertThat(plan(spec(), PHOTO).operation()).isEqualTo("image-to-video");
        assertThat(plan(spec().image("photo.png"), InputFacts.NONE).operation()).isEqualTo("image-to-video");
        assertThat(plan(spec().prompt("a title"), InputFacts.NONE).operation()).isEqualTo("text-to-video");
    }

    @Test
    void anUnknownOperationNamesTheAllowedOnes() {
        ReelrouteException e = refusal(spec().operation("img2vid"), PHOTO);
        assertThat(e.code()).isEqualTo(ErrorCode.INVALID_INPUT);
        assertThat(e.field()).isEqualTo("operation");
        assertThat(e.getMessage()).isEqualTo("unknown operation 'img2vid': the operations are image-to-video,"
                + " text-to-video, talking-avatar, scene-animation, keyframe");
    }

    @Test
    void operationIsReadWithoutRegardToCase() {
        assertThat(plan(spec().operation(" Image-To-Video "), PHOTO).operation()).isEqualTo("image-to-video");
    }

    // ---- model ----

    @Test
    void withoutAModelTheCatalogDefaultRuns() {
        assertThat(plan(spec(), PHOTO).model().id()).isEqualTo("local-preview");
        assertThat(plan(spec().model("  "), PHOTO).model().id()).isEqualTo("local-preview");
    }

    @Test
    void anUnknownModelListsTheKnownIds() {
        ReelrouteException e = refusal(spec().model("kling-2.6-prp"), PHOTO);
        assertThat(e.code()).isEqualTo(ErrorCode.UNKNOWN_MODEL);
        assertThat(e.field()).isEqualTo("model");
        assertThat(e.getMessage()).startsWith("unknown model 'kling-2.6-prp' (did you mean 'kling-2.6-pro'?)")
                .contains("local-preview, wan-2.5, kandinsky-5-pro").endsWith("gemini-2.5-flash-image, or auto");
    }

    @Test
    void modelIdsForgiveLetterCase() {
        assertThat(plan(spec().model("WAN-2.5"), PHOTO).model().id()).isEqualTo("wan-2.5");
    }

    @Test
    void aModelWithoutTheOperationSaysWhatItSupports() {
        ReelrouteException e = refusal(spec().model("wan-2.5").operation("text-to-video"), InputFacts.NONE);
        assertThat(e.code()).isEqualTo(ErrorCode.UNSUPPORTED_PARAMETER);
        assertThat(e.field()).isEqualTo("operation");
        assertThat(e.getMessage()).isEqualTo("wan-2.5 does not take operation text-to-video: it supports"
                + " image-to-video (models that do: local-preview, sora-2, veo-3)");
    }

    // ---- inputs ----

    @ParameterizedTest
    @CsvSource({"image-to-video,image", "scene-animation,image", "talking-avatar,image"})
    void operationsThatAnimateAnImageNeedOne(String operation, String field) {
        String model = operation.equals("scene-animation") ? "kling-2.5-turbo-std" : "local-preview";
        InputFacts audioOnly = new InputFacts(false, true, false, 4.0, null, null);
        ReelrouteException e = refusal(spec().operation(operation).model(model), audioOnly);
        assertThat(e.code()).isEqualTo(ErrorCode.MISSING_INPUT);
        assertThat(e.field()).isEqualTo(field);
        assertThat(e.getMessage()).startsWith(operation + " needs an image");
    }

    @Test
    void talkingAvatarNeedsAudio() {
        ReelrouteException e = refusal(spec().operation("talking-avatar").model("infinitetalk"), PHOTO);
        assertThat(e.code()).isEqualTo(ErrorCode.MISSING_INPUT);
        assertThat(e.field()).isEqualTo("audio");
        assertThat(e.getMessage()).contains("talking-avatar needs audio");
    }

    @Test
    void talkingAvatarNeedsTheAudioLengthToPriceIt() {
        InputFacts unmeasured = new InputFacts(true, true, false, null, 512, 512);
        ReelrouteException e = refusal(spec().operation("talking-avatar").model("infinitetalk"), unmeasured);
        assertThat(e.code()).isEqualTo(ErrorCode.INVALID_INPUT);
        assertThat(e.field()).isEqualTo("audio");
    }

    @Test
    void textToVideoRefusesAnImage() {
        ReelrouteException e = refusal(spec().operation("text-to-video").image("photo.png"), InputFacts.NONE);
        assertThat(e.code()).isEqualTo(ErrorCode.UNSUPPORTED_PARAMETER);
        assertThat(e.field()).isEqualTo("image");
        assertThat(e.getMessage()).startsWith("text-to-video does not take an image");
    }

    @Test
    void keyframeWorksWithAndWithoutAnImage() {
        assertThat(plan(spec().operation("keyframe").model("gemini-2.5-flash-image"), InputFacts.NONE).operation())
                .isEqualTo("keyframe");
        assertThat(plan(spec().operation("keyframe").model("gemini-2.5-flash-image"), PHOTO).operation())
                .isEqualTo("keyframe");
    }

    @Test
    void inputsNamedOnlyByTheIntakeCount() {
        InputFacts withMask = InputFacts.imageAndAudio(512, 512, 6.0).withMaskImage();
        PlannedJob job = plan(spec().operation("talking-avatar").model("infinitetalk"), withMask);
        assertThat(job.model().id()).isEqualTo("infinitetalk");
        ReelrouteException e = refusal(spec().operation("talking-avatar").model("local-preview"), withMask);
        assertThat(e.code()).isEqualTo(ErrorCode.UNSUPPORTED_PARAMETER);
        assertThat(e.field()).isEqualTo("mask_image");
    }

    // ---- parameters ----

    @Test
    void theContractExampleMessageForAParameterTheModelDoesNotTake() {
        ReelrouteException e = refusal(spec().model("kling-2.5-turbo-std").resolution("1080p"), PHOTO);
        assertThat(e.code()).isEqualTo(ErrorCode.UNSUPPORTED_PARAMETER);
        assertThat(e.field()).isEqualTo("resolution");
        assertThat(e.getMessage()).isEqualTo("kling-2.5-turbo-std does not take resolution 1080p: its output is 720p"
                + " and follows the image; it takes duration 5 or 10, negative_prompt, guidance_scale 0-1");
    }

    @Test
    void aValueOutsideTheModelsValuesNamesWhatItTakes() {
        ReelrouteException e = refusal(spec().model("wan-2.5").duration(7), PHOTO);
        assertThat(e.code()).isEqualTo(ErrorCode.UNSUPPORTED_PARAMETER);
        assertThat(e.field()).isEqualTo("duration");
        assertThat(e.getMessage()).isEqualTo("wan-2.5 does not take duration 7: it takes duration 5 or 10");
    }

    @Test
    void aValueOutsideTheModelsRangeNamesTheRange() {
        ReelrouteException local = refusal(spec().duration(31), PHOTO);
        assertThat(local.getMessage()).isEqualTo("local-preview does not take duration 31: it takes duration 1-30");
        ReelrouteException guidance = refusal(spec().model("kling-2.5-turbo-std").guidanceScale("1.5"), PHOTO);
        assertThat(guidance.field()).isEqualTo("guidance_scale");
        assertThat(guidance.getMessage()).isEqualTo("kling-2.5-turbo-std does not take guidance_scale 1.5: it takes guidance_scale 0-1");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "seed             | kling-2.5-turbo-std | kling-2.5-turbo-std does not take seed 42; it takes duration 5 or 10",
            "guidance_scale   | wan-2.5             | wan-2.5 does not take guidance_scale 0.5; it takes duration 5 or 10, resolution 480p, 720p or 1080p",
            "generate_audio   | local-preview       | local-preview does not take generate_audio true; it takes duration 1-30, resolution 480p, 720p or 1080p, aspect 16:9, 9:16 or 1:1",
            "negative_prompt  | kandinsky-5-pro     | kandinsky-5-pro does not take negative_prompt 'blurry'; it takes duration 5, resolution 512p or 1024p",
            "prompt_expansion | veo-3.1             | veo-3.1 does not take prompt_expansion true",
            "aspect           | wan-2.5             | wan-2.5 does not take aspect vertical (9:16): its output follows the image; it takes",
            "audio            | kling-2.5-turbo-std | kling-2.5-turbo-std does not take audio 'voice.mp3'; it takes"})
    void everyOptionalFieldTheModelDoesNotTakeIsRefused(String field, String model, String message) {
        SpecBuilder spec = spec().model(model);
        switch (field) {
            case "seed" -> spec.seed(42);
            case "guidance_scale" -> spec.guidanceScale("0.5");
            case "generate_audio" -> spec.generateAudio(true);
            case "negative_prompt" -> spec.negativePrompt("blurry");
            case "prompt_expansion" -> spec.promptExpansion(true);
            case "aspect" -> spec.aspect("vertical");
            case "audio" -> spec.audio("voice.mp3");
            default -> throw new IllegalArgumentException(field);
        }
        ReelrouteException e = refusal(spec, PHOTO);
        assertThat(e.code()).isEqualTo(ErrorCode.UNSUPPORTED_PARAMETER);
        assertThat(e.field()).isEqualTo(field);
        assertThat(e.getMessage()).startsWith(message);
    }

    @Test
    void fieldsThatSteerReelrouteAreAlwaysAllowed() {
        JobSpec.Shot shot = new JobSpec.Shot("pan left", 0.5, "harbour", List.of("gull"));
        for (ModelDef model : ModelCatalogTest.shipped().all()) {
            String operation = model.operations().get(0);
            InputFacts facts = operation.equals("talking-avatar") ? InputFacts.imageAndAudio(512, 512, 5.0)
                    : operation.equals("text-to-video") || operation.equals("keyframe") ? InputFacts.NONE : PHOTO;
            PlannedJob job = plan(spec().model(model.id()).operation(operation).prompt("p").shot(shot)
                    .userId("alice").tags("a", "b").notifyUrl("https://example.org/hook"), facts);
            assertThat(job.model().id()).isEqualTo(model.id());
        }
        assertThat(SpecParameter.ALWAYS_ALLOWED).containsExactly("operation", "model", "prompt", "shot", "scene",
                "story_context", "image", "user_id", "tags", "notify_url");
    }

    @Test
    void everySpecFieldIsEitherAlwaysAllowedOrCheckedAgainstTheModel() {
        List<String> covered = new ArrayList<>(SpecParameter.ALWAYS_ALLOWED);
        covered.addAll(SpecParameter.ids());
        assertThat(covered).containsExactlyInAnyOrderElementsOf(io.reelroute.spec.SpecReader.specFieldNames());
    }

    @Test
    void defaultsAreAppliedForOnlyTheFieldsTheModelTakes() {
        PlannedJob wan = plan(spec().model("wan-2.5"), PHOTO);
        assertThat(wan.parameters()).containsExactly(entry("duration", 5), entry("resolution", "720p"),
                entry("seed", -1L), entry("prompt_expansion", false));
        PlannedJob kling = plan(spec().model("kling-2.5-turbo-std"), PHOTO);
        assertThat(kling.parameters()).containsExactly(entry("duration", 5), entry("guidance_scale", 0.5));
        PlannedJob local = plan(spec(), PHOTO);
        assertThat(local.parameters()).containsExactly(entry("duration", 5), entry("resolution", "480p"),
                entry("aspect", "16:9"));
    }

    @Test
    void givenValuesAreNormalized() {
        PlannedJob job = plan(spec().model("veo-3.1").duration("6.0").resolution("4K").aspect("Vertical")
                .seed(7).generateAudio(false).negativePrompt("  blur  "), PHOTO);
        assertThat(job.parameters()).containsExactly(entry("duration", 6), entry("resolution", "4k"),
                entry("aspect", "9:16"), entry("negative_prompt", "blur"), entry("seed", 7L),
                entry("generate_audio", false));
        assertThat(plan(spec().duration("2.5"), PHOTO).parameters().get("duration")).isEqualTo(2.5);
        assertThat(plan(spec().resolution("720P"), PHOTO).parameters().get("resolution")).isEqualTo("720p");
        assertThat(plan(spec().model("kling-2.5-turbo-std").guidanceScale("0.75"), PHOTO).parameters())
                .containsEntry("guidance_scale", 0.75);
    }

    @ParameterizedTest
    @CsvSource({"horizontal,16:9", "vertical,9:16", "square,1:1", "SQUARE,1:1", "16:9,16:9", "9 : 16,9:16"})
    void aspectWordsBecomeRatios(String written, String ratio) {
        assertThat(plan(spec().aspect(written), PHOTO).parameters().get("aspect")).isEqualTo(ratio);
    }

    @Test
    void anAspectTheModelDoesNotListIsRefused() {
        ReelrouteException e = refusal(spec().model("veo-3.1").aspect("square"), PHOTO);
        assertThat(e.field()).isEqualTo("aspect");
        assertThat(e.getMessage()).isEqualTo("veo-3.1 does not take aspect square (1:1): it takes aspect 16:9 or 9:16");
    }

    @ParameterizedTest
    @CsvSource({"1080,1920,9:16", "1920,1080,16:9", "1000,1000,1:1", "1200,1000,1:1", "800,1200,9:16"})
    void withoutAnAspectTheNearestToTheImageIsTaken(int width, int height, String expected) {
        assertThat(plan(spec(), InputFacts.image(width, height)).parameters().get("aspect")).isEqualTo(expected);
    }

    @Test
    void withoutAnAspectOrImageSizeTheModelDefaultIsTaken() {
        assertThat(plan(spec().prompt("title"), InputFacts.NONE).parameters().get("aspect")).isEqualTo("16:9");
        assertThat(plan(spec().image("photo.png"), InputFacts.NONE).parameters().get("aspect")).isEqualTo("16:9");
        // a portrait still on a model with only 16:9 and 9:16
        assertThat(plan(spec().model("sora-2"), InputFacts.image(768, 1024)).parameters().get("aspect")).isEqualTo("9:16");
    }

    @Test
    void talkingAvatarTakesItsLengthFromTheAudio() {
        InputFacts avatar = InputFacts.imageAndAudio(512, 512, 7.2);
        PlannedJob job = plan(spec().operation("talking-avatar"), avatar);
        assertThat(job.model().id()).isEqualTo("local-preview");
        assertThat(job.parameters()).doesNotContainKey("duration");
        assertThat(job.billedSeconds()).isEqualTo(8.0);
        ReelrouteException e = refusal(spec().operation("talking-avatar").duration(5), avatar);
        assertThat(e.code()).isEqualTo(ErrorCode.UNSUPPORTED_PARAMETER);
        assertThat(e.field()).isEqualTo("duration");
        assertThat(e.getMessage()).contains("the video is as long as the audio");
    }

    @Test
    void audioLongerThanTheModelTakesIsRefused() {
        ReelrouteException e = refusal(spec().operation("talking-avatar").model("infinitetalk"),
                InputFacts.imageAndAudio(512, 512, 601));
        assertThat(e.code()).isEqualTo(ErrorCode.UNSUPPORTED_PARAMETER);
        assertThat(e.field()).isEqualTo("audio");
        assertThat(e.getMessage()).contains("up to 600 s");
    }

    @Test
    void drivingAudioIsAnOptionalInputWhereTheModelTakesIt() {
        PlannedJob job = plan(spec().model("wan-2.5").audio("media/voice.mp3"), PHOTO);
        assertThat(job.parameters()).doesNotContainKey("audio");
        assertThat(job.billedSeconds()).isEqualTo(5.0);
    }

    // ---- provider availability ----

    @Test
    void anUnavailableProviderIsNamedWithItsKey() {
        ReelrouteException e = refusal(spec().model("wan-2.5"), PHOTO, id -> !id.equals("wavespeed"));
        assertThat(e.code()).isEqualTo(ErrorCode.PROVIDER_UNAVAILABLE);
        assertThat(e.field()).isEqualTo("model");
        assertThat(e.getMessage()).isEqualTo("model wan-2.5 runs on WaveSpeed, which is not available here (set WAVESPEED_API_KEY)");
        assertThat(refusal(spec().model("sora-2"), PHOTO, id -> false).getMessage())
                .isEqualTo("model sora-2 runs on KIE, which is not available here (set KIE_API_KEY)");
    }

    @Test
    void availabilityIsCheckedOnlyAfterTheSpecWasFoundValid() {
        List<String> asked = new ArrayList<>();
        Predicate<String> nothing = id -> {
            asked.add(id);
            return false;
        };
        ReelrouteException e = refusal(spec().model("wan-2.5").duration(7), PHOTO, nothing);
        assertThat(e.code()).isEqualTo(ErrorCode.UNSUPPORTED_PARAMETER);
        assertThat(refusal(spec().model("wan-2.5").operation("talking-avatar"), PHOTO, nothing).code())
                .isEqualTo(ErrorCode.UNSUPPORTED_PARAMETER);
        assertThat(refusal(spec().model("kling-2.6-pro").operation("text-to-video"), PHOTO, nothing).code())
                .isEqualTo(ErrorCode.UNSUPPORTED_PARAMETER);
        assertThat(asked).isEmpty();
        assertThat(refusal(spec().model("wan-2.5"), PHOTO, nothing).code()).isEqualTo(ErrorCode.PROVIDER_UNAVAILABLE);
        assertThat(asked).containsExactly("wavespeed");
    }

    // ---- the planned job ----

    @Test
    void thePlannedJobKnowsItsProviderEndpointAndResolution() {
        PlannedJob sora = plan(spec().model("sora-2").prompt("a cat"), InputFacts.NONE);
        assertThat(sora.operation()).isEqualTo("text-to-video");
        assertThat(sora.provider()).isEqualTo("kie");
        assertThat(sora.endpoint()).isEqualTo("sora-2-text-to-video");
        assertThat(sora.resolution()).isNull();
        PlannedJob kling = plan(spec().model("kling-2.5-turbo-std"), PHOTO);
        assertThat(kling.endpoint()).isEqualTo("kwaivgi/kling-v2.5-turbo-std/image-to-video");
        assertThat(kling.resolution()).isEqualTo("720p");
        assertThat(plan(spec().model("wan-2.5").resolution("1080p"), PHOTO).resolution()).isEqualTo("1080p");
    }

    @Test
    void planningIsAPureFunctionOfItsInputs() {
        JobSpec spec = spec().model("veo-3.1").duration(6).build();
        PlannedJob first = planner.plan(spec, PHOTO, ALL);
        PlannedJob second = planner.plan(spec, PHOTO, ALL);
        assertThat(second).isEqualTo(first);
    }
}
