package io.reelroute.bench;

import io.reelroute.simulator.SimulatorServer;
import io.reelroute.simulator.SimulatorServer.Op;
import io.reelroute.simulator.WaveSpeedProtocol;
import io.reelroute.store.JobStore;
import io.reelroute.support.TestConfigs;
import io.reelroute.support.Workspaces;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A 1000-row CSV batch on a remote model (wan-2.5, image-to-video, 5 s at 480p, $0.25 a row) through the real
 * service in this JVM (real config/ and routes/, embedded H2) against the WaveSpeed simulator on loopback, over
 * real sockets: import, pricing and one reservation, one job per row through the accept path, the dispatcher, the
 * provider's submit route, the poller, the download and the delivery (poster and last frame with FFmpeg).
 * Not a test: bench/batch/run.sh.
 *
 * <p>Timed per round, from the moment the CSV is moved into {@code batches/}:
 * <ul>
 *   <li>batch recorded: the CSV archived (every row read, its image inspected and copied, priced, then the batch,
 *       its rows and one reservation committed);</li>
 *   <li>all rows recorded as jobs: the last row's job committed ({@code created_at});</li>
 *   <li><b>all rows submitted at the simulator</b> (the headline): the simulator's own clock of the N-th submit
 *       of the round, i.e. its submit count reaching N;</li>
 *   <li>optionally (on by default) all completed: every job delivered ({@code finished_at}) and the batch
 *       finished, its reservation given back.</li>
 * </ul>
 * Then the money facts are asserted: submits at the simulator == rows and one generation per row (no double
 * submission); with completion, every job completed, the sum of the jobs' costs == the batch's estimate == what
 * the jobs' holds charged, and nothing left held in {@code batch_hold}. While the rows go through, a local-preview
 * job file is dropped into the inbox every 2 s and timed to its job recorded (the same with no batch running is
 * the baseline).
 *
 * <p>What bounds the figure. A queued job is claimed by the dispatcher ({@code Dispatcher.claim}: a timer every
 * 250 ms, and a kick when a poll step frees a slot) only while its provider has fewer jobs in {@code submitting}
 * or {@code running} than the provider's {@code concurrency} in models.yaml, and its user fewer than the plan's
 * {@code concurrent_jobs}. A remote job stays {@code running} for its whole generation at the provider, so with a
 * cap C below N the N-th submit cannot come before about (N/C - 1) generation times: the figure would measure the
 * provider account, not us. Here the provider cap defaults to N and the plan allows 1,000,000 jobs at once, so no
 * row waits for a slot and the figure is our pipeline's: batch import, then one row at a time through
 * {@code direct:job-accept} (the {@code batch-submit} timer, 100 rows every 200 ms, one after the other), the
 * dispatch tick, and the submit route ({@code reelroute.providers.remote.consumers}, the service's default 4
 * threads; a submit is one short HTTP call and one commit). The generation time (default 60 s, real WAN 2.5 takes
 * minutes) and the catalog's own poll interval for wan-2.5 (2 s) put a realistic load beside it: every
 * generation in flight is polled, and the ones that finish are downloaded and delivered, on the same two cores.
 * The poll consumers stay at the service's default (8). A smaller cap can be given to see an account's limit.
 *
 * <p>Arguments: rows (1000), rounds (2), generation seconds (60), provider cap (0 = rows), {@code complete} or
 * {@code submit} (wait for every job delivered, or stop each round at the last submit).
 */
public final class BatchBenchmark {
    private static final long NANO_ORIGIN = System.nanoTime();
    private static final Instant INSTANT_ORIGIN = Instant.now();
    private static final BigDecimal ROW_PRICE = new BigDecimal("0.25"); // wan-2.5, 480p, $0.05/s x 5 s

