package io.reelroute.provider.kie;

import com.fasterxml.jackson.databind.JsonNode;
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
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * KIE AI's market API (PROTOCOLS.md section 3): {@code POST /api/v1/jobs/createTask} with
 * {@code {model, input}}, a {@code taskId}, {@code GET /api/v1/jobs/recordInfo} until success or fail. The
 * outcome of every call is the body's {@code code} ({@link KieErrors}). Inputs must be public URLs, so local
 * files go to KIE's upload host first. There is no documented cancel.
 */
public final class KieClient implements ProviderClient {
    public static final String PROVIDER = "kie";

    private final KieHost api;
    private final KieUploads uploads;

    /**
     * @param api    KIE_BASE_URL and the key
     * @param upload KIE_UPLOAD_BASE_URL (a different host); without a key of its own it uses the API's, as the
     *               two hosts share one key
     */
    public KieClient(ProviderEndpoint api, ProviderEndpoint upload, ProviderHttp http, UploadCache uploads) {
        this.api = new KieHost(api, http);
        ProviderEndpoint uploadWithKey = upload.hasKey() ? upload : new ProviderEndpoint(upload.baseUrl(), api.key());
        this.uploads = new KieUploads(new KieHost(uploadWithKey, http), uploads);
    }

    @Override
    public String providerId() {
        return PROVIDER;
    }

    @Override
    public Submitted submit(SubmitRequest request) {
        String model = request.model().endpointFor(request.operation()).orElseThrow(() -> new IllegalArgumentException(
                request.model().id() + " has no KIE model for " + request.operation()));
        Map<String, Object> inputs = new LinkedHashMap<>();
        request.inputs().forEach((role, input) -> inputs.put(role, uploads.urlFor(input)));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("model", model);
        // no callBackUrl: reelroute polls, and the callback payload is not documented (PROTOCOLS.md 3.2)
        body.put("input", RequestBodies.build(request.model(), request.prompt(), request.parameters(), inputs));
        ProviderHttp.Answer answer = api.postJson("/api/v1/jobs/createTask", body, "KIE submit");
        String taskId = KieErrors.expectOk("KIE submit", answer, false).path("data").path("taskId").asText("");
        if (taskId.isBlank()) {
            // it may or may not have started: the caller must not submit again blindly
            throw new ProviderException(ErrorCode.PROVIDER_FAILED, "KIE submit: answered without data.taskId",
                    answer.status(), false, null);
        }
        return new Submitted.Accepted(Prediction.of(taskId));
    }

    @Override
    public PollResult poll(Prediction prediction) {
        String query = "?taskId=" + URLEncoder.encode(prediction.id(), StandardCharsets.UTF_8);
        ProviderHttp.Answer answer = api.get("/api/v1/jobs/recordInfo" + query, "KIE status");
        if (answer.ok() && answer.body().path("code").asInt(0) == KieErrors.GENERATION_FAILED) {
            // a job failure reported as a code rather than a fail state: the job ended, KIE is fine
            return new PollResult.Failed("fail", ErrorCode.PROVIDER_FAILED, "KIE: generation failed"
                    + messageSuffix(answer.body()));
        }
        JsonNode body = KieErrors.expectOk("KIE status", answer, true);
        return KieStatus.read(body.path("data"), answer, api.http().json());
    }

    /** KIE documents no cancel call: the job just stops being polled. */
    @Override
    public boolean cancel(Prediction prediction) {
        return false;
    }

    private static String messageSuffix(JsonNode body) {
        String message = KieErrors.message(body);
        return message.isBlank() ? "" : ": " + message;
    }
}
