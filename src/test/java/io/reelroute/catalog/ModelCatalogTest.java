package io.reelroute.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shipped config/models.yaml loads and says what CONTRACT section 5 and PROTOCOLS.md say. */
class ModelCatalogTest {

    static final Path MODELS_YAML = Path.of("config", "models.yaml");

    static ModelCatalog shipped() {
        return ModelCatalog.load(MODELS_YAML);
    }

    private final ModelCatalog catalog = shipped();

    @Test
    void holdsTheContractModelsInOrder() {
        assertThat(catalog.ids()).containsExactly("local-preview", "wan-2.5", "kandinsky-5-pro",
                "kling-2.5-turbo-std", "infinitetalk", "ltx-2", "kling-2.6-pro", "veo-3.1", "wan-2.6", "sora-2",
                "veo-3", "gemini-2.5-flash-image");
    }

    @Test
    void defaultsAreTheOfflinePreviewAndTheContractOperations() {
        assertThat(catalog.defaults().model()).isEqualTo("local-preview");
        assertThat(catalog.defaults().operationWithImage()).isEqualTo("image-to-video");
        assertThat(catalog.defaults().operationWithoutImage()).isEqualTo("text-to-video");
        assertThat(catalog.defaults().poll().intervalSeconds()).isPositive();
    }

    @Test
    void providersAreTheFiveWithTheirKeysAndAConcurrencyOfTwo() {
        assertThat(catalog.providers()).containsOnlyKeys("local", "wavespeed", "fal", "kie", "gemini");
        assertThat(catalog.provider("wavespeed").orElseThrow().keyEnv()).isEqualTo("WAVESPEED_API_KEY");
        assertThat(catalog.provider("fal").orElseThrow().keyEnv()).isEqualTo("FAL_KEY");
        assertThat(catalog.provider("kie").orElseThrow().keyEnv()).isEqualTo("KIE_API_KEY");
        assertThat(catalog.provider("gemini").orElseThrow().keyEnv()).isEqualTo("GEMINI_API_KEY");
        assertThat(catalog.provider("local").orElseThrow().keyEnv()).isNull();
        catalog.providers().values().forEach(p -> assertThat(p.concurrency()).as(p.id()).isEqualTo(2));
    }

    @Test
    void everyModelHasSaneContent() {
        for (ModelDef model : catalog.all()) {
            String id = model.id();
            assertThat(model.description()).as(id).isNotBlank();
            assertThat(model.operations()).as(id).isNotEmpty();
            model.operations().forEach(op -> {
                assertThat(Operation.fromId(op)).as(id + " " + op).isPresent();
                assertThat(model.endpointFor(op)).as(id + " endpoint for " + op).isPresent();
            });
            assertThat(model.pricing()).as(id).isNotEmpty();
            assertThat(model.poll().interval()).as(id).isPositive();
            assertThat(model.poll().timeout()).as(id).isGreaterThanOrEqualTo(model.poll().interval());
            assertThat(model.poll().timeout().toSeconds()).as(id + " timeout").isBetween(60L, 3600L);
            model.parameters().forEach((name, rule) -> {
                assertThat(SpecParameter.fromId(name)).as(id + " " + name).isPresent();
                if (rule.defaultValue() != null) {
                    assertThat(rule.accept(rule.defaultValue())).as(id + " default of " + name).isPresent();
                }
            });
            if (!model.provider().equals("local")) {
                assertThat(model.request().fields()).as(id + " request").containsKeys("prompt");
                model.parameters().keySet().forEach(name ->
                        assertThat(model.request().fields()).as(id + " maps " + name).containsKey(name));
            }
            if (model.operations().stream().anyMatch(op -> !op.equals("keyframe"))) {
                assertThat(model.longestDurationSeconds()).as(id + " longest").isPresent();
            }
        }
    }