    public static void main(String[] args) throws Exception {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        Duration generation = Duration.ofSeconds(args.length > 2 ? Long.parseLong(args[2]) : 60);
        int cap = args.length > 3 && Integer.parseInt(args[3]) > 0 ? Integer.parseInt(args[3]) : rows;
        boolean complete = args.length <= 4 || !"submit".equals(args[4]);
        String interval = "2"; // wan-2.5's own poll interval in config/models.yaml

        Path home = Workspaces.fresh("target/bench/batch");
        Path config = Workspaces.fresh("target/bench/batch-config");
        Files.createDirectories(home.resolve("batches/media"));
        Files.copy(Path.of("samples/test-card.png"), home.resolve("batches/media/card.png"));
        // TestConfigs.plans allows 1000 jobs at once, which the inbox probes would compete with at N = 1000
        Path plans = Files.writeString(config.resolve("plans.yaml"), """
                plans:
                  studio: { monthly_budget_usd: 100000, daily_jobs: 1000000, concurrent_jobs: 1000000, models: ["*"] }
                users:
                  default: { plan: studio }
                """);
        List<String> timings = new ArrayList<>();
        List<String> money = new ArrayList<>();
        try (SimulatorServer simulator = BenchSimulator.waveSpeed(generation)) {
            Map<String, String> overrides = Map.of(
                    "reelroute.home", home.toString(),
                    "reelroute.http.port", "0",
                    "reelroute.config.models",
                    TestConfigs.catalog(config.resolve("models.yaml"), interval, "600", cap).toString(),
                    "reelroute.config.plans", plans.toString(),
                    "reelroute.batch.cron", "* * * * * ?",
                    "reelroute.inbox.stable-ms", "200",
                    "reelroute.inbox.poll-ms", "100");
            try (InProcessService service = new InProcessService(overrides)) {
                JobStore jobs = service.bean("jobStore", JobStore.class);
                for (int round = 1; round <= rounds; round++) {
                    long idleInbox = inboxAccept(home, jobs, "idle-" + round);
                    Round r = new Round(home, jobs, simulator, rows, round, generation, complete);
                    r.run();
                    timings.add(r.timingLine(idleInbox));
                    money.add(r.moneyLine());
                }
            }
        }
        System.out.printf(Locale.ROOT, "%n%d rows a round, wan-2.5 on the WaveSpeed simulator, %d s generations,"
                + " provider cap %d, poll interval %s s, %s%n%n", rows, generation.toSeconds(), cap, interval,
                complete ? "waiting for every delivery" : "stopping at the last submit");
        System.out.println("| round | drop to batch recorded, s | drop to all rows recorded as jobs, s"
                + " | drop to first submit, s | **drop to all rows submitted at the simulator, s** | rows/s submitted"
                + " (batch recorded to last submit) | row job recorded to its submit, s (median / p90 / max)"
                + " | most generations at once | drop to all completed, s | drop to batch finished, s"
                + " | inbox accept idle, ms | inbox accept during batch, ms (median / max) |");
        System.out.println("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |");
        timings.forEach(System.out::println);
        System.out.println();
        System.out.println("| round | submits at the simulator | distinct rows among them | uploads | status calls per row"
                + " | jobs completed"
                + " | sum of cost_usd | batch estimate | charged by the jobs' holds | left held in batch_hold"
                + " | batch state |");
        System.out.println("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |");
        money.forEach(System.out::println);
        // the JDK HTTP server's and Camel's non-daemon threads can outlive stop; the numbers are printed
        System.exit(0);
    }

    /** One CSV of N rows from drop to its last submit (and, if asked, to its last delivery). */
    private static final class Round {
        private final Path home;
        private final JobStore jobs;
        private final SimulatorServer simulator;
        private final int rows;
        private final int round;
        private final Duration generation;
        private final boolean complete;
        private final List<Long> inbox = new ArrayList<>();
        private Instant dropped;
        private String batchId;
        private double toRecorded;
        private double toJobs;
        private double toFirstSubmit;
        private double toSubmitted;
        private double toCompleted = Double.NaN;
        private double toFinished = Double.NaN;
        private List<Double> recordedToSubmit;
        private int mostAtOnce;
        private int submits;
        private int polls;
        private int uploads;
        private int distinct;
        private long completed;
        private BigDecimal cost;
        private BigDecimal estimate;
        private BigDecimal charged;
        private BigDecimal leftHeld;
        private String batchState;

