package io.reelroute.simulator;

import static io.reelroute.simulator.BodyRules.integer;
import static io.reelroute.simulator.BodyRules.integerIn;
import static io.reelroute.simulator.BodyRules.numberBetween;
import static io.reelroute.simulator.BodyRules.object;
import static io.reelroute.simulator.BodyRules.stringIn;
import static io.reelroute.simulator.BodyRules.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import io.reelroute.simulator.SimulatorServer.Generation;
import io.reelroute.simulator.SimulatorServer.Op;
import io.reelroute.simulator.SimulatorServer.Outcome;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;

/**
 * The Gemini API as PROTOCOLS.md section 4 describes it, mounted under {@value #PREFIX}: the client's base URL
 * is {@link #baseUrl} (standing for https://generativelanguage.googleapis.com/v1beta). Every call needs the
 * header {@code x-goog-api-key} (missing: 403 PERMISSION_DENIED, wrong: 401 UNAUTHENTICATED); errors are
 * Google's {@code {error:{code, message, status}}}.
 *
 * <ul>
 *   <li>{@code POST /models/{model}:generateContent} of an image model (an id with "-image" in it):
 *       contents[0].parts (text, and up to five images as inline_data or inlineData) and generationConfig
 *       checked (else 400 INVALID_ARGUMENT); answers synchronously with a real PNG as {@code inlineData}
 *       (camelCase, or snake_case after {@link #answerSnakeCase}). A generation whose outcome is a
 *       {@link Outcome.Failure} comes back with no image, finishReason IMAGE_SAFETY and the failure's words as a
 *       text part. Counted as {@link Op#SUBMIT}.</li>
 *   <li>{@code POST /models/{model}:generateContent} of any other (text) model: contents[0].parts of text and a
 *       text generationConfig checked; answers with the text set by {@link #answerText} as one part,
 *       finishReason STOP, or, after {@link #blockText}, with no candidate and promptFeedback.blockReason.
 *       Counted, recorded and faulted as {@link Op#SUBMIT} of {@value #TEXT}, apart from the image and video
 *       generations: {@code server.requests(GeminiProtocol.TEXT, Op.SUBMIT)}.</li>
 *   <li>{@code POST /models/{model}:predictLongRunning}: instances[0] (prompt, image {bytesBase64Encoded,
 *       mimeType}) and parameters (aspectRatio, durationSeconds as a number 4|6|8, resolution, negativePrompt,
 *       personGeneration allow_adult with an image / allow_all without; generateAudio is refused) checked;
 *       answers {@code {name: models/{model}/operations/{id}}}. Counted as {@link Op#SUBMIT}.</li>
 *   <li>{@code GET /models/{model}/operations/{id}}: no {@code done} while running (proto3 JSON leaves false
 *       out), then done with the video URI, with {@code error} for a failure, or with raiMediaFilteredReasons and
 *       no samples ({@link #safetyFiltered}). Counted as {@link Op#POLL}.</li>
 *   <li>{@code GET /files/{id}:download?alt=media}: the key is required (403 without); redirects to the video
 *       served by {@link SimulatorServer#serveFiles}, which counts the {@link Op#DOWNLOAD}.</li>
 * </ul>
 */
public final class GeminiProtocol implements ProviderProtocol {
    public static final String PROVIDER = "gemini";
    public static final String PREFIX = "/gemini";
    /** The name text-model calls are counted, recorded and faulted under on the server. */
    public static final String TEXT = "gemini-text";
    /** What text models answer until a test says otherwise. */
    public static final String DEFAULT_TEXT = "Slow push-in as the light shifts; the subject turns toward the camera.";
    private static final String VERSION = "/v1beta/";
    private static final Pattern MODEL_CALL = Pattern.compile("models/([^/:]+):(generateContent|predictLongRunning)");
    private static final Pattern OPERATION = Pattern.compile("models/([^/:]+)/operations/([^/]+)");
    private static final Pattern FILE = Pattern.compile("files/([^/:]+):download");
    private static final String RAI = "rai:";
    private static final List<String> IMAGE_ASPECTS = List.of("1:1", "2:3", "3:2", "3:4", "4:3", "4:5", "5:4",
            "9:16", "16:9", "21:9");
    private static final String PNG_BASE64 = Base64.getEncoder().encodeToString(smallPng());

