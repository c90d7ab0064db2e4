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
            video(base, home.resolve("output").resolve(id).resolve("video.mp4"));
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

    /**
     * GET /api/jobs/{id}/video of a 200 MB file by curl, whole and in 8 MB ranges as a player asks, against
     * reading the same bytes from the page cache in this JVM, side by side.
     */
    private static void video(String base, Path file) throws Exception {
        byte[] block = new byte[1 << 20];
        new java.util.Random(1).nextBytes(block);
        try (var out = java.nio.file.Files.newOutputStream(file)) {
            for (int i = 0; i < 200; i++) {
                out.write(block);
            }
        }
        long size = java.nio.file.Files.size(file);
        String url = base + "/api/jobs/" + file.getParent().getFileName() + "/video";
        HttpClient http = HttpClient.newHttpClient();
        System.out.printf("%n| 200 MB video | MB/s (best of 3) | ratio to reading the file |%n| --- | --- | --- |%n");
        double read = best(() -> {
            try (var in = java.nio.file.Files.newInputStream(file)) {
                return in.transferTo(java.io.OutputStream.nullOutputStream());
            }
        }, size);
        // curl, not the JDK client: the JDK client itself tops out near 150 MB/s here, which would hide the server
        double whole = best(() -> curl(url, null), size);
        double ranges = best(() -> {
            long got = 0;
            for (long start = 0; start < size; start += 8L << 20) {
                got += curl(url, "bytes=" + start + "-" + (start + (8L << 20) - 1));
            }
            return got;
        }, size);
        System.out.printf(Locale.ROOT, "| read the file (page cache) | %.0f | 1 |%n", read);
        System.out.printf(Locale.ROOT, "| GET whole | %.0f | %.1f |%n", whole, read / whole);
        System.out.printf(Locale.ROOT, "| GET in 8 MB ranges (one curl each) | %.0f | %.1f |%n", ranges, read / ranges);
    }

    /** The bytes curl received of one GET, optionally of a range. */
    private static long curl(String url, String range) throws Exception {
        List<String> command = new ArrayList<>(List.of("curl", "-s", "-f", "-o", "/dev/null", "-w", "%{size_download}",
                "-H", "Authorization: Bearer alice-key"));
        if (range != null) {
            command.addAll(List.of("-H", "Range: " + range));
        }
        command.add(url);
        Process curl = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(curl.getInputStream().readAllBytes()).trim();
        if (curl.waitFor() != 0) {
            throw new IllegalStateException("curl " + url + " failed: " + out);
        }
        return Long.parseLong(out);
    }

    private interface Transfer {
        long bytes() throws Exception;
    }

    private static double best(Transfer transfer, long size) throws Exception {
        double best = 0;
        for (int round = 0; round < 3; round++) {
            long start = System.nanoTime();
            long bytes = transfer.bytes();
            if (bytes != size) {
                throw new IllegalStateException("got " + bytes + " bytes of " + size);
            }
            best = Math.max(best, size / 1e6 / ((System.nanoTime() - start) / 1e9));
        }
        return best;
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