        Round(Path home, JobStore jobs, SimulatorServer simulator, int rows, int round, Duration generation,
              boolean complete) {
            this.home = home;
            this.jobs = jobs;
            this.simulator = simulator;
            this.rows = rows;
            this.round = round;
            this.generation = generation;
            this.complete = complete;
        }

        void run() throws Exception {
            StringBuilder csv = new StringBuilder("row_id,image,prompt,model,duration,resolution\r\n");
            for (int i = 1; i <= rows; i++) {
                // each round's prompts differ, so its rows are new jobs, not repeats of the previous round's
                csv.append("r").append(i).append(",media/card.png,\"").append(prompt(i))
                        .append("\",wan-2.5,5,480p\r\n");
            }
            String name = "bench-" + round + ".csv";
            Path staged = home.resolve(name);
            Files.writeString(staged, csv);
            int submitsBefore = simulator.count(WaveSpeedProtocol.PROVIDER, Op.SUBMIT);
            int pollsBefore = simulator.count(WaveSpeedProtocol.PROVIDER, Op.POLL);
            int uploadsBefore = simulator.count(WaveSpeedProtocol.PROVIDER, Op.UPLOAD);
            dropped = Instant.now();
            Files.move(staged, home.resolve("batches").resolve(name));
            while ((batchId = archived(name)) == null) {
                Path error = home.resolve("rejected").resolve(name + ".error.json");
                if (Files.exists(error)) {
                    throw new IllegalStateException(Files.readString(error));
                }
                Thread.sleep(20);
            }
            toRecorded = since(Instant.now());
            Instant deadline = Instant.now().plus(Duration.ofMinutes(20));
            Instant nextProbe = Instant.now();
            Instant nextCheck = Instant.now();
            while (simulator.count(WaveSpeedProtocol.PROVIDER, Op.SUBMIT) - submitsBefore < rows) {
                if (!Instant.now().isBefore(nextProbe)) {
                    inbox.add(inboxAccept(home, jobs, "during-" + round + "-" + inbox.size()));
                    nextProbe = Instant.now().plusSeconds(2);
                }
                if (!Instant.now().isBefore(nextCheck)) {
                    failFast(deadline, "submitted");
                    nextCheck = Instant.now().plusSeconds(1);
                }
                Thread.sleep(10);
            }
            if (complete) {
                while (count("select count(*) from batch where id = ? and state = 'completed'") == 0) {
                    failFast(deadline, "completed");
                    Thread.sleep(100);
                }
                Thread.sleep(1000); // any late (double) submit would show in the count below
            }
            polls = simulator.count(WaveSpeedProtocol.PROVIDER, Op.POLL) - pollsBefore;
            uploads = simulator.count(WaveSpeedProtocol.PROVIDER, Op.UPLOAD) - uploadsBefore;
            collect(submitsBefore);
        }

        private String prompt(int row) {
            return "bench round " + round + ", row " + row;
        }

        private void failFast(Instant deadline, String what) {
            long failedRows = count("select count(*) from batch_row where batch_id = ? and state = 'failed'");
            long failedJobs = count("select count(*) from batch_row r join job j on j.id = r.job_id"
                    + " where r.batch_id = ? and j.state in ('failed', 'cancelled')");
            if (failedRows > 0 || failedJobs > 0 || Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("round " + round + " not " + what + ": " + failedRows
                        + " rows failed, " + failedJobs + " jobs failed, see " + home.resolve("output/" + batchId));
            }
        }

