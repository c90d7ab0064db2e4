package io.reelroute.e2e;

import static io.reelroute.support.Workspaces.usageLines;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.reelroute.Application;
import io.reelroute.quota.QuotaLedger;
import io.reelroute.simulator.FalProtocol;
import io.reelroute.simulator.GeminiProtocol;
import io.reelroute.simulator.SimulatorServer;
import io.reelroute.simulator.SimulatorServer.Fault;
import io.reelroute.simulator.SimulatorServer.Op;
import io.reelroute.support.TestConfigs;
import io.reelroute.support.Workspaces;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.BeanInject;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A keyframes story on paid models, against the provider simulators over real sockets: keyframes made by
 * gemini-2.5-flash-image (each editing the previous one), shots on kling-2.6-pro (which takes a first and a
 * last frame, so it gets each keyframe with the next), and one shot the provider refuses, which falls back to
 * text-to-video on veo-3 and says so. The whole story is reserved before its first paid job and every cost is
 * accounted for.
 */
@CamelMainTest(mainClass = Application.class,
        propertyPlaceholderLocations = "file:config/application.properties",
        properties = {
            "reelroute.home=target/e2e/story-remote",
            "reelroute.config.models=target/e2e/story-remote-config/models.yaml",
            "reelroute.config.plans=target/e2e/story-remote-config/plans.yaml",
            "reelroute.inbox.poll-ms=100",
            "reelroute.inbox.stable-ms=200",
            "reelroute.dispatch.period-ms=100",
            "reelroute.dispatch.delay-ms=100",
            "reelroute.poll.period-ms=50",
            "reelroute.story.period-ms=100",
            "reelroute.story.text-fallback-model=veo-3"
        })
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StorySimulatorEndToEndTest {
    private static final Path HOME = Workspaces.fresh("target/e2e/story-remote");
    private static final SimulatorServer SIMULATOR = RemoteSimulators.start();

    static {
        Workspaces.fresh("target/e2e/story-remote-config");
        TestConfigs.catalog(Path.of("target/e2e/story-remote-config/models.yaml"), "0.1", "6", 2);
        TestConfigs.plans(Path.of("target/e2e/story-remote-config/plans.yaml"), "100");
        RemoteSimulators.environment(SIMULATOR).forEach(System::setProperty);
    }

    @BeanInject
    QuotaLedger ledger;

    @AfterAll
    void stopSimulator() {
        RemoteSimulators.environment(SIMULATOR).keySet().forEach(System::clearProperty);
        SIMULATOR.close();
    }

    @Test
    void aShotThatFailsAtTheProviderEndsTheStoryAndReleasesItsReservation() throws IOException {
        Files.createDirectories(HOME.resolve("inbox/media"));
        Files.copy(Path.of("samples/test-card.png"), HOME.resolve("inbox/media/card.png"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        // the first generation (this story's first shot) fails at the provider: not a refused image, no fallback
        SIMULATOR.nextOutcome(new SimulatorServer.Outcome.Failure("the generation crashed"));
        Files.writeString(HOME.resolve("failing.story.yaml"), """
                model: wan-2.5
                resolution: 480p
                shots:
                  - { id: s01, image: media/card.png, prompt: "pan left", duration: 5 }
                  - { id: s02, prompt: "zoom in", duration: 5 }
                export: { stills_preview: false }
                """);
        Files.move(HOME.resolve("failing.story.yaml"), HOME.resolve("inbox/failing.story.yaml"));

        JsonNode story = StoryEndToEndTest.awaitStory(HOME, "inbox:failing.story.yaml", "failed");
        assertThat(story.get("error").get("code").asText()).isEqualTo("provider_failed");
        assertThat(story.get("error").get("message").asText()).contains("shot s01").contains("crashed");
        assertThat(story.get("shots").get(0).get("status").asText()).isEqualTo("failed");
        assertThat(story.get("shots").get(0).get("fallback").isNull()).as("a failed generation is not retried")
                .isTrue();
        assertThat(story.get("shots").get(1).get("jobs")).as("nothing after the failed shot is paid for").isEmpty();
        assertThat(story.get("reserved_usd").decimalValue()).isZero();
        assertThat(story.get("cost_usd").decimalValue()).isZero();
        assertThat(ledger.balance("default").heldUsd()).as("the whole reservation is given back").isZero();
    }

    @Test
    void keyframesPairsAndARefusedShotFallingBackToText() throws IOException {
        Files.createDirectories(HOME.resolve("inbox/refs"));
        Files.copy(Path.of("samples/sunset-portrait.jpg"), HOME.resolve("inbox/refs/captain.jpg"));
        // the third shot's submit is refused by fal
        SIMULATOR.faultOnCall(FalProtocol.PROVIDER, Op.SUBMIT, 3,
                Fault.status(422, "{\"detail\":\"start_image_url: the image could not be used\"}"));
        Files.writeString(HOME.resolve("remote.story.yaml"), """
                title: Remote harbour
                model: kling-2.6-pro
                continuity: keyframes
                keyframes:
                  sequential: true
                  references:
                    - { id: captain, path: refs/captain.jpg, description: "old sailor, grey beard, yellow coat" }
                  templates:
                    character_action: "Image of {character}: {action}"
                shots:
                  - { id: s01, characters: [captain], action: "looks at the sea", duration: 5 }
                  - { id: s02, characters: [captain], action: "coils a rope", duration: 5 }
                  - { id: s03, prompt: "The boat leaves the harbour", duration: 5 }
                export: { stills_preview: true, platforms: ["9:16"] }
                """);
        Files.move(HOME.resolve("remote.story.yaml"), HOME.resolve("inbox/remote.story.yaml"));

        JsonNode story = StoryEndToEndTest.awaitStory(HOME, "inbox:remote.story.yaml", "completed");
        Path dir = HOME.resolve("output").resolve(story.get("story_id").asText());

        // keyframes: three generateContent calls; the 2nd and 3rd edit the previous keyframe
        List<SimulatorServer.Recorded> keyframeCalls = SIMULATOR.requests(GeminiProtocol.PROVIDER, Op.SUBMIT).stream()
                .filter(r -> r.path().endsWith(":generateContent")).toList();
        assertThat(keyframeCalls).hasSize(3);
        assertThat(keyframeCalls.get(0).json().at("/contents/0/parts/0/text").asText())
                .isEqualTo("Image of old sailor, grey beard, yellow coat: looks at the sea");
        assertThat(keyframeCalls.get(1).json().at("/contents/0/parts/0/text").asText())
                .startsWith("Image of old sailor, grey beard, yellow coat: coils a rope. Edit the given image");
        assertThat(story.get("keyframes").get("model").asText()).isEqualTo("gemini-2.5-flash-image");
        for (JsonNode shot : story.get("shots")) {
            assertThat(shot.get("keyframe").get("source").asText()).contains("made by gemini-2.5-flash-image");
            assertThat(dir.resolve(shot.get("keyframe").get("file").asText())).isNotEmptyFile();
        }

        // kling takes a first and a last frame: shots 1 and 2 get their keyframe and the next one's
        List<SimulatorServer.Recorded> falSubmits = SIMULATOR.requests(FalProtocol.PROVIDER, Op.SUBMIT);
        assertThat(falSubmits).hasSize(3);
        assertThat(falSubmits.get(0).json().has("end_image_url")).isTrue();
        assertThat(falSubmits.get(1).json().has("end_image_url")).isTrue();
        assertThat(falSubmits.get(2).json().has("end_image_url")).as("the last shot has no next keyframe").isFalse();
        JsonNode s01 = story.get("shots").get(0);
        JsonNode s03 = story.get("shots").get(2);
        assertThat(s01.get("input").asText()).isEqualTo("keyframe-pair");
        assertThat(story.get("shots").get(1).get("input").asText()).isEqualTo("keyframe-pair");

        // the refused shot fell back to text-to-video on veo-3, and says why
        assertThat(s03.get("jobs")).hasSize(2);
        assertThat(s03.get("jobs").get(0).get("status").asText()).isEqualTo("failed");
        assertThat(s03.get("jobs").get(0).get("error").get("code").asText()).isEqualTo("provider_rejected");
        assertThat(s03.get("fallback").asText()).contains("refused its keyframe").contains("could not be used");
        assertThat(s03.get("input").asText()).isEqualTo("text");
        assertThat(s03.get("model").asText()).isEqualTo("veo-3");
        assertThat(s03.get("operation").asText()).isEqualTo("text-to-video");
        assertThat(s03.get("status").asText()).isEqualTo("completed");

        // money: every job accounted for, the charges add up, nothing left reserved
        List<String> ran = new ArrayList<>();
        for (JsonNode shot : story.get("shots")) {
            shot.get("jobs").forEach(j -> ran.add(j.get("job_id").asText()));
            ran.add(shot.get("keyframe").get("job_id").asText());
        }
        List<String> storyJobs = new ArrayList<>();
        BigDecimal charged = BigDecimal.ZERO;
        for (JsonNode line : usageLines(HOME)) {
            if (ran.contains(line.get("job_id").asText())) {
                storyJobs.add(line.get("job_id").asText());
                charged = charged.add(line.get("cost_usd").decimalValue());
            }
        }
        assertThat(storyJobs).as("3 keyframes, 3 shots, 1 refused, each with its usage line").hasSize(7)
                .doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(ran);
        assertThat(story.get("cost_usd").decimalValue()).isEqualByComparingTo(charged);
        assertThat(charged).isPositive();
        assertThat(story.get("reserved_usd").decimalValue()).isZero();
        QuotaLedger.Balance balance = ledger.balance("default");
        assertThat(balance.heldUsd()).isZero();
        assertThat(balance.spentUsd()).as("the other story of this class is charged nothing")
                .isEqualByComparingTo(charged);

        assertThat(dir.resolve("final.mp4")).isNotEmptyFile();
        assertThat(dir.resolve("final-9x16.mp4")).isNotEmptyFile();
        assertThat(dir.resolve("preview.mp4")).isNotEmptyFile();
        for (String key : RemoteSimulators.KEYS) {
            assertThat(Files.readString(dir.resolve("story.json"))).doesNotContain(key);
        }
    }
}