    private final CallGate gate;
    private final CallGate textGate;
    private volatile boolean snakeCase;
    private volatile TextAnswer textAnswer = new TextAnswer(DEFAULT_TEXT, null);

    /** What a text model answers: {@code text}, or nothing and {@code blockReason} when that is set. */
    private record TextAnswer(String text, String blockReason) {
    }

    /** @param key the GEMINI_API_KEY of the simulated account */
    public GeminiProtocol(String key) {
        this.gate = new CallGate(PROVIDER, "x-goog-api-key", key, GeminiProtocol::refuse);
        this.textGate = new CallGate(TEXT, "x-goog-api-key", key, GeminiProtocol::refuse);
    }

    /** Text models answer {@code text} (as one part, finishReason STOP) from now on. */
    public GeminiProtocol answerText(String text) {
        this.textAnswer = new TextAnswer(text, null);
        return this;
    }

    /** Text models block every prompt from now on: no candidate, promptFeedback.blockReason {@code reason}. */
    public GeminiProtocol blockText(String reason) {
        this.textAnswer = new TextAnswer(null, reason);
        return this;
    }

    public static String baseUrl(SimulatorServer server) {
        return server.baseUrl() + PREFIX + "/v1beta";
    }

    /** A Veo generation whose video the safety filters remove: done, no samples, the reason given. */
    public static Outcome safetyFiltered(String reason) {
        return new Outcome.Failure(RAI + reason);
    }

    /** generateContent answers with snake_case {@code inline_data}/{@code mime_type}, as some clients expect. */
    public GeminiProtocol answerSnakeCase() {
        this.snakeCase = true;
        return this;
    }

    /** The PNG every keyframe generation returns. */
    public static byte[] keyframePng() {
        return Base64.getDecoder().decode(PNG_BASE64);
    }

    @Override
    public String provider() {
        return PROVIDER;
    }

    @Override
    public String prefix() {
        return PREFIX;
    }

    @Override
    public void handle(SimulatorServer server, HttpExchange exchange, SimulatorServer.Recorded request)
            throws IOException {
        String path = request.path().substring(PREFIX.length());
        if (!path.startsWith(VERSION)) {
            error(exchange, 404, "NOT_FOUND", "no such route: " + request.path());
            return;
        }
        path = path.substring(VERSION.length());
        Matcher call = MODEL_CALL.matcher(path);
        Matcher operation = OPERATION.matcher(path);
        Matcher file = FILE.matcher(path);
        if (request.method().equals("POST") && call.matches() && call.group(2).equals("generateContent")
                && !call.group(1).contains("-image")) {
            if (textGate.admits(server, exchange, Op.SUBMIT, request)) {
                generateText(exchange, request, call.group(1));
            }
        } else if (request.method().equals("POST") && call.matches()) {
            if (!gate.admits(server, exchange, Op.SUBMIT, request)) {
                return;
            }
            if (call.group(2).equals("generateContent")) {
                generateContent(server, exchange, request, call.group(1));
            } else {
                predictLongRunning(server, exchange, request, call.group(1));
            }
        } else if (request.method().equals("GET") && operation.matches()) {
            if (!gate.admits(server, exchange, Op.POLL, request)) {
                return;
            }
            operation(server, exchange, operation.group(1), operation.group(2));
        } else if (request.method().equals("GET") && file.matches()) {
            if (gate.authorized(exchange, request)) {
                download(server, exchange, file.group(1));
            }
        } else {
            error(exchange, 404, "NOT_FOUND", "no such route: " + request.method() + " " + request.path());
        }
    }

    // ---- generateContent ----

