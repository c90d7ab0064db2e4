package io.reelroute.e2e;

import static io.reelroute.support.Workspaces.results;
import static io.reelroute.support.Workspaces.usageLines;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.reelroute.support.ServiceProcess;
import io.reelroute.support.Workspaces;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/**
 * Durability, the hard way: the service runs in its own JVM and is killed with SIGKILL three times while
 * six jobs are in flight (once jobs are being recorded, once the first clip is delivered, once half are),
 * then started again each time. Every input must end completed exactly once: one result, one usage line,
 * its files archived, nothing left behind and nothing rejected.
 */
class KillAndRestartTest {
    private static final int JOBS = 6;

    @Test
    void everyAcceptedInputCompletesExactlyOnceAcrossSigkills() throws Exception {
        Path home = Workspaces.fresh("target/e2e/kill-restart");
        Path log = home.resolve("service.log");
        Map<String, String> properties = Map.of(
                "reelroute.home", home.toString(),
                "reelroute.inbox.poll-ms", "100",
                "reelroute.inbox.stable-ms", "200",
                "reelroute.inbox.sidecar-grace-ms", "300",
                "reelroute.dispatch.period-ms", "100",
                "reelroute.dispatch.delay-ms", "100");
        Path inbox = Files.createDirectories(home.resolve("inbox"));
        for (int i = 0; i < JOBS; i++) {
            Path staged = home.resolve("still-" + i + ".png");
            ImageIO.write(still(i), "png", staged.toFile());
            Files.writeString(home.resolve("still-" + i + ".json"),
                    "{\"prompt\": \"pan left over still " + i + "\", \"duration\": 2}");
            Files.move(home.resolve("still-" + i + ".json"), inbox.resolve("still-" + i + ".json"));
            Files.move(staged, inbox.resolve("still-" + i + ".png"));
        }

        runUntil(properties, log, () -> archived(home) >= 1);
        runUntil(properties, log, () -> completed(home) >= 1);
        runUntil(properties, log, () -> completed(home) >= JOBS / 2);
        try (ServiceProcess last = ServiceProcess.start(properties, log)) {
            await().atMost(Duration.ofMinutes(3)).until(() -> completed(home) == JOBS);
            await().atMost(Duration.ofSeconds(30)).until(() -> usageLines(home).size() >= JOBS);
        }

        assertThat(results(home)).hasSize(JOBS).allSatisfy(r ->
                assertThat(r.get("status").asText()).as(r.toString()).isEqualTo("completed"));
        assertThat(results(home)).extracting(r -> r.get("source").asText()).doesNotHaveDuplicates();
        assertThat(usageLines(home)).hasSize(JOBS).extracting(u -> u.get("job_id").asText()).doesNotHaveDuplicates();
        assertThat(count(inbox)).as("nothing left in the inbox").isZero();
        assertThat(count(home.resolve("archive"))).as("one archive folder per job").isEqualTo(JOBS);
        assertThat(count(home.resolve("rejected"))).as("nothing rejected").isZero();
        for (JsonNode result : results(home)) {
            assertThat(home.resolve("output").resolve(result.get("job_id").asText()).resolve("video.mp4"))
                    .isNotEmptyFile();
        }
    }

    private static void runUntil(Map<String, String> properties, Path log, BooleanSupplier progress) throws Exception {
        ServiceProcess service = ServiceProcess.start(properties, log);
        try {
            await().atMost(Duration.ofMinutes(2)).until(progress::getAsBoolean);
        } finally {
            service.kill();
        }
    }

    private static long completed(Path home) {
        return results(home).stream().filter(r -> r.get("status").asText().equals("completed")).count();
    }

    private static long archived(Path home) {
        return count(home.resolve("archive"));
    }

    private static long count(Path dir) {
        if (!Files.exists(dir)) {
            return 0;
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.filter(p -> !Files.isDirectory(p) || !p.getFileName().toString().equals("media")).count();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static BufferedImage still(int seed) {
        BufferedImage image = new BufferedImage(640, 360, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setPaint(new GradientPaint(0, 0, Color.getHSBColor(seed / (float) JOBS, 0.8f, 0.9f), 640, 360, Color.DARK_GRAY));
        g.fillRect(0, 0, 640, 360);
        g.setColor(Color.WHITE);
        for (int x = 0; x < 640; x += 40) {
            g.fillRect(x + seed * 3, 150, 12, 60);
        }
        g.dispose();
        return image;
    }
}
