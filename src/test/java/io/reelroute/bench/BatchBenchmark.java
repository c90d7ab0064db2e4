package io.reelroute.bench;

import io.reelroute.store.JobStore;
import io.reelroute.support.Workspaces;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The time of a large CSV batch on local-preview from the drop in batches/ to the batch recorded and to every row
 * submitted, and the inbox's accept latency while it is submitted. Not a test: bench/batch/run.sh.
 */
public final class BatchBenchmark {

    public static void main(String[] args) throws Exception {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        Path home = Workspaces.fresh("target/bench/batch");
        Files.createDirectories(home.resolve("batches/media"));
        Files.copy(Path.of("samples/test-card.png"), home.resolve("batches/media/card.png"));
        Path plans = Files.writeString(home.resolve("plans.yaml"), """
                plans:
                  studio: { monthly_budget_usd: 1000, daily_jobs: 1000000, concurrent_jobs: 4, models: ["*"] }
                users:
                  default: { plan: studio }
                """);
        List<String> lines = new ArrayList<>();
        try (InProcessService service = new InProcessService(Map.of("reelroute.home", home.toString(),
                "reelroute.config.plans", plans.toString(),
                "reelroute.batch.cron", "* * * * * ?", "reelroute.inbox.stable-ms", "200",
                "reelroute.inbox.poll-ms", "100",
                // held off: the intake is measured, not 1000 renders on the benchmark's CPUs
                "reelroute.dispatch.period-ms", "3600000", "reelroute.dispatch.delay-ms", "3600000"))) {
            JobStore jobs = service.bean("jobStore", JobStore.class);
            for (int round = 1; round <= rounds; round++) {
                long idleInbox = inboxAccept(home, jobs, "idle-" + round);
                lines.add(run(home, jobs, rows, round, idleInbox));
            }
        }
        System.out.println("| rows | round | drop to recorded, s | recorded to all submitted, s | drop to all submitted, s |"
                + " rows/s submitted | inbox accept idle, ms | inbox accept during batch, ms (median / max) |");
        System.out.println("| --- | --- | --- | --- | --- | --- | --- | --- |");
        lines.forEach(System.out::println);
        // the JDK's and Camel's non-daemon threads can outlive stop; the numbers are printed
        System.exit(0);
    }

    private static String run(Path home, JobStore jobs, int rows, int round, long idleInbox) throws Exception {
        StringBuilder csv = new StringBuilder("row_id,image,prompt,duration,resolution\r\n");
        for (int i = 1; i <= rows; i++) {
            // each round's prompts differ, so its rows are new jobs, not repeats of the previous round's
            csv.append("r").append(i).append(',').append(i % 2 == 0 ? "media/card.png" : "")
                    .append(",\"round ").append(round).append(", row ").append(i).append("\",1,480p\r\n");
        }
        String name = "bench-" + round + ".csv";
        Path staged = home.resolve(name);
        Files.writeString(staged, csv);
        Instant dropped = Instant.now();
        Files.move(staged, home.resolve("batches").resolve(name));
        String batchId;
        while ((batchId = archived(home, name)) == null) {
            if (Files.exists(home.resolve("rejected").resolve(name + ".error.json"))) {
                throw new IllegalStateException(Files.readString(home.resolve("rejected").resolve(name + ".error.json")));
            }
            Thread.sleep(20);
        }
        Instant recorded = Instant.now();
        List<Long> inbox = new ArrayList<>();
        int probe = 0;
        Instant nextProbe = recorded;
        while (pending(jobs, batchId) > 0) {
            if (!Instant.now().isBefore(nextProbe)) {
                inbox.add(inboxAccept(home, jobs, "during-" + round + "-" + probe++));
                nextProbe = Instant.now().plusSeconds(2);
            }
            Thread.sleep(20);
        }
        Instant submitted = Instant.now();
        double toRecorded = Duration.between(dropped, recorded).toMillis() / 1000.0;
        double toSubmitted = Duration.between(recorded, submitted).toMillis() / 1000.0;
        inbox.sort(Long::compare);
        return "| %d | %d | %.1f | %.1f | %.1f | %.0f | %d | %s |".formatted(rows, round, toRecorded, toSubmitted,
                toRecorded + toSubmitted, rows / toSubmitted, idleInbox, inbox.isEmpty() ? "-"
                        : inbox.get(inbox.size() / 2) + " / " + inbox.get(inbox.size() - 1));
    }

    /** Drops a job file into the inbox and waits until its job is recorded; the time, less the stable wait. */
    private static long inboxAccept(Path home, JobStore jobs, String tag) throws Exception {
        String name = "probe-" + tag + ".job.json";
        Path staged = home.resolve(name);
        Files.writeString(staged, "{\"prompt\": \"probe " + tag + "\", \"duration\": 1}");
        Instant dropped = Instant.now();
        Files.move(staged, home.resolve("inbox").resolve(name));
        while (count(jobs, "select count(*) from job where source = 'inbox:" + name + "'") == 0) {
            Thread.sleep(5);
        }
        return Duration.between(dropped, Instant.now()).toMillis();
    }

    private static String archived(Path home, String name) throws Exception {
        if (!Files.isDirectory(home.resolve("archive"))) {
            return null;
        }
        try (Stream<Path> dirs = Files.list(home.resolve("archive"))) {
            return dirs.filter(d -> Files.exists(d.resolve(name))).map(d -> d.getFileName().toString()).findFirst()
                    .orElse(null);
        }
    }

    private static long pending(JobStore jobs, String batchId) {
        return count(jobs, "select count(*) from batch_row where state = 'pending' and batch_id = '" + batchId + "'");
    }

    private static long count(JobStore jobs, String sql) {
        return jobs.database().withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }
}