    private void generateContent(SimulatorServer server, HttpExchange exchange, SimulatorServer.Recorded request,
                                 String model) throws IOException {
        Generation generation = created(server, exchange, request, model, GeminiProtocol::contentProblem);
        if (generation == null) {
            return;
        }
        Map<String, Object> candidate = new LinkedHashMap<>();
        if (generation.failureMessage() != null) {
            candidate.put("content", Map.of("role", "model", "parts", List.of(Map.of("text",
                    generation.failureMessage()))));
            candidate.put("finishReason", "IMAGE_SAFETY");
        } else {
            Map<String, Object> image = snakeCase ? Map.of("mime_type", "image/png", "data", PNG_BASE64)
                    : Map.of("mimeType", "image/png", "data", PNG_BASE64);
            candidate.put("content", Map.of("role", "model", "parts", List.of(
                    Map.of("text", "Here is the keyframe."), Map.of(snakeCase ? "inline_data" : "inlineData", image))));
            candidate.put("finishReason", "STOP");
        }
        candidate.put("index", 0);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("candidates", List.of(candidate));
        answer.put("modelVersion", model);
        answer.put("responseId", generation.id);
        SimulatorServer.json(exchange, 200, answer);
    }

    private static Optional<String> contentProblem(JsonNode body) {
        Optional<String> problem = BodyRules.fields().required("contents", array(1, 1))
                .optional("generationConfig", object()).problem(body, "");
        if (problem.isPresent()) {
            return problem;
        }
        JsonNode content = body.get("contents").get(0);
        // a text part, the image to edit and up to four reference images
        problem = BodyRules.fields().required("parts", array(1, 6)).optional("role", stringIn("user"))
                .problem(content, "contents[0].");
        int texts = 0;
        for (int i = 0; problem.isEmpty() && i < content.get("parts").size(); i++) {
            JsonNode part = content.get("parts").get(i);
            String at = "contents[0].parts[" + i + "].";
            if (part.has("text")) {
                texts++;
                problem = BodyRules.fields().required("text", text()).problem(part, at);
            } else if (part.has("inline_data")) {
                problem = BodyRules.fields().required("inline_data", object()).problem(part, at)
                        .or(() -> BodyRules.fields().required("mime_type", imageType()).required("data", base64())
                                .problem(part.get("inline_data"), at + "inline_data."));
            } else {
                problem = BodyRules.fields().required("inlineData", object()).problem(part, at)
                        .or(() -> BodyRules.fields().required("mimeType", imageType()).required("data", base64())
                                .problem(part.get("inlineData"), at + "inlineData."));
            }
        }
        if (problem.isEmpty() && texts == 0) {
            problem = Optional.of("contents[0].parts: a text part is required");
        }
        JsonNode config = body.path("generationConfig");
        if (problem.isEmpty() && config.isObject()) {
            problem = BodyRules.fields().required("responseModalities", modalities())
                    .optional("imageConfig", object()).problem(config, "generationConfig.")
                    .or(() -> config.has("imageConfig") ? BodyRules.fields()
                            .optional("aspectRatio", stringIn(IMAGE_ASPECTS.toArray(String[]::new)))
                            .problem(config.get("imageConfig"), "generationConfig.imageConfig.") : Optional.empty());
        }
        return problem;
    }

    // ---- generateContent of a text model ----

    private void generateText(HttpExchange exchange, SimulatorServer.Recorded request, String model)
            throws IOException {
        Optional<JsonNode> body = JsonBodies.object(request);
        Optional<String> problem = JsonBodies.problem(body, "the body must be a JSON object",
                GeminiProtocol::textProblem);
        if (problem.isPresent()) {
            error(exchange, 400, "INVALID_ARGUMENT", problem.get());
            return;
        }
        TextAnswer current = textAnswer;
        Map<String, Object> answer = new LinkedHashMap<>();
        if (current.blockReason() != null) {
            answer.put("promptFeedback", Map.of("blockReason", current.blockReason()));
        } else {
            answer.put("candidates", List.of(Map.of("content", Map.of("role", "model", "parts",
                    List.of(Map.of("text", current.text()))), "finishReason", "STOP", "index", 0)));
        }
        answer.put("modelVersion", model);
        answer.put("responseId", "text-" + UUID.randomUUID());
        SimulatorServer.json(exchange, 200, answer);
    }