        private void collect(int submitsBefore) {
            String prefix = "bench round " + round + ", ";
            Map<String, Long> submittedAt = new HashMap<>(); // prediction id -> the simulator's nanoTime
            Set<String> prompts = new HashSet<>();
            List<SimulatorServer.Generation> mine = new ArrayList<>();
            for (SimulatorServer.Generation g : simulator.generations()) {
                String prompt = g.request.path("prompt").asText("");
                if (prompt.startsWith(prefix)) {
                    mine.add(g);
                    prompts.add(prompt);
                    submittedAt.put(g.id, g.createdNanos);
                }
            }
            submits = simulator.count(WaveSpeedProtocol.PROVIDER, Op.SUBMIT) - submitsBefore;
            distinct = prompts.size();
            long first = mine.stream().mapToLong(g -> g.createdNanos).min().orElseThrow();
            long last = mine.stream().mapToLong(g -> g.createdNanos).max().orElseThrow();
            toFirstSubmit = since(at(first));
            toSubmitted = since(at(last));
            mostAtOnce = mostAtOnce(mine, generation);

            recordedToSubmit = new ArrayList<>();
            Instant lastRecorded = Instant.MIN;
            Instant lastFinished = Instant.MIN;
            cost = BigDecimal.ZERO;
            completed = 0;
            for (Object[] job : batchJobs()) {
                Instant created = (Instant) job[0];
                lastRecorded = created.isAfter(lastRecorded) ? created : lastRecorded;
                Long submitted = submittedAt.get((String) job[1]);
                if (submitted != null) {
                    recordedToSubmit.add(Duration.between(created, at(submitted)).toMillis() / 1000.0);
                }
                if ("completed".equals(job[2])) {
                    completed++;
                    Instant finished = (Instant) job[3];
                    lastFinished = finished.isAfter(lastFinished) ? finished : lastFinished;
                    cost = cost.add((BigDecimal) job[4]);
                }
            }
            recordedToSubmit.sort(Double::compare);
            toJobs = since(lastRecorded);
            estimate = decimal("select estimate_usd from batch where id = ?");
            charged = decimal("select coalesce(sum(h.amount_usd), 0) from quota_hold h join batch_row r"
                    + " on r.job_id = h.job_id where r.batch_id = ? and h.state = 'charged'");
            leftHeld = decimal("select coalesce(sum(amount_usd), 0) from batch_hold where batch_id = ? and state = 'held'");
            batchState = string("select state from batch where id = ?");
            if (complete) {
                toCompleted = since(lastFinished);
                toFinished = since(timestamp("select finished_at from batch where id = ?"));
            }
            List<String> wrong = new ArrayList<>();
            if (submits != rows || distinct != rows) {
                wrong.add(submits + " submits and " + distinct + " distinct rows at the simulator for " + rows + " rows");
            }
            if (complete) {
                BigDecimal expected = ROW_PRICE.multiply(BigDecimal.valueOf(rows));
                if (completed != rows) {
                    wrong.add(completed + " of " + rows + " jobs completed");
                }
                if (cost.compareTo(expected) != 0 || estimate.compareTo(expected) != 0 || charged.compareTo(expected) != 0) {
                    wrong.add("cost " + cost + ", estimate " + estimate + ", charged " + charged + ", expected " + expected);
                }
                if (leftHeld.signum() != 0 || !"completed".equals(batchState)) {
                    wrong.add("batch " + batchState + " with " + leftHeld + " still held");
                }
            }
            if (!wrong.isEmpty()) {
                throw new IllegalStateException("round " + round + ": " + String.join("; ", wrong));
            }
        }

        String timingLine(long idleInbox) {
            List<Long> sorted = new ArrayList<>(inbox);
            sorted.sort(Long::compare);
            int n = recordedToSubmit.size();
            return String.format(Locale.ROOT, "| %d | %.1f | %.1f | %.1f | **%.1f** | %.0f | %.2f / %.2f / %.2f | %d | %s | %s"
                            + " | %d | %s |", round, toRecorded, toJobs, toFirstSubmit, toSubmitted,
                    rows / (toSubmitted - toRecorded), recordedToSubmit.get(n / 2), recordedToSubmit.get(n * 9 / 10),
                    recordedToSubmit.get(n - 1), mostAtOnce,
                    complete ? String.format(Locale.ROOT, "%.1f", toCompleted) : "-",
                    complete ? String.format(Locale.ROOT, "%.1f", toFinished) : "-", idleInbox,
                    sorted.isEmpty() ? "-" : sorted.get(sorted.size() / 2) + " / " + sorted.get(sorted.size() - 1));
        }

