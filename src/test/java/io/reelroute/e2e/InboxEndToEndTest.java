package io.reelroute.e2e;

import static io.reelroute.support.Workspaces.resultsBySource;
import static io.reelroute.support.Workspaces.usageLines;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.reelroute.Application;
import io.reelroute.media.Ffmpeg;
import io.reelroute.media.MediaInfo;
import io.reelroute.media.MediaProbe;
import io.reelroute.store.JobStore;
import io.reelroute.support.Frames;
import io.reelroute.support.Workspaces;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.camel.BeanInject;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The README's worked example, for real: the files of samples/ are dropped into the inbox of a running
 * service and come out as MP4s with their result files, usage lines and archived inputs.
 */
@CamelMainTest(mainClass = Application.class,
        propertyPlaceholderLocations = "file:config/application.properties",
        properties = {
            "reelroute.home=target/e2e/inbox",
            "reelroute.inbox.poll-ms=100",
            "reelroute.inbox.stable-ms=300",
            "reelroute.inbox.sidecar-grace-ms=600",
            "reelroute.dispatch.period-ms=100",
            "reelroute.dispatch.delay-ms=100"
        })
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class InboxEndToEndTest {
    private static final Path HOME = Workspaces.fresh("target/e2e/inbox");

    @BeanInject
    JobStore jobs;

    private final MediaProbe probe = new MediaProbe(Ffmpeg.locate(null, HOME.resolve("state/cache")));

    @Test
    @Order(1)
    void theSamplesBecomeFinishedClips() {
        Workspaces.copyTree(Path.of("samples"), HOME.resolve("inbox"));

        await().atMost(Duration.ofMinutes(3)).until(() -> resultsBySource(HOME).size() == 5);
        Map<String, JsonNode> results = resultsBySource(HOME);
        results.values().forEach(r -> assertThat(r.get("status").asText()).as(r.toString()).isEqualTo("completed"));

        assertClip(results.get("inbox:fractal-coast.jpg"), 4.0, 854, 480, false);
        assertClip(results.get("inbox:sunset-portrait.jpg"), 3.0, 480, 854, false);
        assertClip(results.get("inbox:opening-title.job.yaml"), 3.0, 1280, 720, false);
        assertClip(results.get("inbox:presenter.job.json"), 4.0, 480, 480, true);
        assertClip(results.get("inbox:test-card.png"), 5.0, 854, 480, false);

        JobNode pan = new JobNode(results.get("inbox:fractal-coast.jpg"));
        assertThat(pan.result.get("prompt").asText()).startsWith("Slow pan right");
        assertThat(Frames.meanDifference(pan.dir.resolve("poster.jpg"), pan.dir.resolve("last.png")))
                .as("a pan moves: first and last frames differ").isGreaterThan(8.0);
        JobNode sunset = new JobNode(results.get("inbox:sunset-portrait.jpg"));
        assertThat(sunset.result.get("prompt").asText())
                .isEqualTo("slow push-in, subtle motion, warm evening light, sun, haze");

        assertThat(usageLines(HOME)).hasSize(5).allSatisfy(line -> {
            assertThat(line.get("status").asText()).isEqualTo("completed");
            assertThat(line.get("cost_usd").decimalValue()).isZero();
            assertThat(line.get("provider").asText()).isEqualTo("local");
        });
        assertThat(topLevelFiles(HOME.resolve("inbox"))).as("every top-level input was archived").isEmpty();
        assertThat(HOME.resolve("inbox/media/voice.m4a")).as("inputs in subfolders stay").exists();
        String panJob = pan.result.get("job_id").asText();
        assertThat(HOME.resolve("archive").resolve(panJob).resolve("fractal-coast.jpg")).exists();
        assertThat(HOME.resolve("archive").resolve(panJob).resolve("fractal-coast.json")).exists();
        assertThat(jobs.events(panJob)).extracting(e -> e.stage())
                .containsSubsequence("received", "accepted", "running", "generated", "completed").contains("rendered");
    }

    @Test
    @Order(2)
    void theSameContentDroppedAgainIsAnsweredFromTheFirstResult() throws Exception {
        String first = resultsBySource(HOME).get("inbox:test-card.png").get("job_id").asText();
        Files.copy(Path.of("samples/test-card.png"), HOME.resolve("inbox/test-card (copy).png"));

        await().atMost(Duration.ofMinutes(1)).until(() -> resultsBySource(HOME).containsKey("inbox:test-card (copy).png"));
        JsonNode repeat = resultsBySource(HOME).get("inbox:test-card (copy).png");
        assertThat(repeat.get("status").asText()).isEqualTo("completed");
        assertThat(repeat.get("reused_from").asText()).isEqualTo(first);
        assertThat(repeat.get("cost_usd").decimalValue()).isZero();
        String id = repeat.get("job_id").asText();
        assertThat(jobs.events(id)).extracting(e -> e.stage()).doesNotContain("running", "rendered");
        Path video = HOME.resolve("output").resolve(id).resolve("video.mp4");
        assertThat(Files.mismatch(video, HOME.resolve("output").resolve(first).resolve("video.mp4"))).isEqualTo(-1);
        assertThat(usageLines(HOME)).hasSize(6);
    }

    private void assertClip(JsonNode result, double seconds, int width, int height, boolean audio) {
        assertThat(result).isNotNull();
        JobNode job = new JobNode(result);
        MediaInfo media = probe.probe(job.dir.resolve("video.mp4"));
        assertThat(media.durationS()).as(job.id + " duration").isCloseTo(seconds, within(0.1));
        assertThat(media.width()).as(job.id + " width").isEqualTo(width);
        assertThat(media.height()).as(job.id + " height").isEqualTo(height);
        assertThat(media.hasAudio()).as(job.id + " audio").isEqualTo(audio);
        assertThat(result.get("duration_s").asDouble()).isCloseTo(media.durationS(), within(0.01));
        assertThat(result.get("width").asInt()).isEqualTo(width);
        assertThat(result.get("size_bytes").asLong()).isEqualTo(job.dir.resolve("video.mp4").toFile().length());
        assertThat(job.dir.resolve("poster.jpg")).isNotEmptyFile();
        assertThat(job.dir.resolve("last.png")).isNotEmptyFile();
        assertThat(result.get("timings").get("delivered").asText()).isNotBlank();
    }

    private static final class JobNode {
        final JsonNode result;
        final String id;
        final Path dir;

        JobNode(JsonNode result) {
            this.result = result;
            this.id = result.get("job_id").asText();
            this.dir = HOME.resolve("output").resolve(id);
        }
    }

    private static java.util.List<Path> topLevelFiles(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(Files::isRegularFile).toList();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
