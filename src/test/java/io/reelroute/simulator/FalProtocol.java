package io.reelroute.simulator;

import static io.reelroute.simulator.BodyRules.bool;
import static io.reelroute.simulator.BodyRules.integer;
import static io.reelroute.simulator.BodyRules.integerIn;
import static io.reelroute.simulator.BodyRules.stringIn;
import static io.reelroute.simulator.BodyRules.text;
import static io.reelroute.simulator.BodyRules.url;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import io.reelroute.simulator.SimulatorServer.Generation;
import io.reelroute.simulator.SimulatorServer.Op;
import io.reelroute.simulator.SimulatorServer.Outcome;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * fal.ai as PROTOCOLS.md section 2 describes it, mounted under {@value #PREFIX}: the queue host at
 * {@link #queueUrl} (standing for https://queue.fal.run), the REST host at {@link #restUrl} (https://rest.fal.ai)
 * and a simulated object store for the signed upload URLs. {@code Authorization: Key <key>} is checked on every
 * queue and REST call (else 401 {@code {detail}}).
 *
 * <ul>
 *   <li>{@code POST {queue}/{endpoint-id}}: the flat input checked against the model's fields (else 422
 *       {@code {detail:[{loc:["body",field], msg, type}]}}); an input URL served by this simulator must hold the
 *       uploaded bytes. Answers {@code request_id, status_url, response_url, cancel_url}, which live under the APP
 *       ROOT ({@code fal-ai/kling-video/requests/{id}}), not under the endpoint's sub-path: a client that builds
 *       these URLs itself gets 404. Counted as {@link Op#SUBMIT}.</li>
 *   <li>{@code GET .../requests/{id}/status}: IN_QUEUE (with queue_position) → IN_PROGRESS → COMPLETED, also for
 *       a failed request. {@code GET .../requests/{id}}: the result {@code {video:{url, content_type, file_name,
 *       file_size}}}, or for a failed generation a non-2xx error body (see {@link #rejected}, {@link #timedOut};
 *       a plain {@link Outcome.Failure} answers 500 {@code {detail}}). Both counted as {@link Op#POLL}.</li>
 *   <li>{@code PUT .../requests/{id}/cancel}: 202 CANCELLATION_REQUESTED (the generation is cancelled), 400
 *       ALREADY_COMPLETED, 404 NOT_FOUND. Counted as {@link Op#CANCEL}.</li>
 *   <li>{@code POST {rest}/storage/upload/initiate?storage_type=fal-cdn-v3} {@code {content_type, file_name}}:
 *       answers {@code upload_url} (here, at the object store) and {@code file_url} (served by
 *       {@link SimulatorServer#serveFiles}). The store's PUT takes no key, wants the initiated Content-Type
 *       (else 403, as a signature mismatch), is counted as {@link Op#UPLOAD}, and is where
 *       {@link SimulatorServer.Fault.Expired} applies.</li>
 * </ul>
 */
public final class FalProtocol implements ProviderProtocol {
    public static final String PROVIDER = "fal";
    public static final String PREFIX = "/fal";
    private static final String QUEUE = "/queue/";
    private static final String REST = "/rest";
    private static final String STORE = "/object-store/";
    /** {app}/requests/{id}[/status|/cancel], the app being owner/name: two path steps, never more. */
    private static final Pattern REQUEST = Pattern.compile("([^/]+/[^/]+)/requests/([^/]+)(/status|/cancel)?");
    private static final String REJECTED = "fal-422:";
    private static final String TIMED_OUT = "fal-504:request_timeout";

    /** The models of models.yaml with the fields PROTOCOLS.md 2.10 lists for each, value forms included. */
    private static final Map<String, BodyRules> MODELS = Map.of(
            "fal-ai/ltx-2/image-to-video", BodyRules.fields()
                    .required("image_url", url()).required("prompt", text())
                    .optional("duration", integerIn(6, 8, 10))
                    .optional("resolution", stringIn("1080p", "1440p", "2160p"))
                    .optional("fps", integerIn(25, 50)).optional("generate_audio", bool()),
            "fal-ai/kling-video/v2.6/pro/image-to-video", BodyRules.fields()
                    .required("prompt", text()).required("start_image_url", url())
                    .optional("end_image_url", url()).optional("duration", stringIn("5", "10"))
                    .optional("negative_prompt", text()).optional("generate_audio", bool()),
            "fal-ai/veo3.1/image-to-video", BodyRules.fields()
                    .required("prompt", text()).required("image_url", url())
                    .optional("aspect_ratio", stringIn("auto", "16:9", "9:16"))
                    .optional("duration", stringIn("4s", "6s", "8s"))
                    .optional("resolution", stringIn("720p", "1080p", "4k"))
                    .optional("generate_audio", bool()).optional("negative_prompt", text())
                    .optional("seed", integer()).optional("auto_fix", bool())
                    .optional("safety_tolerance", stringIn("1", "2", "3", "4", "5", "6")),
            "wan/v2.6/image-to-video", BodyRules.fields()
                    .required("prompt", text()).required("image_url", url())
                    .optional("resolution", stringIn("720p", "1080p"))
                    .optional("duration", stringIn("5", "10", "15"))
                    .optional("audio_url", url()).optional("negative_prompt", text())
                    .optional("enable_prompt_expansion", bool()).optional("multi_shots", bool())
                    .optional("seed", integer()).optional("enable_safety_checker", bool()));

    private record Upload(String contentType, String fileUrl) {
    }

    private final CallGate gate;
    private final Map<String, Upload> uploads = new ConcurrentHashMap<>();
    private final AtomicInteger initiations = new AtomicInteger();

    /** @param key the FAL_KEY of the simulated account; any other {@code Key} value is refused */
    public FalProtocol(String key) {
        this.gate = new CallGate(PROVIDER, "Authorization", "Key " + key, (exchange, given) ->
                detail(exchange, 401, "Invalid or missing credentials: use the header Authorization: Key <FAL_KEY>"));
    }

    public static String queueUrl(SimulatorServer server) {
        return server.baseUrl() + PREFIX + "/queue";
    }

    public static String restUrl(SimulatorServer server) {
        return server.baseUrl() + PREFIX + REST;
    }

    /** A generation the model app refuses: its result call answers 422 with a detail list naming {@code field}. */
    public static Outcome rejected(String field, String message) {
        return new Outcome.Failure(REJECTED + field + ":" + message);
    }

    /** A generation that hits fal's infrastructure timeout: 504, error_type request_timeout (PROTOCOLS 2.7). */
    public static Outcome timedOut() {
        return new Outcome.Failure(TIMED_OUT);
    }

    @Override
    public String provider() {
        return PROVIDER;
    }

    @Override
    public String prefix() {
        return PREFIX;
    }

    /** How many uploads were initiated (their PUTs are counted as {@link Op#UPLOAD}). */
    public int initiations() {
        return initiations.get();
    }

    @Override
    public void handle(SimulatorServer server, HttpExchange exchange, SimulatorServer.Recorded request)
            throws IOException {
        String path = request.path().substring(PREFIX.length());
        String method = request.method();
        if (path.startsWith(STORE) && method.equals("PUT")) {
            put(server, exchange, request, path.substring(STORE.length()));
        } else if (path.equals(REST + "/storage/upload/initiate") && method.equals("POST")) {
            initiate(server, exchange, request);
        } else if (path.startsWith(QUEUE) && method.equals("POST")) {
            submit(server, exchange, request, path.substring(QUEUE.length()));
        } else if (path.startsWith(QUEUE)) {
            follow(server, exchange, request, path.substring(QUEUE.length()));
        } else {
            detail(exchange, 404, "Not Found");
        }
    }

    // ---- queue ----

    private void submit(SimulatorServer server, HttpExchange exchange, SimulatorServer.Recorded request,
                        String endpointId) throws IOException {
        if (!gate.admits(server, exchange, Op.SUBMIT, request)) {
            return;
        }
        BodyRules rules = MODELS.get(endpointId);
        if (rules == null) {
            detail(exchange, 404, "Application '" + endpointId + "' not found");
            return;
        }
        Optional<JsonNode> body = JsonBodies.object(request);
        if (body.isEmpty()) {
            validation(exchange, "body", "Input should be a valid JSON object", "json_invalid");
            return;
        }
        Optional<String> problem = rules.problem(body.get(), "").or(() -> missingUpload(server, body.get()));
        if (problem.isPresent()) {
            String text = problem.get();
            int colon = text.indexOf(':');
            validation(exchange, text.substring(0, colon), text.substring(colon + 1).strip(), "value_error");
            return;
        }
        Generation generation = server.create(PROVIDER, endpointId, body.get());
        Map<String, Object> answer = new LinkedHashMap<>(handles(server, generation));
        answer.put("status", "IN_QUEUE");
        answer.put("queue_position", generation.queuePosition());
        SimulatorServer.json(exchange, 200, answer);
    }

    /** A file URL of this simulator whose upload never arrived: the model could not fetch it. */
    private static Optional<String> missingUpload(SimulatorServer server, JsonNode body) {
        for (Map.Entry<String, JsonNode> field : (Iterable<Map.Entry<String, JsonNode>>) body::fields) {
            String value = field.getValue().asText("");
            if (value.startsWith(server.baseUrl() + "/files/")) {
                Path stored = server.storedFile(value);
                if (stored == null || size(stored) == 0) {
                    return Optional.of(field.getKey() + ": could not download the file from the given URL");
                }
            }
        }
        return Optional.empty();
    }

    private void follow(SimulatorServer server, HttpExchange exchange, SimulatorServer.Recorded request,
                        String path) throws IOException {
        Matcher matcher = REQUEST.matcher(path);
        String action = matcher.matches() && matcher.group(3) != null ? matcher.group(3) : "";
        Op op = action.equals("/cancel") ? Op.CANCEL : Op.POLL;
        if (!gate.admits(server, exchange, op, request)) {
            return;
        }
        Generation generation = matcher.matches() ? server.generation(matcher.group(2)) : null;
        if (generation == null || !generation.provider.equals(PROVIDER)
                || !appOf(generation.model).equals(matcher.group(1))) {
            detail(exchange, 404, "Request not found: " + path);
            return;
        }
        String expectedMethod = op == Op.CANCEL ? "PUT" : "GET";
        if (!request.method().equals(expectedMethod)) {
            detail(exchange, 405, "Method Not Allowed");
        } else if (op == Op.CANCEL) {
            cancel(exchange, generation);
        } else if (action.equals("/status")) {
            status(server, exchange, generation);
        } else {
            result(server, exchange, generation);
        }
    }

    private static void status(SimulatorServer server, HttpExchange exchange, Generation generation)
            throws IOException {
        Map<String, Object> answer = new LinkedHashMap<>(handles(server, generation));
        switch (generation.phase()) {
            case QUEUED -> {
                answer.put("status", "IN_QUEUE");
                answer.put("queue_position", generation.queuePosition());
            }
            case RUNNING -> answer.put("status", "IN_PROGRESS");
            // no FAILED state at fal: a failed (or cancelled) request completes, the result call tells
            default -> answer.put("status", "COMPLETED");
        }
        SimulatorServer.json(exchange, 200, answer);
    }

    private static void result(SimulatorServer server, HttpExchange exchange, Generation generation)
            throws IOException {
        switch (generation.phase()) {
            case QUEUED, RUNNING -> detail(exchange, 400, "Request is still in progress");
            // how fal answers the result of a cancelled request is not in PROTOCOLS: a plain error here
            case CANCELLED -> detail(exchange, 400, "Request was cancelled");
            case FAILED -> failure(exchange, generation.failureMessage());
            case SUCCEEDED -> {
                String url = server.outputUrl(generation);
                Map<String, Object> video = new LinkedHashMap<>();
                video.put("url", url);
                video.put("content_type", "video/mp4");
                video.put("file_name", "output.mp4");
                video.put("file_size", size(server.storedFile(url)));
                SimulatorServer.json(exchange, 200, Map.of("video", video));
            }
        }
    }

    private static void failure(HttpExchange exchange, String message) throws IOException {
        if (message.startsWith(REJECTED)) {
            String[] fieldAndMessage = message.substring(REJECTED.length()).split(":", 2);
            validation(exchange, fieldAndMessage[0], fieldAndMessage[1], "content_policy_violation");
        } else if (message.equals(TIMED_OUT)) {
            SimulatorServer.respond(exchange, 504, SimulatorServer.JSON.writeValueAsString(
                            Map.of("detail", "Request timed out", "error_type", "request_timeout")),
                    Map.of("X-Fal-Error-Type", "request_timeout"));
        } else {
            detail(exchange, 500, message);
        }
    }

    private static void cancel(HttpExchange exchange, Generation generation) throws IOException {
        switch (generation.phase()) {
            case QUEUED, RUNNING -> {
                generation.cancelled = true;
                SimulatorServer.json(exchange, 202, Map.of("status", "CANCELLATION_REQUESTED"));
            }
            default -> SimulatorServer.json(exchange, 400, Map.of("status", "ALREADY_COMPLETED"));
        }
    }

    /** The follow-up URLs, under the app root (PROTOCOLS 2.2's gotcha). */
    private static Map<String, Object> handles(SimulatorServer server, Generation generation) {
        String base = queueUrl(server) + "/" + appOf(generation.model) + "/requests/" + generation.id;
        Map<String, Object> handles = new LinkedHashMap<>();
        handles.put("request_id", generation.id);
        handles.put("gateway_request_id", generation.id);
        handles.put("status_url", base + "/status");
        handles.put("response_url", base);
        handles.put("cancel_url", base + "/cancel");
        return handles;
    }

    /** fal-ai/kling-video/v2.6/pro/image-to-video → fal-ai/kling-video; wan/v2.6/image-to-video → wan/v2.6. */
    private static String appOf(String endpointId) {
        String[] steps = endpointId.split("/");
        return steps[0] + "/" + steps[1];
    }

    // ---- storage ----

    private void initiate(SimulatorServer server, HttpExchange exchange, SimulatorServer.Recorded request)
            throws IOException {
        if (!gate.authorized(exchange, request)) {
            return;
        }
        if (!"storage_type=fal-cdn-v3".equals(request.query())) {
            detail(exchange, 400, "storage_type must be fal-cdn-v3, got query " + request.query());
            return;
        }
        Optional<String> problem = JsonBodies.problem(JsonBodies.object(request),
                "body: Input should be a valid JSON object", body -> BodyRules.fields()
                        .required("content_type", text()).required("file_name", text()).problem(body, ""));
        if (problem.isPresent()) {
            detail(exchange, 422, problem.get());
            return;
        }
        initiations.incrementAndGet();
        JsonNode body = request.json();
        String token = UUID.randomUUID().toString();
        // the file URL exists from the start, as at a real store; the PUT fills it
        Upload upload = new Upload(body.get("content_type").asText(),
                server.store(body.get("file_name").asText(), new byte[0]));
        uploads.put(token, upload);
        SimulatorServer.json(exchange, 200, Map.of("upload_url", server.baseUrl() + PREFIX + STORE + token
                + "?X-Goog-Signature=" + token, "file_url", upload.fileUrl()));
    }

    private void put(SimulatorServer server, HttpExchange exchange, SimulatorServer.Recorded request, String token)
            throws IOException {
        if (gate.faulted(server, exchange, Op.UPLOAD, request)) {
            return;
        }
        Upload upload = uploads.get(token);
        if (upload == null || !upload.contentType().equals(request.header("Content-Type"))) {
            SimulatorServer.respond(exchange, 403, "<Error><Code>SignatureDoesNotMatch</Code></Error>",
                    Map.of("Content-Type", "application/xml"));
            return;
        }
        Files.write(server.storedFile(upload.fileUrl()), request.body());
        SimulatorServer.respond(exchange, 200, "", Map.of());
    }

    // ---- answers ----

    /** fal's validation error: {detail:[{loc:["body", field], msg, type}]} with HTTP 422. */
    private static void validation(HttpExchange exchange, String field, String message, String type)
            throws IOException {
        List<String> loc = field.equals("body") ? List.of("body") : List.of("body", field);
        SimulatorServer.json(exchange, 422, Map.of("detail", List.of(Map.of("loc", loc, "msg", message,
                "type", type))));
    }

    private static void detail(HttpExchange exchange, int status, String detail) throws IOException {
        SimulatorServer.json(exchange, status, Map.of("detail", detail));
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