        String moneyLine() {
            return String.format(Locale.ROOT, "| %d | %d | %d | %d | %.1f | %s | %s | %s | %s | %s | %s |", round, submits,
                    distinct, uploads, polls / (double) rows,
                    complete ? String.valueOf(completed) : "-", complete ? usd(cost) : "-", usd(estimate),
                    complete ? usd(charged) : "-", usd(leftHeld), batchState);
        }

        private double since(Instant instant) {
            return Duration.between(dropped, instant).toMillis() / 1000.0;
        }

        private String archived(String name) throws Exception {
            if (!Files.isDirectory(home.resolve("archive"))) {
                return null;
            }
            try (Stream<Path> dirs = Files.list(home.resolve("archive"))) {
                return dirs.filter(d -> Files.exists(d.resolve(name))).map(d -> d.getFileName().toString())
                        .findFirst().orElse(null);
            }
        }

        /** Each row's job: created_at, prediction_id, state, finished_at, cost_usd. */
        private List<Object[]> batchJobs() {
            return jobs.database().withConnection(c -> {
                try (PreparedStatement ps = c.prepareStatement("select j.created_at, j.prediction_id, j.state,"
                        + " j.finished_at, j.cost_usd from batch_row r join job j on j.id = r.job_id"
                        + " where r.batch_id = ?")) {
                    ps.setString(1, batchId);
                    List<Object[]> out = new ArrayList<>();
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            Timestamp finished = rs.getTimestamp(4);
                            out.add(new Object[] {rs.getTimestamp(1).toInstant(), rs.getString(2), rs.getString(3),
                                    finished == null ? null : finished.toInstant(), rs.getBigDecimal(5)});
                        }
                    }
                    return out;
                }
            });
        }

        private long count(String sql) {
            return value(sql, rs -> rs.getLong(1));
        }

        private BigDecimal decimal(String sql) {
            return value(sql, rs -> rs.getBigDecimal(1));
        }

        private String string(String sql) {
            return value(sql, rs -> rs.getString(1));
        }

        private Instant timestamp(String sql) {
            return value(sql, rs -> rs.getTimestamp(1).toInstant());
        }

        private <T> T value(String sql, Column<T> column) {
            return jobs.database().withConnection(c -> {
                try (PreparedStatement ps = c.prepareStatement(sql)) {
                    ps.setString(1, batchId);
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        return column.read(rs);
                    }
                }
            });
        }
    }

    private interface Column<T> {
        T read(ResultSet rs) throws java.sql.SQLException;
    }

    /** Drops a local-preview job file into the inbox and waits until its job is recorded; drop to recorded, ms. */
    private static long inboxAccept(Path home, JobStore jobs, String tag) throws Exception {
        String name = "probe-" + tag + ".job.json";
        Path staged = home.resolve(name);
        Files.writeString(staged, "{\"prompt\": \"probe " + tag + "\", \"duration\": 1}");
        Instant dropped = Instant.now();
        Files.move(staged, home.resolve("inbox").resolve(name));
        while (jobs.database().withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("select count(*) from job where source = ?")) {
                ps.setString(1, "inbox:" + name);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        }) == 0) {
            Thread.sleep(5);
        }
        return Duration.between(dropped, Instant.now()).toMillis();
    }

    /** The most generations of the round at the provider at one moment (each lasts the generation time). */
    private static int mostAtOnce(List<SimulatorServer.Generation> generations, Duration running) {
        long[] starts = generations.stream().mapToLong(g -> g.createdNanos).sorted().toArray();
        int most = 0;
        for (int i = 0, j = 0; i < starts.length; i++) {
            while (starts[j] + running.toNanos() <= starts[i]) {
                j++;
            }
            most = Math.max(most, i - j + 1);
        }
        return most;
    }

    private static Instant at(long nanos) {
        return INSTANT_ORIGIN.plusNanos(nanos - NANO_ORIGIN);
    }

    private static String usd(BigDecimal amount) {
        return amount == null ? "-" : "$" + amount.stripTrailingZeros().toPlainString();
    }
}
