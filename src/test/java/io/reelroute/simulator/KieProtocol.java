package io.reelroute.simulator;

import static io.reelroute.simulator.BodyRules.bool;
import static io.reelroute.simulator.BodyRules.object;
import static io.reelroute.simulator.BodyRules.stringIn;
import static io.reelroute.simulator.BodyRules.text;
import static io.reelroute.simulator.BodyRules.url;
import static io.reelroute.simulator.BodyRules.urls;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import io.reelroute.simulator.SimulatorServer.Generation;
import io.reelroute.simulator.SimulatorServer.Op;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * KIE AI as PROTOCOLS.md section 3 describes it. KIE has two hosts, so this is two mounts: the API under
 * {@value #API_PREFIX} and the file upload host ({@link #uploadHost()}) under {@value #UPLOAD_PREFIX}:
 * <pre>
 *   KieProtocol kie = new KieProtocol(KEY);
 *   server.mount(kie).mount(kie.uploadHost());
 *   api base = server.baseUrl() + KieProtocol.API_PREFIX, upload base = server.baseUrl() + KieProtocol.UPLOAD_PREFIX
 * </pre>
 * As KIE does, every answer of a known route is HTTP 200 and the outcome is the body's {@code code}: 401 for a
 * missing or wrong Bearer key, 422 naming the field for a request the model does not take. Only an unknown
 * route is a real HTTP 404. Faults ({@link SimulatorServer#arrive}) apply as given, so a
 * {@code Fault.Status(200, "{\"code\":402,...}")} injects a body-code error and {@code Fault.Status(500, ...)}
 * a real HTTP one.
 *
 * <ul>
 *   <li>{@code POST /api/v1/jobs/createTask} {@code {model, input}}: {@link Op#SUBMIT}.</li>
 *   <li>{@code GET /api/v1/jobs/recordInfo?taskId=}: waiting → queuing → generating → success (resultJson, a
 *       string) | fail (failCode, failMsg); {@link Op#POLL}.</li>
 *   <li>Upload host {@code POST /api/file-base64-upload} and {@code /api/file-stream-upload} (multipart):
 *       stored with {@link SimulatorServer#store}, {@code data.downloadUrl}; {@link Op#UPLOAD}.</li>
 * </ul>
 */
public final class KieProtocol implements ProviderProtocol {
    public static final String PROVIDER = "kie";
    public static final String API_PREFIX = "/kie";
    public static final String UPLOAD_PREFIX = "/kie-upload";
    /** KIE's base64 call is for files under 10 MB. */
    static final int BASE64_LIMIT = 10 * 1024 * 1024;

    private static final BodyRules.Rule PROMPT = new BodyRules.Rule(
            v -> text().accepts().test(v) && v.asText().length() <= 10_000, "a non-empty string of at most 10000 characters");
    private static final BodyRules.Rule ARRAY = new BodyRules.Rule(JsonNode::isArray, "an array");

    private static final BodyRules TASK = BodyRules.fields()
            .required("model", stringIn("sora-2-image-to-video", "sora-2-text-to-video"))
            .required("input", object())
            .optional("callBackUrl", url()).optional("progressCallBackUrl", url());

    /** Sora 2's input (PROTOCOLS.md 3.2); text-to-video takes the same minus image_urls. */
    private static final Map<String, BodyRules> INPUTS = Map.of(
            "sora-2-image-to-video", BodyRules.fields()
                    .required("prompt", PROMPT).required("image_urls", urls(1))
                    .optional("aspect_ratio", stringIn("portrait", "landscape"))
                    .optional("n_frames", stringIn("10", "15"))
                    .optional("remove_watermark", bool()).optional("character_id_list", ARRAY),
            "sora-2-text-to-video", BodyRules.fields()
                    .required("prompt", PROMPT)
                    .optional("aspect_ratio", stringIn("portrait", "landscape"))
                    .optional("n_frames", stringIn("10", "15"))
                    .optional("remove_watermark", bool()).optional("character_id_list", ARRAY));

    private final CallGate gate;

    /** @param key the API key of the simulated account (both hosts); any other Bearer value gets code 401 */
    public KieProtocol(String key) {
        this.gate = new CallGate(PROVIDER, "Authorization", "Bearer " + key,
                (exchange, given) -> answer(exchange, 401, "You do not have access permissions", null));
    }

    @Override
    public String provider() {
        return PROVIDER;
    }

    @Override
    public String prefix() {
        return API_PREFIX;
    }

    /** The upload host, to mount beside this one. */
    public ProviderProtocol uploadHost() {
        return new UploadHost();
    }

    @Override
    public void handle(SimulatorServer server, HttpExchange exchange, SimulatorServer.Recorded request)
            throws IOException {
        String path = request.path().substring(API_PREFIX.length());
        if (request.method().equals("POST") && path.equals("/api/v1/jobs/createTask")) {
            createTask(server, exchange, request);
        } else if (request.method().equals("GET") && path.equals("/api/v1/jobs/recordInfo")) {
            recordInfo(server, exchange, request);
        } else {
            SimulatorServer.respond(exchange, 404, "{\"timestamp\":0,\"status\":404,\"error\":\"Not Found\"}", Map.of());
        }
    }

    private void createTask(SimulatorServer server, HttpExchange exchange, SimulatorServer.Recorded request)
            throws IOException {
        if (!gate.admits(server, exchange, Op.SUBMIT, request)) {
            return;
        }
        Optional<String> problem = JsonBodies.declaredProblem(request, body -> TASK.problem(body, "")
                .or(() -> INPUTS.get(body.get("model").asText()).problem(body.get("input"), "input.")));
        if (problem.isPresent()) {
            answer(exchange, 422, problem.get(), null);
            return;
        }
        JsonNode body = request.json();
        Generation generation = server.create(PROVIDER, body.get("model").asText(), body);
        answer(exchange, 200, "success", Map.of("taskId", generation.id));
    }

    private void recordInfo(SimulatorServer server, HttpExchange exchange, SimulatorServer.Recorded request)
            throws IOException {
        if (!gate.admits(server, exchange, Op.POLL, request)) {
            return;
        }
        String taskId = query(request).get("taskId");
        if (taskId == null || taskId.isBlank()) {
            answer(exchange, 422, "taskId: is required", null);
            return;
        }
        Generation generation = server.generation(taskId);
        if (generation == null || !generation.provider.equals(PROVIDER)) {
            answer(exchange, 404, "task not found: " + taskId, null);
            return;
        }
        answer(exchange, 200, "success", record(server, generation));
    }

    private static Map<String, Object> record(SimulatorServer server, Generation generation) {
        long created = System.currentTimeMillis() - (System.nanoTime() - generation.createdNanos) / 1_000_000;
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("taskId", generation.id);
        data.put("model", generation.model);
        data.put("param", generation.request.toString());
        String state = switch (generation.phase()) {
            // KIE's queue has two words for waiting: the last stretch before a slot is "queuing"
            case QUEUED -> generation.queuePosition() > 1 ? "waiting" : "queuing";
            case RUNNING -> "generating";
            case SUCCEEDED -> "success";
            case FAILED, CANCELLED -> "fail";
        };
        data.put("state", state);
        data.put("resultJson", state.equals("success")
                ? SimulatorServer.JSON.createObjectNode().set("resultUrls",
                        SimulatorServer.JSON.createArrayNode().add(server.outputUrl(generation))).toString()
                : "");
        data.put("failCode", state.equals("fail") ? "500" : "");
        data.put("failMsg", state.equals("fail") ? (generation.failureMessage() == null ? "task cancelled"
                : generation.failureMessage()) : "");
        data.put("createTime", created);
        data.put("updateTime", System.currentTimeMillis());
        boolean done = state.equals("success") || state.equals("fail");
        data.put("completeTime", done ? System.currentTimeMillis() : null);
        data.put("costTime", done ? System.currentTimeMillis() - created : null);
        return data;
    }

    /** KIE's file upload host (a different domain in production). */
    private final class UploadHost implements ProviderProtocol {
        private static final BodyRules BASE64 = BodyRules.fields()
                .required("base64Data", text()).required("uploadPath", text()).optional("fileName", text());

        @Override
        public String provider() {
            return PROVIDER;
        }

        @Override
        public String prefix() {
            return UPLOAD_PREFIX;
        }

        @Override
        public void handle(SimulatorServer server, HttpExchange exchange, SimulatorServer.Recorded request)
                throws IOException {
            String path = request.path().substring(UPLOAD_PREFIX.length());
            if (!request.method().equals("POST")
                    || !(path.equals("/api/file-base64-upload") || path.equals("/api/file-stream-upload"))) {
                SimulatorServer.respond(exchange, 404, "{\"status\":404,\"error\":\"Not Found\"}", Map.of());
                return;
            }
            if (!gate.admits(server, exchange, Op.UPLOAD, request)) {
                return;
            }
            if (path.equals("/api/file-base64-upload")) {
                base64(server, exchange, request);
            } else {
                stream(server, exchange, request);
            }
        }

        private void base64(SimulatorServer server, HttpExchange exchange, SimulatorServer.Recorded request)
                throws IOException {
            Optional<String> problem = JsonBodies.declaredProblem(request, body -> BASE64.problem(body, ""));
            if (problem.isPresent()) {
                answer(exchange, 422, problem.get(), null);
                return;
            }
            JsonNode body = request.json();
            String data = body.get("base64Data").asText();
            byte[] content;
            try {
                // raw base64 or a data URI, both documented
                content = Base64.getDecoder().decode(data.startsWith("data:") ? data.substring(data.indexOf(',') + 1) : data);
            } catch (IllegalArgumentException e) {
                answer(exchange, 422, "base64Data: not valid base64", null);
                return;
            }
            if (content.length >= BASE64_LIMIT) {
                answer(exchange, 422, "base64Data: files of 10 MB or more go through file-stream-upload", null);
                return;
            }
            String type = data.startsWith("data:") ? data.substring(5, data.indexOf(';')) : "application/octet-stream";
            stored(server, exchange, body.path("fileName").asText("upload"), body.get("uploadPath").asText(), content,
                    type);
        }

        private void stream(SimulatorServer server, HttpExchange exchange, SimulatorServer.Recorded request)
                throws IOException {
            Map<String, Part> parts = Multipart.parse(request);
            Part file = parts.get("file");
            Part uploadPath = parts.get("uploadPath");
            if (file == null || file.fileName() == null) {
                answer(exchange, 422, "file: is required (a multipart file part)", null);
            } else if (uploadPath == null || uploadPath.text().isBlank()) {
                answer(exchange, 422, "uploadPath: is required", null);
            } else {
                Part name = parts.get("fileName");
                stored(server, exchange, name == null ? file.fileName() : name.text(), uploadPath.text(),
                        file.content(), file.contentType());
            }
        }

        private void stored(SimulatorServer server, HttpExchange exchange, String fileName, String uploadPath,
                            byte[] content, String type) throws IOException {
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("fileName", fileName);
            data.put("filePath", uploadPath + "/" + fileName);
            data.put("downloadUrl", server.store(fileName, content));
            data.put("fileSize", content.length);
            data.put("mimeType", type);
            data.put("uploadedAt", Instant.now().toString());
            SimulatorServer.json(exchange, 200, Map.of("success", true, "code", 200, "msg", "File uploaded successfully",
                    "data", data));
        }
    }

    /** KIE's envelope, always under HTTP 200. */
    private static void answer(HttpExchange exchange, int code, String msg, Object data) throws IOException {
        Map<String, Object> body = new HashMap<>();
        body.put("code", code);
        body.put("msg", msg);
        body.put("data", data);
        SimulatorServer.json(exchange, 200, body);
    }

    private static Map<String, String> query(SimulatorServer.Recorded request) {
        Map<String, String> values = new HashMap<>();
        if (request.query() != null) {
            for (String pair : request.query().split("&")) {
                String[] nameValue = pair.split("=", 2);
                values.put(URLDecoder.decode(nameValue[0], StandardCharsets.UTF_8),
                        nameValue.length < 2 ? "" : URLDecoder.decode(nameValue[1], StandardCharsets.UTF_8));
            }
        }
        return values;
    }

    /** One part of a multipart/form-data body. */
    record Part(String fileName, String contentType, byte[] content) {
        String text() {
            return new String(content, StandardCharsets.UTF_8);
        }
    }

    /** Just enough of RFC 7578 to read what an HTTP client sends: parts by name, binary-safe. */
    static final class Multipart {
        private Multipart() {
        }

        static Map<String, Part> parse(SimulatorServer.Recorded request) {
            Map<String, Part> parts = new HashMap<>();
            String type = request.header("Content-Type");
            if (type == null || !type.startsWith("multipart/form-data") || !type.contains("boundary=")) {
                return parts;
            }
            String boundary = type.substring(type.indexOf("boundary=") + "boundary=".length()).replace("\"", "");
            byte[] delimiter = ("--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
            byte[] body = request.body();
            int start = indexOf(body, delimiter, 0);
            while (start >= 0) {
                int from = start + delimiter.length;
                if (from + 2 > body.length || (body[from] == '-' && body[from + 1] == '-')) {
                    break; // the closing delimiter
                }
                from += 2; // CRLF after the delimiter
                int next = indexOf(body, delimiter, from);
                if (next < 0) {
                    break;
                }
                int headersEnd = indexOf(body, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), from);
                String headers = new String(body, from, headersEnd - from, StandardCharsets.UTF_8);
                byte[] content = Arrays.copyOfRange(body, headersEnd + 4, next - 2); // CRLF before the delimiter
                String name = parameter(headers, "name");
                if (name != null) {
                    parts.put(name, new Part(parameter(headers, "filename"), header(headers, "Content-Type"), content));
                }
                start = next;
            }
            return parts;
        }

        private static String parameter(String headers, String name) {
            String marker = "; " + name + "=\"";
            int at = headers.indexOf(marker);
            return at < 0 ? null : headers.substring(at + marker.length(), headers.indexOf('"', at + marker.length()));
        }

        private static String header(String headers, String name) {
            for (String line : headers.split("\r\n")) {
                if (line.regionMatches(true, 0, name + ":", 0, name.length() + 1)) {
                    return line.substring(name.length() + 1).trim();
                }
            }
            return "application/octet-stream";
        }

        private static int indexOf(byte[] haystack, byte[] needle, int from) {
            outer:
            for (int i = from; i <= haystack.length - needle.length; i++) {
                for (int j = 0; j < needle.length; j++) {
                    if (haystack[i + j] != needle[j]) {
                        continue outer;
                    }
                }
                return i;
            }
            return -1;
        }
    }
}
