package io.reelroute.bench;

import io.reelroute.store.JobState;
import io.reelroute.store.JobStore;
import io.reelroute.support.ApiClient;
import io.reelroute.support.TestConfigs;
import io.reelroute.support.Workspaces;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Requests per second of two API calls on a running service (in this JVM, real config/ and routes/): GET
 * /api/jobs/{id} of a completed job and POST /api/estimate of a text-to-video spec, each by C concurrent
 * clients (JDK HttpClient, one connection each) for S seconds after a warm-up. Not a test: run it with
 * bench/api/run.sh.
 */
public final class ApiBenchmark {

    public static void main(String[] args) throws Exception {
        int clients = args.length > 0 ? Integer.parseInt(args[0]) : 4;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        Path home = Workspaces.fresh("target/bench/api");
        Path plans = TestConfigs.apiPlans(home.resolveSibling("api-config/plans.yaml"));
        int port = ApiClient.freePort();
        try (InProcessService service = new InProcessService(Map.of("reelroute.home", home.toString(),
                "reelroute.config.plans", plans.toString(), "reelroute.http.port", Integer.toString(port)))) {
            String base = "http://localhost:" + port;
            HttpClient http = HttpClient.newHttpClient();
            String spec = "{\"model\": \"local-preview\", \"prompt\": \"A title\", \"duration\": 2}";
            String submitted = http.send(post(base + "/api/jobs", spec), HttpResponse.BodyHandlers.ofString()).body();
            String id = submitted.replaceAll(".*\"job_id\":\"([^\"]+)\".*", "$1");
            JobStore jobs = service.bean("jobStore", JobStore.class);
            while (jobs.find(id).orElseThrow().state() != JobState.COMPLETED) {
                Thread.sleep(100);
            }
            System.out.printf("%d clients, %d s each after a %d s warm-up%n%n", clients, seconds, 3);
            System.out.println("| call | requests/s | median ms | p99 ms | errors |");
            System.out.println("| --- | --- | --- | --- | --- |");
            measure("GET /api/jobs/{id}", () -> get(base + "/api/jobs/" + id), clients, seconds);
            measure("POST /api/estimate", () -> post(base + "/api/estimate", spec), clients, seconds);
        }
        System.exit(0);
    }

    private static void measure(String name, java.util.function.Supplier<HttpRequest> request, int clients,
                                int seconds) throws Exception {
        run(request, clients, 3);
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        long errors = run(request, clients, seconds, latencies);
        List<Long> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        System.out.printf(Locale.ROOT, "| %s | %.0f | %.2f | %.2f | %d |%n", name, sorted.size() / (double) seconds,
                sorted.get(sorted.size() / 2) / 1e6, sorted.get((int) (sorted.size() * 0.99)) / 1e6, errors);
    }

    private static long run(java.util.function.Supplier<HttpRequest> request, int clients, int seconds)
            throws Exception {
        return run(request, clients, seconds, Collections.synchronizedList(new ArrayList<>()));
    }

    private static long run(java.util.function.Supplier<HttpRequest> request, int clients, int seconds,
                            List<Long> latencies) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        long end = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        List<Future<Long>> results = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            results.add(pool.submit(() -> {
                HttpClient http = HttpClient.newHttpClient();
                long errors = 0;
                while (System.nanoTime() < end) {
                    long start = System.nanoTime();
                    int status = http.send(request.get(), HttpResponse.BodyHandlers.discarding()).statusCode();
                    latencies.add(System.nanoTime() - start);
                    errors += status == 200 ? 0 : 1;
                }
                return errors;
            }));
        }
        long errors = 0;
        for (Future<Long> result : results) {
            errors += result.get();
        }
        pool.shutdown();
        return errors;
    }

    private static HttpRequest get(String url) {
        return HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer alice-key").GET().build();
    }

    private static HttpRequest post(String url, String body) {
        return HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer alice-key")
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }
}
