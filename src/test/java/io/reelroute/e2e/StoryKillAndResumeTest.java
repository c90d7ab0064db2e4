package io.reelroute.e2e;

import static io.reelroute.support.Workspaces.usageLines;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.reelroute.media.Ffmpeg;
import io.reelroute.media.MediaInfo;
import io.reelroute.media.MediaProbe;
import io.reelroute.support.ServiceProcess;
import io.reelroute.support.Workspaces;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * A story survives SIGKILL: the service runs in its own JVM and is killed three times while a six-shot story
 * is being made (right after it is accepted, after two shots, after four), then started again. The story
 * continues from the first unfinished shot each time: it completes with exactly one job per shot, one usage
 * line per job, and a final cut as long as the six shots.
 */
class StoryKillAndResumeTest {
    private static final String SOURCE = "inbox:resume.story.yaml";

    @Test
    void aStoryKilledThreeTimesCompletesWithEveryShotMadeOnce() throws Exception {
        Path home = Workspaces.fresh("target/e2e/story-kill");
        Path log = home.resolve("service.log");
        Map<String, String> properties = Map.of(
                "reelroute.home", home.toString(),
                "reelroute.inbox.poll-ms", "100",
                "reelroute.inbox.stable-ms", "200",
                "reelroute.dispatch.period-ms", "100",
                "reelroute.dispatch.delay-ms", "100",
                "reelroute.story.period-ms", "100");
        Path inbox = Files.createDirectories(home.resolve("inbox/media"));
        Files.copy(Path.of("samples/fractal-coast.jpg"), inbox.resolve("coast.jpg"));
        Files.writeString(home.resolve("resume.story.yaml"), StoryEndToEndTest.LAST_FRAME_STORY
                .replace("audio: media/voice.m4a\n", "").replace("Harbour at dawn", "Resumed harbour"));
        Files.move(home.resolve("resume.story.yaml"), home.resolve("inbox/resume.story.yaml"));

        runUntil(properties, log, home, story -> true);
        runUntil(properties, log, home, story -> completedShots(story) >= 2);
        runUntil(properties, log, home, story -> completedShots(story) >= 4);
        try (ServiceProcess last = ServiceProcess.start(properties, log)) {
            JsonNode story = StoryEndToEndTest.awaitStory(home, SOURCE, "completed");
            await().atMost(Duration.ofSeconds(30)).until(() -> usageLines(home).size() >= 6);

            List<String> jobIds = new ArrayList<>();
            for (JsonNode shot : story.get("shots")) {
                assertThat(shot.get("jobs")).as("shot %s made once", shot.get("id")).hasSize(1);
                jobIds.add(shot.get("job_id").asText());
            }
            assertThat(jobIds).doesNotHaveDuplicates();
            assertThat(usageLines(home)).extracting(u -> u.get("job_id").asText())
                    .containsExactlyInAnyOrderElementsOf(jobIds);
            Path dir = home.resolve("output").resolve(story.get("story_id").asText());
            MediaInfo cut = new MediaProbe(Ffmpeg.locate(null, home.resolve("state/cache"))).probe(dir.resolve("final.mp4"));
            assertThat(cut.durationS()).isCloseTo(13.0, within(0.15));
            assertThat(dir.resolve("final-9x16.mp4")).isNotEmptyFile();
            assertThat(dir.resolve("preview.mp4")).isNotEmptyFile();
            assertThat(home.resolve("rejected")).isEmptyDirectory();
        }
    }

    private static void runUntil(Map<String, String> properties, Path log, Path home, Predicate<JsonNode> progress)
            throws Exception {
        ServiceProcess service = ServiceProcess.start(properties, log);
        try {
            await().atMost(Duration.ofMinutes(2)).until(() -> StoryEndToEndTest.story(home, SOURCE)
                    .map(progress::test).orElse(false));
        } finally {
            service.kill();
        }
    }

    private static long completedShots(JsonNode story) {
        long n = 0;
        for (JsonNode shot : story.get("shots")) {
            n += shot.get("status").asText().equals("completed") ? 1 : 0;
        }
        return n;
    }
}