    private static Optional<String> textProblem(JsonNode body) {
        Optional<String> problem = BodyRules.fields().required("contents", array(1, 1))
                .optional("generationConfig", object()).optional("systemInstruction", object()).problem(body, "");
        if (problem.isPresent()) {
            return problem;
        }
        JsonNode content = body.get("contents").get(0);
        problem = BodyRules.fields().required("parts", array(1, 8)).optional("role", stringIn("user"))
                .problem(content, "contents[0].");
        for (int i = 0; problem.isEmpty() && i < content.get("parts").size(); i++) {
            problem = BodyRules.fields().required("text", text()).problem(content.get("parts").get(i),
                    "contents[0].parts[" + i + "].");
        }
        JsonNode config = body.path("generationConfig");
        if (problem.isEmpty() && config.isObject()) {
            // a text model: responseModalities IMAGE (or any field it does not know) is refused
            problem = BodyRules.fields().optional("temperature", numberBetween(0, 2))
                    .optional("topP", numberBetween(0, 1)).optional("topK", integer())
                    .optional("maxOutputTokens", integer()).optional("candidateCount", integerIn(1))
                    .optional("thinkingConfig", object()).optional("responseMimeType", stringIn("text/plain"))
                    .problem(config, "generationConfig.");
        }
        return problem;
    }

    // ---- predictLongRunning ----

    private void predictLongRunning(SimulatorServer server, HttpExchange exchange, SimulatorServer.Recorded request,
                                    String model) throws IOException {
        Generation generation = created(server, exchange, request, model, GeminiProtocol::videoProblem);
        if (generation != null) {
            SimulatorServer.json(exchange, 200, Map.of("name", operationName(generation)));
        }
    }

    private static Optional<String> videoProblem(JsonNode body) {
        Optional<String> problem = BodyRules.fields().required("instances", array(1, 1))
                .optional("parameters", object()).problem(body, "");
        if (problem.isPresent()) {
            return problem;
        }
        JsonNode instance = body.get("instances").get(0);
        problem = BodyRules.fields().required("prompt", text()).optional("image", object())
                .problem(instance, "instances[0].")
                .or(() -> instance.has("image") ? BodyRules.fields().required("bytesBase64Encoded", base64())
                        .required("mimeType", imageType()).problem(instance.get("image"), "instances[0].image.")
                        : Optional.empty());
        if (problem.isPresent()) {
            return problem;
        }
        JsonNode parameters = body.path("parameters");
        if (parameters.has("generateAudio")) {
            return Optional.of("`generateAudio` isn't supported by this model.");
        }
        // PROTOCOLS 4.3: only allow_adult for image-to-video on Veo 3.x, allow_all for text-to-video
        String people = instance.has("image") ? "allow_adult" : "allow_all";
        return parameters.isObject() ? BodyRules.fields()
                .optional("aspectRatio", stringIn("16:9", "9:16"))
                .optional("durationSeconds", integerIn(4, 6, 8))
                .optional("resolution", stringIn("720p", "1080p"))
                .optional("negativePrompt", text())
                .optional("personGeneration", stringIn(people))
                .problem(parameters, "parameters.") : Optional.empty();
    }

    private static String operationName(Generation generation) {
        return "models/" + generation.model + "/operations/" + generation.id;
    }

