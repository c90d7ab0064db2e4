package io.reelroute.bench;

import io.reelroute.simulator.SimulatorServer;
import io.reelroute.simulator.SimulatorServer.Op;
import io.reelroute.simulator.WaveSpeedProtocol;
import io.reelroute.store.JobRecord;
import io.reelroute.store.JobState;
import io.reelroute.store.JobStore;
import io.reelroute.support.TestConfigs;
import io.reelroute.support.Workspaces;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * N jobs (default 200) against the WaveSpeed simulator with a fixed generation time (2 s) and a provider cap
 * (8), through the real service in this JVM: job files in the inbox, dispatcher, submit, poller, download,
 * delivery. Reports the makespan from the first submit to the last delivery against the ideal
 * ceil(N / cap) x generation time, status calls per job, and the delay from a generation finishing at the
 * provider to the job's delivery. Not a test: bench/providers/run.sh.
 */
public final class ProviderMakespanBenchmark {
    public static void main(String[] args) throws Exception {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        int cap = args.length > 1 ? Integer.parseInt(args[1]) : 8;
        String interval = args.length > 2 ? args[2] : "0.2";
        Duration generation = Duration.ofSeconds(2);
        Path home = Workspaces.fresh("target/bench/providers");
        Path config = Workspaces.fresh("target/bench/providers-config");
        try (SimulatorServer simulator = BenchSimulator.waveSpeed(generation)) {
            Map<String, String> overrides = Map.of(
                    "reelroute.home", home.toString(),
                    "reelroute.config.models",
                    TestConfigs.catalog(config.resolve("models.yaml"), interval, "600", cap).toString(),
                    "reelroute.config.plans", TestConfigs.plans(config.resolve("plans.yaml"), "100000").toString(),
                    "reelroute.inbox.stable-ms", "200",
                    "reelroute.poll.consumers", String.valueOf(Math.max(8, cap)),
                    "reelroute.providers.remote.consumers", String.valueOf(cap));
            try (InProcessService service = new InProcessService(overrides)) {
                run(service, simulator, home, count, cap, generation, interval);
            }
        }
        // the JDK HTTP server's dispatcher thread outlives stop() once a client held keep-alive connections to
        // it, and would keep this JVM (and its load) alive after the report
        System.exit(0);
    }

    private static void run(InProcessService service, SimulatorServer simulator, Path home, int count, int cap, Duration generation,
                            String interval) throws Exception {
        JobStore jobs = service.bean("jobStore", JobStore.class);
        Path staging = Files.createDirectories(home.resolve("staging"));
        Files.createDirectories(home.resolve("inbox/media"));
        Files.copy(Path.of("samples/test-card.png"), home.resolve("inbox/media/still.png"));
        for (int i = 0; i < count; i++) {
            Files.writeString(staging.resolve(String.format("job-%04d.job.json", i)), "{\"model\": \"wan-2.5\","
                    + " \"image\": \"media/still.png\", \"prompt\": \"bench " + i + "\", \"resolution\": \"480p\"}");
        }
        long nanoOrigin = System.nanoTime();
        Instant instantOrigin = Instant.now();
        try (var files = Files.list(staging)) {
            for (Path file : files.sorted().toList()) {
                Files.move(file, home.resolve("inbox").resolve(file.getFileName()));
            }
        }
        List<JobRecord> done;
        do {
            Thread.sleep(200);
            done = jobs.inState(JobState.COMPLETED);
        } while (done.size() < count);

        Map<String, SimulatorServer.Generation> byId = simulator.generations().stream()
                .collect(Collectors.toMap(g -> g.id, g -> g));
        Instant firstSubmit = simulator.generations().stream().map(g -> at(g.createdNanos, nanoOrigin, instantOrigin))
                .min(Instant::compareTo).orElseThrow();
        Instant lastDelivery = done.stream().map(JobRecord::finishedAt).max(Instant::compareTo).orElseThrow();
        double makespan = Duration.between(firstSubmit, lastDelivery).toMillis() / 1000.0;
        double ideal = Math.ceil(count / (double) cap) * generation.toMillis() / 1000.0;
        List<Double> delays = new ArrayList<>();
        for (JobRecord job : done) {
            SimulatorServer.Generation g = byId.get(job.predictionId());
            Instant finishedAtProvider = at(g.createdNanos, nanoOrigin, instantOrigin).plus(generation);
            delays.add(Duration.between(finishedAtProvider, job.finishedAt()).toMillis() / 1000.0);
        }
        delays.sort(Double::compare);
        System.out.printf(Locale.ROOT, "%d jobs, %.0f s generations, cap %d, poll interval %s s%n", count,
                generation.toMillis() / 1000.0, cap, interval);
        System.out.printf(Locale.ROOT, "makespan %.1f s (first submit to last delivery); ideal %.0f s; ratio %.3f%n",
                makespan, ideal, makespan / ideal);
        System.out.printf(Locale.ROOT, "status calls per job %.1f; submits %d; uploads %d%n",
                simulator.count(WaveSpeedProtocol.PROVIDER, Op.POLL) / (double) count,
                simulator.count(WaveSpeedProtocol.PROVIDER, Op.SUBMIT),
                simulator.count(WaveSpeedProtocol.PROVIDER, Op.UPLOAD));
        System.out.printf(Locale.ROOT, "finished at provider -> delivered: median %.2f s, p90 %.2f s, max %.2f s%n",
                delays.get(delays.size() / 2), delays.get(delays.size() * 9 / 10), delays.get(delays.size() - 1));
        System.out.printf(Locale.ROOT, "most generations at once at the provider: %d%n",
                io.reelroute.e2e.RemoteProvidersEndToEndTest.mostAtOnce(simulator.generations(), generation));
    }

    private static Instant at(long nanos, long nanoOrigin, Instant instantOrigin) {
        return instantOrigin.plusNanos(nanos - nanoOrigin);
    }
}
