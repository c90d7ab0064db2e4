package io.reelroute.simulator;

import static io.reelroute.simulator.BodyRules.bool;
import static io.reelroute.simulator.BodyRules.integer;
import static io.reelroute.simulator.BodyRules.integerIn;
import static io.reelroute.simulator.BodyRules.numberBetween;
import static io.reelroute.simulator.BodyRules.stringIn;
import static io.reelroute.simulator.BodyRules.text;
import static io.reelroute.simulator.BodyRules.url;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import io.reelroute.simulator.SimulatorServer.Generation;
import io.reelroute.simulator.SimulatorServer.Op;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * WaveSpeed AI's API v3 as PROTOCOLS.md section 1 describes it, mounted under {@value #PREFIX}: the client's
 * base URL is {@code server.baseUrl() + WaveSpeedProtocol.PREFIX} (standing for .../api/v3).
 *
 * <ul>
 *   <li>{@code POST /{model-id}}: Bearer key checked (else HTTP 401, plain text as WaveSpeed's exact JSON is
 *       unknown), the flat body checked against the model's fields (else HTTP 400 {@code {code, message}} naming
 *       the field), a generation created; answers {@code {code:200, message, data:{id, status:"created", urls}}}.
 *       Counted as {@link Op#SUBMIT}.</li>
 *   <li>{@code GET /predictions/{id}/result}: created → processing → completed ({@code outputs[0]}) | failed
 *       ({@code error}); counted as {@link Op#POLL}.</li>
 *   <li>{@code POST /media/uploads}: initiates a presigned upload whose {@code upload.url} points back here, at
 *       a simulated object store (under {@value #STORE}) that takes no Bearer key but demands exactly the
 *       headers it handed out. The PUT is counted as {@link Op#UPLOAD}; {@link SimulatorServer.Fault.Expired}
 *       applies there.</li>
 * </ul>
 */
public final class WaveSpeedProtocol implements ProviderProtocol {
    public static final String PROVIDER = "wavespeed";
    public static final String PREFIX = "/wavespeed";
    private static final String STORE = "/object-store/";
    private static final Pattern RESULT = Pattern.compile("/predictions/([^/]+)/result");
    private static final String SIGNATURE = "x-amz-meta-signature";

    /** The models of models.yaml, with the fields PROTOCOLS.md 1.8 lists for each. */
    private static final Map<String, BodyRules> MODELS = Map.of(
            "alibaba/wan-2.5/image-to-video", BodyRules.fields()
                    .required("image", url()).required("prompt", text())
                    .optional("negative_prompt", text()).optional("audio", url())
                    .optional("resolution", stringIn("480p", "720p", "1080p"))
                    .optional("duration", integerIn(5, 10))
                    .optional("enable_prompt_expansion", bool()).optional("seed", integer()),
            "wavespeed-ai/kandinsky5-pro/image-to-video", BodyRules.fields()
                    .required("image", url()).required("prompt", text())
                    .optional("resolution", stringIn("512p", "1024p")).optional("duration", integerIn(5)),
            "kwaivgi/kling-v2.5-turbo-std/image-to-video", BodyRules.fields()
                    .required("image", url()).required("prompt", text())
                    .optional("negative_prompt", text()).optional("guidance_scale", numberBetween(0, 1))
                    .optional("duration", integerIn(5, 10)),
            "wavespeed-ai/infinitetalk", BodyRules.fields()
                    .required("image", url()).required("audio", url())
                    .optional("prompt", text()).optional("mask_image", url())
                    .optional("resolution", stringIn("480p", "720p")).optional("seed", integer()));

    private record Upload(String filename, long size, Map<String, String> headers, String downloadUrl) {
    }

    private final CallGate gate;
    private final Map<String, Upload> uploads = new ConcurrentHashMap<>();
    private final AtomicInteger initiations = new AtomicInteger();

    /** @param key the API key the simulated account has; any other Bearer value is refused */
    public WaveSpeedProtocol(String key) {
        this.gate = new CallGate(PROVIDER, "Authorization", "Bearer " + key, (exchange, given) ->
                SimulatorServer.respond(exchange, 401, "Unauthorized: invalid authentication credentials",
                        Map.of("Content-Type", "text/plain")));
    }

    @Override
    public String provider() {
        return PROVIDER;
    }

    @Override
    public String prefix() {
        return PREFIX;
    }

    /** How many presigned uploads were initiated (the PUTs are counted as {@link Op#UPLOAD}). */
    public int initiations() {
        return initiations.get();
    }

    @Override
    public void handle(SimulatorServer server, HttpExchange exchange, SimulatorServer.Recorded request)
            throws IOException {
        String path = request.path().substring(PREFIX.length());
        Matcher result = RESULT.matcher(path);
        if (request.method().equals("PUT") && path.startsWith(STORE)) {
            put(server, exchange, request, path.substring(STORE.length()));
        } else if (request.method().equals("POST") && path.equals("/media/uploads")) {
            initiate(server, exchange, request);
        } else if (request.method().equals("GET") && result.matches()) {
            status(server, exchange, request, result.group(1));
        } else if (request.method().equals("POST") && path.length() > 1) {
            submit(server, exchange, request, path.substring(1));
        } else {
            refuse(exchange, 404, "no such route: " + request.method() + " " + request.path());
        }
    }

    private void submit(SimulatorServer server, HttpExchange exchange, SimulatorServer.Recorded request,
                        String modelId) throws IOException {
        if (!gate.admits(server, exchange, Op.SUBMIT, request)) {
            return;
        }
        BodyRules rules = MODELS.get(modelId);
        if (rules == null) {
            refuse(exchange, 404, "model not found: " + modelId);
            return;
        }
        Optional<String> problem = JsonBodies.declaredProblem(request, body -> rules.problem(body, ""));
        if (problem.isPresent()) {
            refuse(exchange, 400, problem.get());
            return;
        }
        Generation generation = server.create(PROVIDER, modelId, request.json());
        SimulatorServer.json(exchange, 200, envelope(server, generation, "created"));
    }

    private void status(SimulatorServer server, HttpExchange exchange, SimulatorServer.Recorded request, String id)
            throws IOException {
        if (!gate.admits(server, exchange, Op.POLL, request)) {
            return;
        }
        Generation generation = server.generation(id);
        if (generation == null || !generation.provider.equals(PROVIDER)) {
            refuse(exchange, 404, "prediction not found: " + id);
            return;
        }
        String status = switch (generation.phase()) {
            case QUEUED -> "created";
            case RUNNING -> "processing";
            case SUCCEEDED -> "completed";
            case FAILED -> "failed";
            case CANCELLED -> "cancelled";
        };
        SimulatorServer.json(exchange, 200, envelope(server, generation, status));
    }

    private static Map<String, Object> envelope(SimulatorServer server, Generation generation, String status) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("id", generation.id);
        data.put("model", generation.model);
        data.put("status", status);
        data.put("outputs", status.equals("completed") ? List.of(server.outputUrl(generation)) : List.of());
        data.put("error", status.equals("failed") ? generation.failureMessage() : "");
        data.put("urls", Map.of("get", server.baseUrl() + PREFIX + "/predictions/" + generation.id + "/result"));
        data.put("has_nsfw_contents", List.of());
        data.put("created_at", Instant.now().toString());
        return Map.of("code", 200, "message", "success", "data", data);
    }

    private void initiate(SimulatorServer server, HttpExchange exchange, SimulatorServer.Recorded request)
            throws IOException {
        if (!gate.authorized(exchange, request)) {
            return;
        }
        Optional<String> problem = JsonBodies.declaredProblem(request, body -> BodyRules.fields()
                .required("filename", text()).required("size", integer()).optional("content_type", text())
                .problem(body, ""));
        if (problem.isPresent()) {
            refuse(exchange, 400, problem.get());
            return;
        }
        initiations.incrementAndGet();
        JsonNode body = request.json();
        String filename = body.get("filename").asText();
        String token = UUID.randomUUID().toString();
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", body.path("content_type").asText("application/octet-stream"));
        headers.put(SIGNATURE, token);
        // the download URL exists from the start, as at a real store; the PUT fills it
        Upload upload = new Upload(filename, body.get("size").asLong(), headers, server.store(filename, new byte[0]));
        uploads.put(token, upload);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("type", headers.get("Content-Type").split("/")[0]);
        data.put("download_url", upload.downloadUrl());
        data.put("filename", filename);
        data.put("size", upload.size());
        data.put("upload", Map.of("method", "PUT", "url", server.baseUrl() + PREFIX + STORE + token,
                "headers", headers));
        SimulatorServer.json(exchange, 200, Map.of("code", 200, "message", "success", "data", data));
    }

    /** The simulated object store: a presigned PUT, no Bearer key, exactly the signed headers. */
    private void put(SimulatorServer server, HttpExchange exchange, SimulatorServer.Recorded request, String token)
            throws IOException {
        if (gate.faulted(server, exchange, Op.UPLOAD, request)) {
            return;
        }
        Upload upload = uploads.get(token);
        if (upload == null) {
            storeError(exchange, 404, "NoSuchUpload", "unknown upload URL");
        } else if (request.header("Authorization") != null) {
            // as S3 does when a presigned request also carries a credential, and our key must not go there
            storeError(exchange, 400, "InvalidArgument", "Only one auth mechanism allowed");
        } else if (!upload.headers().entrySet().stream().allMatch(h -> h.getValue().equals(request.header(h.getKey())))) {
            storeError(exchange, 403, "SignatureDoesNotMatch", "the signed headers " + upload.headers().keySet()
                    + " were not sent as given");
        } else if (request.body().length != upload.size()) {
            storeError(exchange, 400, "IncompleteBody", "expected " + upload.size() + " bytes, got "
                    + request.body().length);
        } else {
            write(server.storedFile(upload.downloadUrl()), request.body());
            uploads.remove(token);
            SimulatorServer.respond(exchange, 200, "", Map.of("ETag", "\"" + token + "\""));
        }
    }

    private static void refuse(HttpExchange exchange, int status, String message) throws IOException {
        SimulatorServer.json(exchange, status, Map.of("code", status, "message", message));
    }

    private static void storeError(HttpExchange exchange, int status, String code, String message) throws IOException {
        SimulatorServer.respond(exchange, status, "<Error><Code>" + code + "</Code><Message>" + message
                + "</Message></Error>", Map.of("Content-Type", "application/xml"));
    }

    private static void write(Path file, byte[] content) {
        try {
            Files.write(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
