package io.reelroute.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import io.reelroute.Application;
import io.reelroute.quota.QuotaLedger;
import io.reelroute.store.JobStore;
import io.reelroute.support.TestConfigs;
import io.reelroute.support.Workspaces;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.camel.BeanInject;
import org.apache.camel.CamelContext;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * CSV batches end to end on the built-in renderer: CSV files dropped into batches/ of a running service (import
 * cron every second) are priced, recorded as one reservation, run row by row and reported in results.csv.
 */
@CamelMainTest(mainClass = Application.class,
        propertyPlaceholderLocations = "file:config/application.properties",
        properties = {
            "reelroute.home=target/e2e/batch",
            "reelroute.config.models=target/e2e/batch-config/models.yaml",
            "reelroute.config.plans=target/e2e/batch-config/plans.yaml",
            "reelroute.batch.cron=* * * * * ?",
            "reelroute.batch.submit-period-ms=100",
            "reelroute.batch.report-period-ms=200",
            "reelroute.inbox.stable-ms=300",
            "reelroute.dispatch.period-ms=100",
            "reelroute.dispatch.delay-ms=100"
        })
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BatchEndToEndTest {
    private static final Path HOME = Workspaces.fresh("target/e2e/batch");
    private static final Path CONFIG = Workspaces.fresh("target/e2e/batch-config");

    static {
        // local-preview at $0.01 a second, so that estimates and quotas have something to count
        try {
            Path models = TestConfigs.catalog(CONFIG.resolve("models.yaml"), "1", "300", 4);
            Files.writeString(models, Files.readString(models).replaceFirst("- per_second: 0\n",
                    "- per_second: 0.01\n"));
            Files.writeString(CONFIG.resolve("plans.yaml"), """
                    plans:
                      studio: { monthly_budget_usd: 100, daily_jobs: 100000, concurrent_jobs: 8, models: ["*"] }
                      tight:  { monthly_budget_usd: 0.10, daily_jobs: 100, concurrent_jobs: 1, models: ["*"] }
                    users:
                      default: { plan: studio }
                      tina: { plan: tight }
                    """);
            Files.createDirectories(HOME.resolve("batches/media"));
            Files.copy(Path.of("samples/test-card.png"), HOME.resolve("batches/media/card.png"));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @BeanInject
    JobStore jobs;

    @BeanInject
    QuotaLedger ledger;

    @BeanInject
    CamelContext camel;

    @Test
    void aBatchWithBomCrlfAndQuotedFieldsRunsToItsResults() throws IOException {
        String csv = "\uFEFFrow_id,image,prompt,duration,resolution\r\n"
                + "card,media/card.png,\"slow push-in, warm light\",1,480p\r\n"
                + "title,,\"Harbour at dawn,\r\nchapter one\",2,480p\r\n"
                + "plain,,\"the \"\"quoted\"\" word\",1,\r\n";
        drop("first.csv", csv);

        String batchId = awaitArchived("first.csv");
        JsonNode estimate = Workspaces.read(HOME.resolve("output").resolve(batchId).resolve("estimate.json"));
        assertThat(estimate.get("total_usd").decimalValue()).isEqualByComparingTo("0.04");
        assertThat(estimate.get("rows")).hasSize(3);
        assertThat(estimate.get("rows").get(1).get("operation").asText()).isEqualTo("text-to-video");
        assertThat(estimate.get("rows").get(0).get("estimate_usd").decimalValue()).isEqualByComparingTo("0.01");

        List<Map<String, String>> results = awaitResults(batchId, rows -> rows.stream()
                .allMatch(r -> r.get("status").equals("completed")));
        assertThat(results).extracting(r -> r.get("row_id")).containsExactly("card", "title", "plain");
        assertThat(results).extracting(r -> r.get("cost_usd")).containsExactly("0.01", "0.02", "0.01");
        for (Map<String, String> row : results) {
            assertThat(HOME.resolve(row.get("video"))).exists();
            JsonNode result = Workspaces.read(HOME.resolve("output").resolve(row.get("job_id")).resolve("result.json"));
            assertThat(result.get("source").asText()).isEqualTo("batch:first.csv#" + row.get("row_id"));
        }
        JsonNode title = Workspaces.read(HOME.resolve("output").resolve(results.get(1).get("job_id"))
                .resolve("result.json"));
        assertThat(title.get("prompt").asText()).isEqualTo("Harbour at dawn,\r\nchapter one");
        assertThat(title.get("duration_s").asDouble()).isBetween(1.9, 2.1);
        // the inputs folder is never imported and stays; the batch gave back what it held
        assertThat(HOME.resolve("batches/media/card.png")).exists();
        await().atMost(Duration.ofSeconds(10)).until(() -> batchState(batchId).equals("completed"));
        assertThat(ledger.balance("default").heldUsd()).isEqualByComparingTo(BigDecimal.ZERO);
    }

    @Test
    void oneBadRowRejectsTheWholeFileAndNothingIsRecorded() throws IOException {
        BigDecimal spentBefore = ledger.balance("default").spentUsd();
        drop("bad.csv", "row_id,prompt,model,duration\ngood,fine,local-preview,1\nwrong,oops,no-such-model,1\n"
                + "long,too long,local-preview,99\n");

        Path error = HOME.resolve("rejected/bad.csv.error.json");
        await().atMost(Duration.ofSeconds(20)).until(() -> Files.exists(error));
        JsonNode body = Workspaces.read(error);
        assertThat(body.get("source").asText()).isEqualTo("batch:bad.csv");
        assertThat(body.get("error").asText()).isEqualTo("unknown_model");
        assertThat(body.get("message").asText()).contains("2 of 3 rows").contains("row wrong").contains("row long");
        assertThat(body.get("rows")).hasSize(2);
        assertThat(body.get("rows").get(0).get("row_id").asText()).isEqualTo("wrong");
        assertThat(body.get("rows").get(1).get("error").asText()).isEqualTo("unsupported_parameter");
        assertThat(body.get("rows").get(1).get("field").asText()).isEqualTo("duration");
        assertThat(HOME.resolve("rejected/bad.csv")).exists();
        JsonNode estimate = Workspaces.read(HOME.resolve(body.get("estimate").asText()));
        assertThat(estimate.get("invalid_rows").asInt()).isEqualTo(2);
        assertThat(estimate.get("rows").get(1).get("error").get("error").asText()).isEqualTo("unknown_model");

        assertThat(count("select count(*) from job where source like 'batch:bad.csv%'")).isZero();
        assertThat(count("select count(*) from batch where source = 'bad.csv'")).isZero();
        assertThat(ledger.balance("default").spentUsd()).isEqualByComparingTo(spentBefore);
    }

    @Test
    void aBatchOverTheOwnersQuotaIsRefusedWhole() throws IOException {
        drop("tight.csv", "row_id,user_id,prompt,duration\n1,tina,a,5\n2,tina,b,5\n3,tina,c,5\n");

        Path error = HOME.resolve("rejected/tight.csv.error.json");
        await().atMost(Duration.ofSeconds(20)).until(() -> Files.exists(error));
        JsonNode body = Workspaces.read(error);
        assertThat(body.get("error").asText()).isEqualTo("quota_exceeded");
        assertThat(body.get("message").asText()).contains("this batch (3 rows to run)").contains("$0.15")
                .contains("$0.10");
        String estimateFile = Files.list(HOME.resolve("output")).map(d -> d.resolve("estimate.json"))
                .filter(Files::exists).filter(f -> Workspaces.read(f).get("source").asText().equals("tight.csv"))
                .findFirst().orElseThrow().toString();
        assertThat(Workspaces.read(Path.of(estimateFile)).get("total_usd").decimalValue()).isEqualByComparingTo("0.15");
        assertThat(count("select count(*) from job where user_id = 'tina'")).isZero();
        assertThat(ledger.balance("tina").heldUsd()).isEqualByComparingTo(BigDecimal.ZERO);
    }

    @Test
    void reImportAfterAPartialRunRunsOnlyTheMissingRows() throws Exception {
        Files.copy(Path.of("samples/test-card.png"), HOME.resolve("batches/media/gone.png"));
        String csv = "row_id,image,prompt,duration\nkeep,media/card.png,stays,1\nlost,media/gone.png,vanishes,1\n";
        // rows are submitted by their own route: held back here, so that an input can vanish in between
        camel.getRouteController().stopRoute("batch-submit-tick");
        drop("partial.csv", csv);
        String first = awaitArchived("partial.csv");
        Path moved = HOME.resolve("gone.png");
        Files.move(HOME.resolve("batches/media/gone.png"), moved);
        camel.getRouteController().startRoute("batch-submit-tick");

        List<Map<String, String>> partial = awaitResults(first, rows -> rows.stream()
                .allMatch(r -> List.of("completed", "failed").contains(r.get("status"))));
        assertThat(partial.get(0).get("status")).isEqualTo("completed");
        assertThat(partial.get(1).get("status")).isEqualTo("failed");
        assertThat(partial.get(1).get("error")).startsWith("missing_input: ").contains("gone.png");
        String keptJob = partial.get(0).get("job_id");
        long jobsBefore = count("select count(*) from job");

        // the results file goes back in, with the input restored: only the failed row runs
        Files.move(moved, HOME.resolve("batches/media/gone.png"));
        Files.copy(HOME.resolve("output").resolve(first).resolve("results.csv"), HOME.resolve("batches/again.csv"));
        String second = awaitArchived("again.csv");
        List<Map<String, String>> rerun = awaitResults(second, rows -> rows.stream()
                .allMatch(r -> r.get("status").equals("completed")));
        assertThat(rerun.get(0).get("job_id")).as("completed before, not run again").isEqualTo(keptJob);
        assertThat(rerun.get(0).get("cost_usd")).isEqualTo("0");
        assertThat(rerun.get(1).get("job_id")).isNotEqualTo(keptJob).isNotBlank();
        assertThat(count("select count(*) from job")).isEqualTo(jobsBefore + 1);
        JsonNode estimate = Workspaces.read(HOME.resolve("output").resolve(second).resolve("estimate.json"));
        assertThat(estimate.get("total_usd").decimalValue()).isEqualByComparingTo("0.01");

        // the original file again: everything is done, nothing runs
        drop("partial-again.csv", csv);
        String third = awaitArchived("partial-again.csv");
        awaitResults(third, rows -> rows.stream().allMatch(r -> r.get("status").equals("completed")));
        assertThat(count("select count(*) from job")).isEqualTo(jobsBefore + 1);
        await().atMost(Duration.ofSeconds(10)).until(() -> batchState(third).equals("completed"));
    }

    private static void drop(String name, String content) throws IOException {
        Path part = HOME.resolve("batches").resolve(name + ".part");
        Files.writeString(part, content, StandardCharsets.UTF_8);
        Files.move(part, HOME.resolve("batches").resolve(name), StandardCopyOption.ATOMIC_MOVE);
    }

    /** The id of the batch whose CSV was archived under that name. */
    private static String awaitArchived(String name) {
        return await().atMost(Duration.ofSeconds(20)).until(() -> archivedAs(name), Optional::isPresent).orElseThrow();
    }

    private static Optional<String> archivedAs(String name) throws IOException {
        try (Stream<Path> dirs = Files.list(HOME.resolve("archive"))) {
            return dirs.filter(d -> Files.exists(d.resolve(name))).map(d -> d.getFileName().toString()).findFirst();
        }
    }

    private static List<Map<String, String>> awaitResults(String batchId,
                                                          java.util.function.Predicate<List<Map<String, String>>> done) {
        Path file = HOME.resolve("output").resolve(batchId).resolve("results.csv");
        return await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> Files.exists(file) ? readCsv(file) : List.<Map<String, String>>of(),
                        rows -> !rows.isEmpty() && done.test(rows));
    }

    static List<Map<String, String>> readCsv(Path file) throws IOException {
        try (MappingIterator<Map<String, String>> it = new CsvMapper().readerForMapOf(String.class)
                .with(CsvSchema.emptySchema().withHeader()).readValues(file.toFile())) {
            return it.readAll();
        }
    }

    private String batchState(String batchId) {
        return jobs.database().withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("select state from batch where id = ?")) {
                ps.setString(1, batchId);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? rs.getString(1) : "";
                }
            }
        });
    }

    private long count(String sql) {
        return jobs.database().withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }
}
