package io.reelroute.provider.fal;

import com.fasterxml.jackson.databind.JsonNode;
import io.reelroute.catalog.ModelDef;
import io.reelroute.error.ErrorCode;
import io.reelroute.provider.PollResult;
import io.reelroute.provider.Prediction;
import io.reelroute.provider.ProviderClient;
import io.reelroute.provider.ProviderEndpoint;
import io.reelroute.provider.ProviderException;
import io.reelroute.provider.ProviderHttp;
import io.reelroute.provider.RequestBodies;
import io.reelroute.provider.SubmitRequest;
import io.reelroute.provider.Submitted;
import io.reelroute.provider.UploadCache;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * fal.ai's queue API (PROTOCOLS 2): submit to {@code {queue}/{endpoint-id}}, then follow the request only
 * through the {@code status_url}, {@code response_url} and {@code cancel_url} it answered with. Those live under
 * the app root ({@code fal-ai/kling-video/requests/{id}}), not under a sub-path endpoint id, so they are kept in
 * the {@link Prediction} and used verbatim, never rebuilt. Every call carries {@code Authorization: Key ...}.
 */
public final class FalClient implements ProviderClient {
    public static final String STATUS_URL = "status_url";
    public static final String RESPONSE_URL = "response_url";
    public static final String CANCEL_URL = "cancel_url";

    /**
     * How long an upload is reused. fal's retention of uploaded files is UNKNOWN (PROTOCOLS 2.4, 2.9), and an
     * upload costs nothing, so the default is short; a longer one can be given to the constructor.
     */
    public static final Duration DEFAULT_UPLOAD_LIFETIME = Duration.ofHours(1);

    /** Cancel answers that all mean "nothing more to do" (PROTOCOLS 2.5). */
    private static final Set<String> CANCEL_DONE = Set.of("OK", "CANCELLATION_REQUESTED", "ALREADY_COMPLETED",
            "NOT_FOUND");

    private final ProviderEndpoint queue;
    private final ProviderHttp http;
    private final FalStorage storage;

    /**
     * @param queue   FAL_QUEUE_BASE_URL (https://queue.fal.run) with FAL_KEY
     * @param rest    FAL_REST_BASE_URL (https://rest.fal.ai, storage uploads) with the same key
     * @param uploads where uploaded inputs are remembered, so one content is uploaded once
     */
    public FalClient(ProviderEndpoint queue, ProviderEndpoint rest, ProviderHttp http, UploadCache uploads) {
        this(queue, rest, http, uploads, DEFAULT_UPLOAD_LIFETIME);
    }

    public FalClient(ProviderEndpoint queue, ProviderEndpoint rest, ProviderHttp http, UploadCache uploads,
                     Duration uploadLifetime) {
        this.queue = queue;
        this.http = http;
        this.storage = new FalStorage(rest, http, uploads, uploadLifetime);
    }

    @Override
    public String providerId() {
        return "fal";
    }

    /** The model's flat input object, local inputs uploaded to fal storage first, https inputs as given. */
    @Override
    public Submitted submit(SubmitRequest request) {
        ModelDef model = request.model();
        String endpointId = model.endpointFor(request.operation()).orElseThrow(() -> new IllegalStateException(
                model.id() + " has no endpoint for " + request.operation()));
        Map<String, Object> inputs = new LinkedHashMap<>();
        request.inputs().forEach((role, input) -> inputs.put(role, input.isUrl() ? input.url() : storage.urlOf(input)));
        Map<String, Object> body = RequestBodies.build(model, request.prompt(), request.parameters(), inputs);

        String what = "fal submit to " + endpointId;
        HttpRequest post = http.request(queue.baseUrl() + "/" + endpointId, jsonHeaders())
                .POST(http.jsonBody(body)).build();
        ProviderHttp.Answer answer = http.send(post, what);
        if (!answer.ok()) {
            throw ProviderHttp.failure(what, answer, FalErrors.words(answer.body()));
        }
        JsonNode accepted = answer.body();
        String requestId = accepted.path("request_id").asText("");
        Map<String, String> handles = new LinkedHashMap<>();
        for (String handle : List.of(STATUS_URL, RESPONSE_URL, CANCEL_URL)) {
            String url = accepted.path(handle).asText("");
            if (!url.isBlank()) {
                handles.put(handle, url);
            }
        }
        if (requestId.isBlank() || !handles.containsKey(STATUS_URL) || !handles.containsKey(RESPONSE_URL)) {
            // accepted (2xx), so it may be running and billed: not retryable, and the outcome is unknown
            throw new ProviderException(ErrorCode.PROVIDER_FAILED, what + ": the answer lacks request_id, status_url"
                    + " or response_url, so the request cannot be followed", answer.status(), false, null);
        }
        return new Submitted.Accepted(new Prediction(requestId, handles));
    }

