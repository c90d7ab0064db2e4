package io.reelroute.provider.wavespeed;

import io.reelroute.provider.PollResult;
import io.reelroute.provider.Prediction;
import io.reelroute.provider.ProviderClient;
import io.reelroute.provider.ProviderEndpoint;
import io.reelroute.provider.ProviderHttp;
import io.reelroute.provider.RequestBodies;
import io.reelroute.provider.SubmitRequest;
import io.reelroute.provider.Submitted;
import io.reelroute.provider.UploadCache;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * WaveSpeed AI, API v3 (PROTOCOLS.md section 1): {@code POST /{model-id}} with the model's flat input, a
 * prediction id in {@code data.id}, {@code GET /predictions/{id}/result} until it is completed or failed.
 * Local inputs become media URLs through WaveSpeed's presigned upload. There is no documented cancel.
 */
public final class WaveSpeedClient implements ProviderClient {
    public static final String PROVIDER = "wavespeed";

    /**
     * How long an uploaded input's URL is reused. WaveSpeed does not say how long it keeps uploads
     * (PROTOCOLS.md 1.5: UNKNOWN), so this is short: a re-upload is free, a stale URL fails a paid job.
     */
    public static final Duration DEFAULT_UPLOAD_LIFETIME = Duration.ofHours(1);

    private final WaveSpeedApi api;
    private final WaveSpeedUploads uploads;

    public WaveSpeedClient(ProviderEndpoint endpoint, ProviderHttp http, UploadCache uploads) {
        this(endpoint, http, uploads, DEFAULT_UPLOAD_LIFETIME);
    }

    /** @param uploadLifetime how long an uploaded input's URL is reused (WaveSpeed's retention is unknown) */
    public WaveSpeedClient(ProviderEndpoint endpoint, ProviderHttp http, UploadCache uploads, Duration uploadLifetime) {
        this.api = new WaveSpeedApi(endpoint, http);
        this.uploads = new WaveSpeedUploads(api, uploads, uploadLifetime);
    }

    @Override
    public String providerId() {
        return PROVIDER;
    }

    @Override
    public Submitted submit(SubmitRequest request) {
        String modelId = request.model().endpointFor(request.operation()).orElseThrow(() -> new IllegalArgumentException(
                request.model().id() + " has no WaveSpeed endpoint for " + request.operation()));
        Map<String, Object> inputs = new LinkedHashMap<>();
        request.inputs().forEach((role, input) -> inputs.put(role, uploads.urlFor(input)));
        Map<String, Object> body = RequestBodies.build(request.model(), request.prompt(), request.parameters(), inputs);
        ProviderHttp.Answer answer = api.post("/" + modelId, body, "WaveSpeed submit");
        if (!answer.ok()) {
            throw WaveSpeedErrors.failure("WaveSpeed submit", answer);
        }
        String id = answer.body().path("data").path("id").asText("");
        if (id.isBlank()) {
            // it may or may not have started: the caller must not submit again blindly
            throw WaveSpeedErrors.malformed("WaveSpeed submit", answer, "answered without a prediction id", false);
        }
        return new Submitted.Accepted(Prediction.of(id));
    }

    @Override
    public PollResult poll(Prediction prediction) {
        String path = "/predictions/" + URLEncoder.encode(prediction.id(), StandardCharsets.UTF_8) + "/result";
        ProviderHttp.Answer answer = api.get(path, "WaveSpeed status");
        if (!answer.ok()) {
            throw WaveSpeedErrors.failure("WaveSpeed status", answer);
        }
        return WaveSpeedStatus.read(answer);
    }

    /** WaveSpeed documents no cancel call: the job just stops being polled (and may still be billed). */
    @Override
    public boolean cancel(Prediction prediction) {
        return false;
    }
}
