package io.reelroute.e2e;

import static io.reelroute.support.Workspaces.usageLines;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.reelroute.Application;
import io.reelroute.media.Ffmpeg;
import io.reelroute.files.Hashing;
import io.reelroute.media.MediaInfo;
import io.reelroute.media.MediaProbe;
import io.reelroute.quota.QuotaLedger;
import io.reelroute.store.JobStore;
import io.reelroute.support.Frames;
import io.reelroute.support.Workspaces;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.camel.BeanInject;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Stories end to end on the built-in renderer: story files dropped into the inbox of a running service become
 * finished videos, shot by shot, with the exports probed.
 */
@CamelMainTest(mainClass = Application.class,
        propertyPlaceholderLocations = "file:config/application.properties",
        properties = {
            "reelroute.home=target/e2e/story",
            "reelroute.inbox.poll-ms=100",
            "reelroute.inbox.stable-ms=300",
            "reelroute.dispatch.period-ms=100",
            "reelroute.dispatch.delay-ms=100",
            "reelroute.story.period-ms=100"
        })
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StoryEndToEndTest {
    private static final Path HOME = Workspaces.fresh("target/e2e/story");

    @BeanInject
    JobStore jobs;

    @BeanInject
    QuotaLedger ledger;

    private final Ffmpeg ffmpeg = Ffmpeg.locate(null, HOME.resolve("state/cache"));
    private final MediaProbe probe = new MediaProbe(ffmpeg);

    static final String LAST_FRAME_STORY = """
            title: Harbour at dawn
            model: local-preview
            aspect: horizontal
            resolution: 480p
            continuity: last-frame
            audio: media/voice.m4a
            shots:
              - { id: s01, image: media/coast.jpg, prompt: "Slow pan right along the coast", duration: 2 }
              - { id: s02, prompt: "Zoom in on the water", duration: 2 }
              - { id: s03, shot: { camera_language: "slow push-in", energy: 0.4 }, duration: 3 }
              - { id: s04, prompt: "Pan left across the rocks", duration: 2 }
              - { id: s05, prompt: "Tilt up to the sky", duration: 2 }
              - { id: s06, prompt: "Zoom out, static ending", duration: 2 }
            export: { stills_preview: true, platforms: ["16:9", "9:16", "1:1"] }
            """;

    @Test
    void aSixShotLastFrameStoryBecomesOneFinishedVideo() throws IOException {
        Files.createDirectories(HOME.resolve("inbox/media"));
        Files.copy(Path.of("samples/fractal-coast.jpg"), HOME.resolve("inbox/media/coast.jpg"));
        Files.copy(Path.of("samples/media/voice.m4a"), HOME.resolve("inbox/media/voice.m4a"));
        Files.writeString(HOME.resolve("inbox/harbour.story.yaml"), LAST_FRAME_STORY);

        JsonNode story = awaitStory("inbox:harbour.story.yaml", "completed");
        Path dir = HOME.resolve("output").resolve(story.get("story_id").asText());
        assertThat(story.get("continuity").asText()).isEqualTo("last-frame");
        List<String> inputs = new ArrayList<>();
        story.get("shots").forEach(shot -> {
            assertThat(shot.get("status").asText()).as(shot.toString()).isEqualTo("completed");
            assertThat(shot.get("jobs")).as("one job per shot, nothing made twice").hasSize(1);
            assertThat(shot.get("fallback").isNull()).as(shot.toString()).isTrue();
            inputs.add(shot.get("input").asText());
        });
        assertThat(inputs).containsExactly("image", "last-frame", "last-frame", "last-frame", "last-frame",
                "last-frame");

        // each later shot is made from the exact last frame of the one before, which was checked
        for (int i = 2; i <= 6; i++) {
            Path previousLast = dir.resolve("frames/s0" + (i - 1) + "-last.png");
            String job = story.get("shots").get(i - 1).get("job_id").asText();
            assertThat(jobs.inputs(job)).filteredOn(in -> in.role().equals("image")).singleElement()
                    .satisfies(in -> assertThat(in.sha256()).isEqualTo(Hashing.sha256(previousLast)));
        }
        // and it shows: a zoom-in begins on the whole picture, so s02's first frame is s01's last
        Path first = HOME.resolve("s02-first.png");
        ffmpeg.run(List.of("-y", "-i", dir.resolve("shots/s02.mp4").toString(), "-frames:v", "1", first.toString()),
                Duration.ofMinutes(1));
        assertThat(Frames.meanDifference(first, dir.resolve("frames/s01-last.png"))).isLessThan(6.0);

        // exports: durations add up, audio present and in sync, every platform's aspect
        MediaInfo finalCut = probe.probe(dir.resolve("final.mp4"));
        assertThat(finalCut.durationS()).isCloseTo(13.0, within(0.15));
        assertThat(finalCut.hasAudio()).isTrue();
        assertThat(audioSeconds(dir.resolve("final.mp4"))).isCloseTo(finalCut.durationS(), within(0.1));
        assertThat(finalCut.width()).isEqualTo(854);
        assertThat(finalCut.height()).isEqualTo(480);
        MediaInfo preview = probe.probe(dir.resolve("preview.mp4"));
        assertThat(preview.durationS()).isCloseTo(13.0, within(0.15));
        MediaInfo vertical = probe.probe(dir.resolve("final-9x16.mp4"));
        assertThat((double) vertical.width() / vertical.height()).isCloseTo(9.0 / 16, within(0.01));
        assertThat(vertical.durationS()).isCloseTo(finalCut.durationS(), within(0.1));
        assertThat(vertical.hasAudio()).isTrue();
        MediaInfo square = probe.probe(dir.resolve("final-1x1.mp4"));
        assertThat(square.width()).isEqualTo(square.height());
        assertThat(dir.resolve("final-16x9.mp4")).as("the story's own aspect is final.mp4").doesNotExist();
        assertThat(story.get("exports").get("platforms").get("9:16").asText()).isEqualTo("final-9x16.mp4");

        // the preview exists before the first shot's job was recorded
        String firstJob = story.get("shots").get(0).get("job_id").asText();
        FileTime previewMade = Files.getLastModifiedTime(dir.resolve("preview.mp4"));
        assertThat(previewMade.toInstant()).isBefore(jobs.find(firstJob).orElseThrow().createdAt());

        assertThat(usageLines(HOME).stream().filter(l -> inputsOf(story).contains(l.get("job_id").asText())))
                .hasSize(6);
        assertThat(HOME.resolve("archive").resolve(story.get("story_id").asText()).resolve("harbour.story.yaml"))
                .exists();
        assertThat(HOME.resolve("inbox/harbour.story.yaml")).doesNotExist();
        assertThat(story.get("reserved_usd").decimalValue()).isZero();
    }

    @Test
    void theReadmesSampleStoryCompletes() throws IOException {
        Files.createDirectories(HOME.resolve("inbox/media"));
        for (String name : List.of("host.png", "voice.m4a")) {
            if (!Files.exists(HOME.resolve("inbox/media").resolve(name))) {
                Files.copy(Path.of("samples/media").resolve(name), HOME.resolve("inbox/media").resolve(name));
            }
        }
        Files.copy(Path.of("samples/stories/harbour.story.yaml"), HOME.resolve("inbox/sample.story.yaml"));
        JsonNode story = awaitStory("inbox:sample.story.yaml", "completed");
        Path dir = HOME.resolve("output").resolve(story.get("story_id").asText());
        MediaInfo finalCut = probe.probe(dir.resolve("final.mp4"));
        assertThat(finalCut.durationS()).isCloseTo(16.0, within(0.15));
        assertThat(finalCut.hasAudio()).isTrue();
        assertThat(dir.resolve("final-9x16.mp4")).isNotEmptyFile();
        assertThat(dir.resolve("final-1x1.mp4")).isNotEmptyFile();
        assertThat(dir.resolve("preview.mp4")).isNotEmptyFile();
    }

    @Test
    void aTitleCardsBlackLastFrameMakesTheNextShotFallBackToText() throws IOException {
        Files.writeString(HOME.resolve("inbox/titles.story.yaml"), """
                model: local-preview
                resolution: 480p
                shots:
                  - { prompt: "Chapter one", duration: 2 }
                  - { prompt: "The harbour wakes", duration: 2 }
                export: { stills_preview: false }
                """);
        JsonNode story = awaitStory("inbox:titles.story.yaml", "completed");
        JsonNode second = story.get("shots").get(1);
        assertThat(second.get("input").asText()).isEqualTo("text");
        assertThat(second.get("fallback").asText()).contains("last frame of s01").contains("black");
        assertThat(HOME.resolve("output").resolve(story.get("story_id").asText()).resolve("preview.mp4"))
                .doesNotExist();
    }

    @Test
    void keyframesWithoutAKeyUseTheReferenceImagesAndSaySo() throws IOException {
        Files.createDirectories(HOME.resolve("inbox/refs"));
        Files.copy(Path.of("samples/sunset-portrait.jpg"), HOME.resolve("inbox/refs/captain.jpg"));
        Files.copy(Path.of("samples/test-card.png"), HOME.resolve("inbox/refs/boat.png"));
        StringBuilder shots = new StringBuilder();
        for (int i = 1; i <= 6; i++) {
            String who = i % 2 == 1 ? "captain" : "boat";
            shots.append("  - { id: k0").append(i).append(", characters: [").append(who)
                    .append("], action: \"moment ").append(i).append("\", shot: { camera_language: \"")
                    .append(i % 2 == 1 ? "zoom in" : "pan left").append("\" }, duration: 1 }\n");
        }
        Files.writeString(HOME.resolve("inbox/keys.story.yaml"), """
                model: local-preview
                aspect: vertical
                resolution: 480p
                continuity: keyframes
                keyframes:
                  sequential: true
                  references:
                    - { id: captain, path: refs/captain.jpg, description: "old sailor, yellow coat" }
                    - { id: boat, path: refs/boat.png }
                  templates:
                    character_action: "Image of {character}: {action}"
                shots:
                """ + shots + "export: { platforms: [\"9:16\"] }\n");

        JsonNode story = awaitStory("inbox:keys.story.yaml", "completed");
        Path dir = HOME.resolve("output").resolve(story.get("story_id").asText());
        assertThat(story.get("keyframes").get("model").isNull()).isTrue();
        assertThat(story.get("keyframes").get("offline").asText()).contains("GEMINI_API_KEY");
        for (JsonNode shot : story.get("shots")) {
            assertThat(shot.get("input").asText()).isEqualTo("keyframe");
            assertThat(shot.get("keyframe").get("source").asText()).contains("reference image")
                    .contains("offline");
            Path keyframe = dir.resolve(shot.get("keyframe").get("file").asText());
            assertThat(keyframe).exists();
        }
        assertThat(Files.mismatch(dir.resolve("keyframes/k01.jpg"), Path.of("samples/sunset-portrait.jpg")))
                .isEqualTo(-1L);
        assertThat(Files.mismatch(dir.resolve("keyframes/k02.png"), Path.of("samples/test-card.png"))).isEqualTo(-1L);
        MediaInfo finalCut = probe.probe(dir.resolve("final.mp4"));
        assertThat(finalCut.durationS()).isCloseTo(6.0, within(0.15));
        assertThat(finalCut.height()).isGreaterThan(finalCut.width());
        assertThat(finalCut.hasAudio()).isFalse();
    }

    @Test
    void aStoryThatCannotRunIsRejectedWithItsReasonAndCostsNothing() throws IOException {
        QuotaLedger.Balance before = ledger.balance("default");
        Files.writeString(HOME.resolve("inbox/broken.story.yaml"), """
                model: local-preview
                shots:
                  - { prompt: "one", characters: [ghost] }
                """);
        await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(HOME.resolve("rejected/broken.story.yaml.error.json")));
        JsonNode error = Workspaces.read(HOME.resolve("rejected/broken.story.yaml.error.json"));
        assertThat(error.get("error").asText()).isEqualTo("invalid_input");
        assertThat(error.get("message").asText()).contains("ghost").contains("keyframes.references");
        assertThat(HOME.resolve("rejected/broken.story.yaml")).exists();
        assertThat(ledger.balance("default")).isEqualTo(before);
    }

    private List<String> inputsOf(JsonNode story) {
        List<String> ids = new ArrayList<>();
        story.get("shots").forEach(s -> s.get("jobs").forEach(j -> ids.add(j.get("job_id").asText())));
        return ids;
    }

    private double audioSeconds(Path file) {
        return probe.audioSeconds(file, "audio");
    }

    static JsonNode awaitStory(Path home, String source, String status) {
        await().atMost(Duration.ofMinutes(3)).until(() -> story(home, source)
                .map(s -> s.get("status").asText().equals(status) || s.get("status").asText().equals("failed"))
                .orElse(false));
        JsonNode story = story(home, source).orElseThrow();
        assertThat(story.get("status").asText()).as(story.toPrettyString()).isEqualTo(status);
        return story;
    }

    private JsonNode awaitStory(String source, String status) {
        return awaitStory(HOME, source, status);
    }

    static Optional<JsonNode> story(Path home, String source) {
        Path output = home.resolve("output");
        if (!Files.isDirectory(output)) {
            return Optional.empty();
        }
        try (Stream<Path> dirs = Files.list(output)) {
            return dirs.map(d -> d.resolve("story.json")).filter(Files::exists).map(Workspaces::read)
                    .filter(s -> s.get("source").asText().equals(source)).findFirst();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