    /** One status call; on COMPLETED also the result call, since a failure only shows there (PROTOCOLS 2.3). */
    @Override
    public PollResult poll(Prediction prediction) {
        String what = "fal status of " + prediction.id();
        ProviderHttp.Answer answer = get(handle(prediction, STATUS_URL), what);
        if (!answer.ok()) {
            throw ProviderHttp.failure(what, answer, FalErrors.words(answer.body()));
        }
        String status = answer.body().path("status").asText("");
        return switch (status) {
            case "IN_QUEUE" -> {
                JsonNode position = answer.body().path("queue_position");
                yield new PollResult.Pending(status, position.isNumber() ? position.asInt() : null);
            }
            case "IN_PROGRESS" -> new PollResult.Pending(status, null);
            case "COMPLETED" -> result(prediction);
            default -> throw new ProviderException(ErrorCode.PROVIDER_FAILED, what + ": unexpected status '"
                    + status + "'", answer.status(), true, null);
        };
    }

    /**
     * The result call of a COMPLETED request. A failed request answers non-2xx with fal's error body: 422 is a
     * refusal of the input, anything else a failure in the provider's words. Without such a body (a bare 5xx, a
     * 429, the key) it is our call that failed, not the request, and the caller may ask again.
     */
    private PollResult result(Prediction prediction) {
        String what = "fal result of " + prediction.id();
        ProviderHttp.Answer answer = get(handle(prediction, RESPONSE_URL), what);
        String status = "COMPLETED";
        if (answer.ok()) {
            String url = answer.body().path("video").path("url").asText("");
            if (url.isBlank()) {
                return new PollResult.Failed(status, ErrorCode.PROVIDER_FAILED, "the result has no video.url");
            }
            return new PollResult.Succeeded(status, URI.create(url));
        }
        int code = answer.status();
        String words = FalErrors.words(answer.body());
        if (code == 401 || code == 403 || code == 429 || (code >= 500 && words == null)) {
            throw ProviderHttp.failure(what, answer, words);
        }
        String message = "HTTP " + code + (words == null ? "" : ": " + words);
        return new PollResult.Failed(status, code == 422 ? ErrorCode.PROVIDER_REJECTED : ErrorCode.PROVIDER_FAILED,
                message);
    }

    /**
     * Asks fal to cancel. True for every documented answer (requested, OK, already completed, not found): there
     * is nothing more we can do. A queued request is dropped unbilled; for one already running, fal forwards a
     * cancel signal to the runner, and whether the work stops and is billed depends on the model app.
     */
    @Override
    public boolean cancel(Prediction prediction) {
        String cancelUrl = prediction.handle(CANCEL_URL);
        if (cancelUrl == null) {
            return false;
        }
        String what = "fal cancel of " + prediction.id();
        HttpRequest put = http.request(cancelUrl, Map.of("Authorization", authorization(queue)))
                .PUT(HttpRequest.BodyPublishers.noBody()).build();
        ProviderHttp.Answer answer = http.send(put, what);
        if (answer.ok() || answer.status() == 404 || CANCEL_DONE.contains(answer.body().path("status").asText(""))) {
            return true;
        }
        throw ProviderHttp.failure(what, answer, FalErrors.words(answer.body()));
    }

    private ProviderHttp.Answer get(String url, String what) {
        return http.send(http.request(url, Map.of("Authorization", authorization(queue))).GET().build(), what);
    }

    private Map<String, String> jsonHeaders() {
        return Map.of("Authorization", authorization(queue), "Content-Type", "application/json");
    }

    private static String handle(Prediction prediction, String name) {
        String url = prediction.handle(name);
        if (url == null) {
            throw new ProviderException(ErrorCode.PROVIDER_FAILED, "fal request " + prediction.id() + " has no "
                    + name + " recorded; it cannot be followed", 0, false, null);
        }
        return url;
    }

    /** fal's header value; a missing key is the provider being unavailable, never a "Key null" call. */
    static String authorization(ProviderEndpoint endpoint) {
        if (!endpoint.hasKey()) {
            throw new ProviderException(ErrorCode.PROVIDER_UNAVAILABLE, "fal: no API key, set FAL_KEY", 0, false,
                    null);
        }
        return "Key " + endpoint.key();
    }
}