    @Test
    void operationsFollowTheContractTable() {
        assertThat(model("local-preview").operations()).containsExactly("image-to-video", "text-to-video", "talking-avatar");
        assertThat(model("kling-2.5-turbo-std").operations()).containsExactly("image-to-video", "scene-animation");
        assertThat(model("infinitetalk").operations()).containsExactly("talking-avatar");
        assertThat(model("sora-2").operations()).containsExactly("image-to-video", "text-to-video");
        assertThat(model("veo-3").operations()).containsExactly("image-to-video", "text-to-video");
        assertThat(model("gemini-2.5-flash-image").operations()).containsExactly("keyframe");
        for (String id : List.of("wan-2.5", "kandinsky-5-pro", "ltx-2", "kling-2.6-pro", "veo-3.1", "wan-2.6")) {
            assertThat(model(id).operations()).as(id).containsExactly("image-to-video");
        }
    }

    @Test
    void endpointsAreTheProviderIds() {
        assertThat(model("wan-2.5").endpointFor("image-to-video")).contains("alibaba/wan-2.5/image-to-video");
        assertThat(model("kandinsky-5-pro").endpointFor("image-to-video")).contains("wavespeed-ai/kandinsky5-pro/image-to-video");
        assertThat(model("kling-2.5-turbo-std").endpointFor("scene-animation")).contains("kwaivgi/kling-v2.5-turbo-std/image-to-video");
        assertThat(model("infinitetalk").endpointFor("talking-avatar")).contains("wavespeed-ai/infinitetalk");
        assertThat(model("ltx-2").endpointFor("image-to-video")).contains("fal-ai/ltx-2/image-to-video");
        assertThat(model("kling-2.6-pro").endpointFor("image-to-video")).contains("fal-ai/kling-video/v2.6/pro/image-to-video");
        assertThat(model("veo-3.1").endpointFor("image-to-video")).contains("fal-ai/veo3.1/image-to-video");
        assertThat(model("wan-2.6").endpointFor("image-to-video")).contains("wan/v2.6/image-to-video");
        assertThat(model("sora-2").endpointFor("image-to-video")).contains("sora-2-image-to-video");
        assertThat(model("sora-2").endpointFor("text-to-video")).contains("sora-2-text-to-video");
        assertThat(model("gemini-2.5-flash-image").endpointFor("keyframe")).contains("gemini-2.5-flash-image");
        assertThat(model("wan-2.5").endpointFor("text-to-video")).isEmpty();
    }

    @Test
    void localPreviewIsTheFreeOfflineDefault() {
        ModelDef local = model("local-preview");
        assertThat(local.provider()).isEqualTo("local");
        assertThat(local.providerAccount().name()).isEqualTo("the built-in renderer");
        assertThat(local.rule("duration").orElseThrow().min()).isEqualByComparingTo("1");
        assertThat(local.rule("duration").orElseThrow().max()).isEqualByComparingTo("30");
        assertThat(local.rule("duration").orElseThrow().defaultValue()).isEqualTo(new BigDecimal("5"));
        assertThat(local.rule("resolution").orElseThrow().values()).containsExactly("480p", "720p", "1080p");
        assertThat(local.rule("resolution").orElseThrow().defaultValue()).isEqualTo("480p");
        assertThat(local.rule("aspect").orElseThrow().values()).containsExactly("16:9", "9:16", "1:1");
        assertThat(local.pricing()).singleElement().satisfies(rule -> assertThat(rule.perSecond()).isZero());
    }