    private static void operation(SimulatorServer server, HttpExchange exchange, String model, String id)
            throws IOException {
        Generation generation = server.generation(id);
        if (generation == null || !generation.provider.equals(PROVIDER) || !generation.model.equals(model)) {
            error(exchange, 404, "NOT_FOUND", "Operation models/" + model + "/operations/" + id + " not found");
            return;
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("name", operationName(generation));
        switch (generation.phase()) {
            case QUEUED, RUNNING, CANCELLED -> { }
            case SUCCEEDED -> {
                answer.put("done", true);
                answer.put("response", videoResponse(Map.of("generatedSamples", List.of(Map.of("video",
                        Map.of("uri", baseUrl(server) + "/files/" + generation.id + ":download?alt=media"))))));
            }
            case FAILED -> {
                answer.put("done", true);
                String message = generation.failureMessage();
                if (message.startsWith(RAI)) {
                    answer.put("response", videoResponse(Map.of("raiMediaFilteredCount", 1,
                            "raiMediaFilteredReasons", List.of(message.substring(RAI.length())))));
                } else {
                    answer.put("error", Map.of("code", 13, "message", message));
                }
            }
        }
        SimulatorServer.json(exchange, 200, answer);
    }

    private static Map<String, Object> videoResponse(Map<String, Object> generateVideoResponse) {
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("@type", "type.googleapis.com/google.ai.generativelanguage.v1beta.PredictLongRunningResponse");
        response.put("generateVideoResponse", generateVideoResponse);
        return response;
    }

    private static void download(SimulatorServer server, HttpExchange exchange, String id) throws IOException {
        Generation generation = server.generation(id);
        if (generation == null || generation.phase() != Generation.Phase.SUCCEEDED) {
            error(exchange, 404, "NOT_FOUND", "File " + id + " not found");
            return;
        }
        SimulatorServer.respond(exchange, 302, "", Map.of("Location", server.outputUrl(generation)));
    }

    // ---- answers and rules ----

    /** A generation of {@code model} for a body {@code rules} accept; else null, the 400 naming the problem sent. */
    private static Generation created(SimulatorServer server, HttpExchange exchange, SimulatorServer.Recorded request,
                                      String model, Function<JsonNode, Optional<String>> rules) throws IOException {
        Optional<JsonNode> body = JsonBodies.object(request);
        Optional<String> problem = JsonBodies.problem(body, "the body must be a JSON object", rules);
        if (problem.isPresent()) {
            error(exchange, 400, "INVALID_ARGUMENT", problem.get());
            return null;
        }
        return server.create(PROVIDER, model, body.get());
    }

    /** A call without the key header, or with a key that is not the account's. */
    private static void refuse(HttpExchange exchange, String given) throws IOException {
        if (given == null) {
            error(exchange, 403, "PERMISSION_DENIED", "Method doesn't allow unregistered callers (callers without"
                    + " established identity). Please use API Key or other form of API consumer identity to call"
                    + " this API.");
        } else {
            error(exchange, 401, "UNAUTHENTICATED", "API key not valid. Please pass a valid API key.");
        }
    }

    private static void error(HttpExchange exchange, int code, String status, String message) throws IOException {
        SimulatorServer.json(exchange, code, Map.of("error", Map.of("code", code, "message", message,
                "status", status)));
    }

    private static BodyRules.Rule array(int min, int max) {
        return new BodyRules.Rule(v -> v.isArray() && v.size() >= min && v.size() <= max,
                "an array of " + min + (min == max ? "" : " to " + max) + " element" + (max == 1 ? "" : "s"));
    }

    private static BodyRules.Rule imageType() {
        return stringIn("image/png", "image/jpeg", "image/webp");
    }

    private static BodyRules.Rule base64() {
        return new BodyRules.Rule(v -> {
            if (!v.isTextual() || v.asText().isEmpty()) {
                return false;
            }
            try {
                Base64.getDecoder().decode(v.asText());
                return true;
            } catch (IllegalArgumentException e) {
                return false;
            }
        }, "base64 bytes");
    }

    private static BodyRules.Rule modalities() {
        return new BodyRules.Rule(v -> {
            if (!v.isArray()) {
                return false;
            }
            boolean image = false;
            for (JsonNode modality : v) {
                if (!modality.asText().equals("IMAGE") && !modality.asText().equals("TEXT")) {
                    return false;
                }
                image |= modality.asText().equals("IMAGE");
            }
            return image;
        }, "[\"IMAGE\"] or [\"TEXT\", \"IMAGE\"]");
    }

    /** A real, small PNG (16x9, two colours), as a keyframe model would return it. */
    private static byte[] smallPng() {
        BufferedImage image = new BufferedImage(16, 9, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 9; y++) {
            for (int x = 0; x < 16; x++) {
                image.setRGB(x, y, (x < 8 ? Color.ORANGE : Color.BLUE).getRGB());
            }
        }
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", png);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return png.toByteArray();
    }
}
