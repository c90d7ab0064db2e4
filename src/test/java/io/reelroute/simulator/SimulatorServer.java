package io.reelroute.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback HTTP server that the provider simulators ({@link ProviderProtocol}s) are mounted on, each under
 * its own path prefix. It owns what all of them share: generations with realistic timing, faults on demand,
 * counters of what was asked, recorded requests, and output files served with a real Content-Length.
 */
public final class SimulatorServer implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();

    /** Which kind of call a fault applies to. */
    public enum Op { SUBMIT, POLL, UPLOAD, DOWNLOAD, CANCEL }

    /** What a faulted call does instead of its normal answer. */
    public sealed interface Fault {
        record Status(int status, String body, Map<String, String> headers) implements Fault { }
        record MalformedJson() implements Fault { }
        /** The download sends only part of the body, then closes the connection. */
        record Truncated(double fraction) implements Fault { }
        /** The download is sent at this many bytes per second. */
        record Slow(int bytesPerSecond) implements Fault { }
        /** An upload URL answers that it expired (403, as object stores do). */
        record Expired() implements Fault { }
        /** The normal answer comes, but only after this long (a provider slow to answer a submit). */
        record Delay(Duration duration) implements Fault { }

        static Fault status(int status, String body) {
            return new Status(status, body, Map.of());
        }

        static Fault tooManyRequests(int retryAfterSeconds) {
            return new Status(429, "{\"message\":\"rate limit exceeded\"}",
                    Map.of("Retry-After", String.valueOf(retryAfterSeconds)));
        }
    }

    /** How the next generations end. */
    public sealed interface Outcome {
        record Success() implements Outcome { }
        record Failure(String message) implements Outcome { }
        record Never() implements Outcome { }
    }

    /** One generation at the simulated provider. */
    public static final class Generation {
        public final String id;
        public final String provider;
        public final String model;
        public final JsonNode request;
        public final long createdNanos = System.nanoTime();
        final Outcome outcome;
        final Duration queued;
        final Duration running;
        volatile boolean cancelled;
        volatile long finishedNanos;

        Generation(String id, String provider, String model, JsonNode request, Outcome outcome, Duration queued,
                   Duration running) {
            this.id = id;
            this.provider = provider;
            this.model = model;
            this.request = request;
            this.outcome = outcome;
            this.queued = queued;
            this.running = running;
        }

        public enum Phase { QUEUED, RUNNING, SUCCEEDED, FAILED, CANCELLED }

        public Phase phase() {
            if (cancelled) {
                return Phase.CANCELLED;
            }
            long elapsed = System.nanoTime() - createdNanos;
            if (elapsed < queued.toNanos()) {
                return Phase.QUEUED;
            }
            if (outcome instanceof Outcome.Never || elapsed < queued.plus(running).toNanos()) {
                return Phase.RUNNING;
            }
            return outcome instanceof Outcome.Failure ? Phase.FAILED : Phase.SUCCEEDED;
        }

        /** Position in the provider's queue while queued (1 = next). */
        public int queuePosition() {
            long left = queued.toNanos() - (System.nanoTime() - createdNanos);
            return (int) Math.max(1, left / 100_000_000L);
        }

        public String failureMessage() {
            return outcome instanceof Outcome.Failure failure ? failure.message() : null;
        }
    }

    /** A request as the simulator saw it (the authorization header kept only as present or not). */
    public record Recorded(String method, String path, String query, Map<String, List<String>> headers, byte[] body) {
        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new IllegalStateException("not JSON: " + new String(body, StandardCharsets.UTF_8), e);
            }
        }

        public String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .flatMap(e -> e.getValue().stream()).findFirst().orElse(null);
        }
    }

    private final HttpServer server;
    private final Map<String, Generation> generations = new ConcurrentHashMap<>();
    private final Map<String, ConcurrentLinkedQueue<Fault>> faults = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> counters = new ConcurrentHashMap<>();
    private final Map<String, List<Recorded>> recorded = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<Outcome> nextOutcomes = new ConcurrentLinkedQueue<>();
    private final Map<String, Path> files = new ConcurrentHashMap<>();
    private volatile Duration queueTime = Duration.ofMillis(200);
    private volatile Duration generationTime = Duration.ofMillis(800);
    private volatile Path video;

    private SimulatorServer(HttpServer server) {
        this.server = server;
    }

    public static SimulatorServer start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 200);
            server.setExecutor(Executors.newFixedThreadPool(32));
            SimulatorServer simulator = new SimulatorServer(server);
            server.start();
            return simulator;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Mounts a protocol under its prefix (for example /wavespeed). */
    public SimulatorServer mount(ProviderProtocol protocol) {
        server.createContext(protocol.prefix(), exchange -> {
            try (exchange) {
                byte[] body = exchange.getRequestBody().readAllBytes();
                Recorded request = new Recorded(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                        exchange.getRequestURI().getRawQuery(), Map.copyOf(exchange.getRequestHeaders()), body);
                protocol.handle(this, exchange, request);
            } catch (RuntimeException e) {
                respond(exchange, 500, "{\"message\":\"simulator bug: " + e + "\"}", Map.of());
            }
        });
        return this;
    }

    /** The video every successful generation returns: a real MP4 the test made. */
    public SimulatorServer video(Path mp4) {
        this.video = mp4;
        return this;
    }

    public SimulatorServer timing(Duration queued, Duration running) {
        this.queueTime = queued;
        this.generationTime = running;
        return this;
    }

    /** The next {@code times} calls of {@code op} to {@code provider} get {@code fault}. */
    public SimulatorServer fault(String provider, Op op, Fault fault, int times) {
        ConcurrentLinkedQueue<Fault> queue = faults.computeIfAbsent(provider + "/" + op, k -> new ConcurrentLinkedQueue<>());
        for (int i = 0; i < times; i++) {
            queue.add(fault);
        }
        return this;
    }

    /** Call number {@code call} (counting from 1, over the server's life) of {@code op} to {@code provider} gets {@code fault}. */
    public SimulatorServer faultOnCall(String provider, Op op, int call, Fault fault) {
        numberedFaults.put(provider + "/" + op + "#" + call, fault);
        return this;
    }

    private final Map<String, Fault> numberedFaults = new ConcurrentHashMap<>();

    /** The next generation (of any provider) ends this way. */
    public SimulatorServer nextOutcome(Outcome outcome) {
        nextOutcomes.add(outcome);
        return this;
    }

    public int count(String provider, Op op) {
        AtomicInteger counter = counters.get(provider + "/" + op);
        return counter == null ? 0 : counter.get();
    }

    public List<Recorded> requests(String provider, Op op) {
        return List.copyOf(recorded.getOrDefault(provider + "/" + op, List.of()));
    }

    public Generation generation(String id) {
        return generations.get(id);
    }

    public List<Generation> generations() {
        return List.copyOf(generations.values());
    }

    /** How many generations were running (not queued, not finished) at the busiest moment so far. */
    public int peakRunning() {
        return peak.get();
    }

    private final AtomicInteger peak = new AtomicInteger();

    // --- for protocols ---

    /** Counts and records a call; returns the fault to apply, or null for a normal answer. */
    public Fault arrive(String provider, Op op, Recorded request) {
        int call = counters.computeIfAbsent(provider + "/" + op, k -> new AtomicInteger()).incrementAndGet();
        recorded.computeIfAbsent(provider + "/" + op, k -> Collections.synchronizedList(new ArrayList<>())).add(request);
        Fault numbered = numberedFaults.remove(provider + "/" + op + "#" + call);
        if (numbered != null) {
            return numbered;
        }
        ConcurrentLinkedQueue<Fault> queue = faults.get(provider + "/" + op);
        return queue == null ? null : queue.poll();
    }

    public Generation create(String provider, String model, JsonNode request) {
        Outcome outcome = nextOutcomes.poll();
        Generation generation = new Generation(provider + "-" + UUID.randomUUID(), provider, model, request,
                outcome == null ? new Outcome.Success() : outcome, queueTime, generationTime);
        generations.put(generation.id, generation);
        int running = (int) generations.values().stream().filter(g -> g.phase() != Generation.Phase.SUCCEEDED
                && g.phase() != Generation.Phase.FAILED && g.phase() != Generation.Phase.CANCELLED).count();
        peak.accumulateAndGet(running, Math::max);
        return generation;
    }

    /** A URL on this server where the generation's output can be downloaded. */
    public String outputUrl(Generation generation) {
        if (video == null) {
            throw new IllegalStateException("the test did not give the simulator a video");
        }
        files.put(generation.id + ".mp4", video);
        return baseUrl() + "/files/" + generation.id + ".mp4";
    }

    /** Keeps an uploaded file and returns the public URL it is served at. */
    public String store(String name, byte[] content) {
        try {
            Path file = Files.createTempFile("sim-upload-", "-" + name.replaceAll("[^A-Za-z0-9.]", "_"));
            Files.write(file, content);
            String key = UUID.randomUUID() + "-" + name.replaceAll("[^A-Za-z0-9.]", "_");
            files.put(key, file);
            return baseUrl() + "/files/" + key;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Serves an existing file (streamed from disk, never read into memory) and returns its URL. */
    public String serve(String name, Path file) {
        files.put(name, file);
        return baseUrl() + "/files/" + name;
    }

    public Path storedFile(String url) {
        return files.get(url.substring(url.lastIndexOf('/') + 1));
    }

    /** Serves /files/...: outputs and uploads, with the DOWNLOAD faults of {@code provider}. */
    public SimulatorServer serveFiles(String provider) {
        server.createContext("/files/", exchange -> {
            try (exchange) {
                Recorded request = new Recorded(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                        exchange.getRequestURI().getRawQuery(), Map.copyOf(exchange.getRequestHeaders()), new byte[0]);
                String name = request.path().substring("/files/".length());
                Path file = files.get(name);
                String owner = name.contains("-") ? name.substring(0, name.indexOf('-')) : provider;
                Fault fault = arrive(files.containsKey(name) && generations.containsKey(name.replace(".mp4", ""))
                        ? owner : provider, Op.DOWNLOAD, request);
                if (file == null) {
                    respond(exchange, 404, "{\"message\":\"no such file\"}", Map.of());
                    return;
                }
                sendFile(exchange, file, fault);
            }
        });
        return this;
    }

    private static void sendFile(HttpExchange exchange, Path file, Fault fault) throws IOException {
        long length = Files.size(file);
        if (fault instanceof Fault.Status status) {
            respond(exchange, status.status(), status.body(), status.headers());
            return;
        }
        exchange.getResponseHeaders().set("Content-Type", "video/mp4");
        exchange.sendResponseHeaders(200, length);
        long limit = fault instanceof Fault.Truncated t ? (long) (length * t.fraction()) : length;
        int rate = fault instanceof Fault.Slow slow ? slow.bytesPerSecond() : Integer.MAX_VALUE;
        try (InputStream in = Files.newInputStream(file); OutputStream out = exchange.getResponseBody()) {
            byte[] buffer = new byte[Math.min(64 * 1024, Math.max(1024, rate / 10))];
            long sent = 0;
            long start = System.nanoTime();
            for (int n; sent < limit && (n = in.read(buffer, 0, (int) Math.min(buffer.length, limit - sent))) > 0; ) {
                out.write(buffer, 0, n);
                sent += n;
                if (rate != Integer.MAX_VALUE) {
                    long due = start + sent * 1_000_000_000L / rate;
                    long wait = due - System.nanoTime();
                    if (wait > 0) {
                        sleep(wait);
                    }
                }
            }
            if (limit < length) {
                throw new IOException("truncated on purpose");
            }
        }
    }

    private static void sleep(long nanos) {
        try {
            Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Answers with a fault, if there is one; true when the fault answered and the protocol must stop. */
    public static boolean answerFault(HttpExchange exchange, Fault fault) throws IOException {
        if (fault == null) {
            return false;
        }
        if (fault instanceof Fault.Status status) {
            respond(exchange, status.status(), status.body(), status.headers());
        } else if (fault instanceof Fault.MalformedJson) {
            respond(exchange, 200, "{\"data\": {\"status\": ", Map.of());
        } else if (fault instanceof Fault.Delay delay) {
            sleep(delay.duration().toNanos());
            return false;
        } else if (fault instanceof Fault.Expired) {
            respond(exchange, 403, "<Error><Code>AccessDenied</Code><Message>Request has expired</Message></Error>",
                    Map.of());
        } else {
            return false;
        }
        return true;
    }

    public static void respond(HttpExchange exchange, int status, String body, Map<String, String> headers)
            throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        headers.forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
        if (!exchange.getResponseHeaders().containsKey("Content-Type")) {
            exchange.getResponseHeaders().set("Content-Type", "application/json");
        }
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    public static void json(HttpExchange exchange, int status, Object body) throws IOException {
        respond(exchange, status, JSON.writeValueAsString(body), Map.of());
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