    @Test
    void parametersFollowProtocols() {
        assertThat(model("wan-2.5").parameters()).containsOnlyKeys("duration", "resolution", "negative_prompt",
                "seed", "prompt_expansion", "audio");
        assertThat(model("kling-2.5-turbo-std").parameters()).containsOnlyKeys("duration", "negative_prompt", "guidance_scale");
        assertThat(model("kling-2.5-turbo-std").rule("guidance_scale").orElseThrow().max()).isEqualByComparingTo("1");
        assertThat(model("infinitetalk").parameters()).containsOnlyKeys("resolution", "seed", "mask_image");
        assertThat(model("kling-2.6-pro").parameters()).containsOnlyKeys("duration", "negative_prompt", "generate_audio");
        assertThat(model("veo-3").parameters()).doesNotContainKeys("seed", "generate_audio");
        assertThat(model("veo-3.1").rule("duration").orElseThrow().values())
                .containsExactly(new BigDecimal("4"), new BigDecimal("6"), new BigDecimal("8"));
        assertThat(model("sora-2").rule("duration").orElseThrow().values())
                .containsExactly(new BigDecimal("10"), new BigDecimal("15"));
        assertThat(model("kling-2.5-turbo-std").output().resolution()).isEqualTo("720p");
        assertThat(model("kling-2.5-turbo-std").output().aspectFromImage()).isTrue();
    }

    @Test
    void capabilitiesForStories() {
        assertThat(catalog.all().stream().filter(m -> m.capabilities().firstLastFrame()).map(ModelDef::id))
                .containsExactly("kling-2.6-pro");
        assertThat(model("wan-2.6").longestDurationSeconds()).contains(new BigDecimal("15"));
        assertThat(model("local-preview").longestDurationSeconds()).contains(new BigDecimal("30"));
        assertThat(model("infinitetalk").longestDurationSeconds()).contains(new BigDecimal("600"));
        assertThat(model("gemini-2.5-flash-image").longestDurationSeconds()).isEmpty();
        assertThat(model("sora-2").capabilities().needsPublicImageUrl()).isTrue();
        assertThat(model("gemini-2.5-flash-image").capabilities().synchronous()).isTrue();
    }

    @Test
    void pollCadenceFollowsProtocols() {
        assertThat(model("kling-2.5-turbo-std").poll().interval().toSeconds()).isBetween(1L, 2L);
        assertThat(model("kling-2.5-turbo-std").poll().timeout().toSeconds()).isGreaterThanOrEqualTo(240);
        assertThat(model("infinitetalk").poll().timeout().toSeconds()).isEqualTo(600);
        assertThat(model("veo-3").poll().interval().toSeconds()).isBetween(5L, 10L);
        assertThat(model("veo-3.1").poll().interval().toSeconds()).isBetween(5L, 10L);
    }

    @Test
    void requestMappingsCarryTheProvidersNamesAndForms() {
        assertThat(model("wan-2.5").request().field("prompt_expansion").orElseThrow().name()).isEqualTo("enable_prompt_expansion");
        assertThat(model("kling-2.6-pro").request().field("image").orElseThrow().name()).isEqualTo("start_image_url");
        assertThat(model("kling-2.6-pro").request().field("end_image").orElseThrow().name()).isEqualTo("end_image_url");
        assertThat(model("kling-2.6-pro").request().field("duration").orElseThrow().write(5)).isEqualTo("5");
        assertThat(model("veo-3.1").request().field("duration").orElseThrow().write(8)).isEqualTo("8s");
        assertThat(model("wan-2.5").request().field("duration").orElseThrow().write(new BigDecimal("5.0"))).isEqualTo(5L);
        FieldMapping soraImage = model("sora-2").request().field("image").orElseThrow();
        assertThat(soraImage.name()).isEqualTo("image_urls");
        assertThat(soraImage.write("https://x/a.png")).isEqualTo(List.of("https://x/a.png"));
        assertThat(model("sora-2").request().field("duration").orElseThrow().name()).isEqualTo("n_frames");
        assertThat(model("sora-2").request().field("aspect").orElseThrow().write("9:16")).isEqualTo("portrait");
        assertThat(model("sora-2").request().field("aspect").orElseThrow().write("16:9")).isEqualTo("landscape");
        assertThat(model("sora-2").request().constants()).containsEntry("remove_watermark", true);
        assertThat(model("veo-3").request().field("duration").orElseThrow().name()).isEqualTo("parameters.durationSeconds");
        assertThat(model("local-preview").request()).isEqualTo(RequestMapping.NONE);
    }

