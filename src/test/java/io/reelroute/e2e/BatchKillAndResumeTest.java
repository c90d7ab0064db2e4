package io.reelroute.e2e;

import static io.reelroute.support.Workspaces.usageLines;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.reelroute.support.ServiceProcess;
import io.reelroute.support.Workspaces;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A batch survives SIGKILL: the service runs in its own JVM and is killed while an eight-row batch is being
 * imported and run (once it is recorded, once two rows are done), then started again. Every row completes
 * exactly once: one job per row, one usage line per job, results.csv complete.
 */
class BatchKillAndResumeTest {
    private static final int ROWS = 8;

    @Test
    void aBatchKilledTwiceCompletesEveryRowOnce() throws Exception {
        Path home = Workspaces.fresh("target/e2e/batch-kill");
        Path log = home.resolve("service.log");
        Map<String, String> properties = Map.of(
                "reelroute.home", home.toString(),
                "reelroute.batch.cron", "* * * * * ?",
                "reelroute.batch.submit-period-ms", "100",
                "reelroute.batch.report-period-ms", "200",
                "reelroute.inbox.stable-ms", "200",
                "reelroute.dispatch.period-ms", "100",
                "reelroute.dispatch.delay-ms", "100");
        Files.createDirectories(home.resolve("batches/media"));
        Files.copy(Path.of("samples/test-card.png"), home.resolve("batches/media/card.png"));
        StringBuilder csv = new StringBuilder("row_id,image,prompt,duration,resolution\n");
        for (int i = 1; i <= ROWS; i++) {
            csv.append("r").append(i).append(",media/card.png,\"pan left, take ").append(i).append("\",2,480p\n");
        }
        Files.writeString(home.resolve("batches/kill.csv.part"), csv);
        Files.move(home.resolve("batches/kill.csv.part"), home.resolve("batches/kill.csv"));

        runUntil(properties, log, () -> archivedBatch(home).isPresent());
        String batchId = archivedBatch(home).orElseThrow();
        Path results = home.resolve("output").resolve(batchId).resolve("results.csv");
        runUntil(properties, log, () -> completed(results) >= 2);
        try (ServiceProcess last = ServiceProcess.start(properties, log)) {
            await().atMost(Duration.ofMinutes(3)).until(() -> completed(results) == ROWS);
            await().atMost(Duration.ofSeconds(30)).until(() -> usageLines(home).size() >= ROWS);
        }

        List<Map<String, String>> rows = BatchEndToEndTest.readCsv(results);
        assertThat(rows).hasSize(ROWS).allSatisfy(r -> assertThat(r.get("status")).isEqualTo("completed"));
        assertThat(rows).extracting(r -> r.get("job_id")).doesNotHaveDuplicates();
        assertThat(usageLines(home)).extracting(u -> u.get("job_id").asText())
                .containsExactlyInAnyOrderElementsOf(rows.stream().map(r -> r.get("job_id")).toList());
        assertThat(home.resolve("rejected")).isEmptyDirectory();
    }

    private static void runUntil(Map<String, String> properties, Path log, java.util.function.BooleanSupplier progress)
            throws Exception {
        ServiceProcess service = ServiceProcess.start(properties, log);
        try {
            await().atMost(Duration.ofMinutes(2)).until(progress::getAsBoolean);
        } finally {
            service.kill();
        }
    }

    private static long completed(Path results) {
        try {
            return Files.exists(results) ? BatchEndToEndTest.readCsv(results).stream()
                    .filter(r -> "completed".equals(r.get("status"))).count() : 0;
        } catch (java.io.IOException e) {
            return 0;
        }
    }

    private static Optional<String> archivedBatch(Path home) {
        try (Stream<Path> dirs = Files.list(home.resolve("archive"))) {
            return dirs.filter(d -> Files.exists(d.resolve("kill.csv"))).map(d -> d.getFileName().toString())
                    .findFirst();
        } catch (java.io.IOException e) {
            return Optional.empty();
        }
    }
}