    @Test
    void theCatalogSerializesForTheModelsEndpoint() throws Exception {
        String json = new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(catalog.all());
        assertThat(json).contains("\"id\":\"kling-2.6-pro\"").contains("\"per_second\":0.14")
                .contains("\"form\":\"seconds-suffix\"").contains("\"first_last_frame\":true")
                .contains("\"key_env\":\"FAL_KEY\"").contains("\"provider\":\"fal\"");
        assertThatThrownBy(() -> catalog.all().get(0).parameters().put("seed", ParameterRule.ANY))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void findForgivesLetterCase() {
        assertThat(catalog.find("Kling-2.6-PRO")).map(ModelDef::id).contains("kling-2.6-pro");
        assertThat(catalog.find("kling-3")).isEmpty();
        assertThat(catalog.find(null)).isEmpty();
    }

    // ---- a broken catalog stops start-up, naming model and key ----

    private static final String GOOD = """
            defaults: { model: m1 }
            providers:
              local: { name: the built-in renderer }
              wavespeed: { name: WaveSpeed, key_env: WAVESPEED_API_KEY }
            models:
              - id: m1
                provider: local
                description: one
                operations: [image-to-video]
                endpoint: e1
                parameters:
                  duration: { values: [5, 10], default: 5 }
                  resolution: { values: [480p, 720p], default: 480p }
                pricing:
                  - { when: { resolution: 480p }, per_second: 0.05 }
                  - { when: { resolution: 720p }, per_second: 0.10 }
            """;

    private static String broken(String from, String to) {
        assertThat(GOOD).contains(from);
        return GOOD.replace(from, to);
    }

    private static void assertRefused(String yaml, String... fragments) {
        assertThatThrownBy(() -> ModelCatalog.parse(yaml, "models.yaml"))
                .isInstanceOf(CatalogException.class)
                .hasMessageContaining("models.yaml")
                .hasMessageContainingAll(fragments);
    }

    @Test
    void theMinimalCatalogLoadsWithDefaults() {
        ModelCatalog small = ModelCatalog.parse(GOOD, "models.yaml");
        ModelDef m1 = small.find("m1").orElseThrow();
        assertThat(m1.poll().intervalSeconds()).isEqualByComparingTo("5");
        assertThat(m1.poll().timeoutSeconds()).isEqualByComparingTo("600");
        assertThat(m1.capabilities()).isEqualTo(Capabilities.NONE);
        assertThat(m1.auto()).isTrue();
        assertThat(small.provider("wavespeed").orElseThrow().concurrency()).isEqualTo(2);
    }

    @Test
    void unknownKeyInAModelNamesModelAndKey() {
        assertRefused(broken("    description: one", "    descripton: one"), "model 'm1'", "descripton", "unknown key");
        assertRefused(broken("{ values: [5, 10], default: 5 }", "{ valuez: [5, 10] }"),
                "model 'm1', key parameters.duration.valuez", "unknown key");
    }

    @Test
    void aDefaultOutsideItsValuesIsRefused() {
        assertRefused(broken("default: 5 }", "default: 7 }"), "model 'm1', key parameters.duration.default",
                "7 is not allowed", "duration 5 or 10");
    }

    @Test
    void anUnknownParameterIsRefused() {
        assertRefused(broken("      duration:", "      durration:"), "model 'm1', key parameters.durration",
                "not a spec field");
        assertRefused(broken("      duration:", "      prompt:"), "parameters.prompt", "every model takes it");
    }

    @Test
    void aHoleInThePriceListIsRefused() {
        assertRefused(broken("      - { when: { resolution: 720p }, per_second: 0.10 }\n", ""),
                "model 'm1', key pricing", "no rule prices a job with resolution 720p");
    }

    @Test
    void priceConditionsMustBeValuesTheModelTakes() {
        assertRefused(broken("{ resolution: 720p }", "{ resolution: 1080p }"), "pricing[2].when.resolution",
                "1080p is not a value the model takes");
        assertRefused(broken("{ resolution: 720p }", "{ generate_audio: true }"), "pricing[2].when.generate_audio",
                "does not take generate_audio");
    }

    @Test
    void aPriceRuleHasExactlyOneAmount() {
        assertRefused(broken("per_second: 0.10 }", "per_second: 0.10, per_clip: 1 }"), "pricing[2]",
                "exactly one of per_second, per_clip, per_image");
        assertRefused(broken("per_second: 0.10 }", "per_clip: 1, min_seconds: 3 }"), "pricing[2].min_seconds");
    }

    @Test
    void unknownProviderOperationAndDefaultModelAreRefused() {
        assertRefused(broken("provider: local", "provider: replicate"), "model 'm1', key provider", "'replicate'");
        assertRefused(broken("operations: [image-to-video]", "operations: [img2vid]"), "model 'm1', key operations",
                "'img2vid' is not an operation");
        assertRefused(broken("defaults: { model: m1 }", "defaults: { model: m2 }"), "defaults.model", "'m2'");
    }

    @Test
    void aRemoteModelNeedsARequestMappingForEveryParameter() {
        String remote = broken("provider: local", "provider: wavespeed");
        assertRefused(remote, "model 'm1', key request", "is missing");
        String partial = remote + """
                    request:
                      image: image
                      prompt: prompt
                      duration: { name: duration, form: integer }
                """;
        assertRefused(partial, "does not say how the provider names resolution");
        assertRefused(partial.replace("form: integer", "form: number"), "request.duration.form", "'number'");
    }

    @Test
    void aProblemListReportsEveryProblemAtOnce() {
        String twoProblems = broken("default: 5 }", "default: 7 }").replace("endpoint: e1", "");
        assertRefused(twoProblems, "default", "has no endpoint");
    }

    @Test
    void brokenYamlSyntaxGivesTheLine() {
        assertRefused("defaults: { model: m1\nproviders: x\n", "not valid YAML", "line");
        assertRefused("", "holds no catalog");
    }

    @Test
    void loadNamesTheFileItCannotRead(@TempDir Path dir) throws Exception {
        assertThatThrownBy(() -> ModelCatalog.load(dir.resolve("missing.yaml")))
                .isInstanceOf(CatalogException.class).hasMessageContaining("missing.yaml");
        Path file = dir.resolve("models.yaml");
        Files.writeString(file, GOOD);
        assertThat(ModelCatalog.load(file).ids()).containsExactly("m1");
    }

    @Test
    void theShippedCatalogPricesAreWhatProtocolsSay() {
        // one spot check per pricing shape; PricingTest prices every model through the planner
        Map<String, PriceRule> first = Map.of(
                "wan-2.5", model("wan-2.5").pricing().get(0),
                "kling-2.5-turbo-std", model("kling-2.5-turbo-std").pricing().get(0),
                "infinitetalk", model("infinitetalk").pricing().get(0),
                "gemini-2.5-flash-image", model("gemini-2.5-flash-image").pricing().get(0));
        assertThat(first.get("wan-2.5").perSecond()).isEqualByComparingTo("0.05");
        assertThat(first.get("kling-2.5-turbo-std").perClip()).isEqualByComparingTo("0.21");
        assertThat(first.get("infinitetalk").perSecond()).isEqualByComparingTo("0.03");
        assertThat(first.get("infinitetalk").minSeconds()).isEqualByComparingTo("3");
        assertThat(first.get("gemini-2.5-flash-image").perImage()).isEqualByComparingTo("0.039");
    }

    private ModelDef model(String id) {
        return catalog.find(id).orElseThrow(() -> new AssertionError("no model " + id));
    }
}
