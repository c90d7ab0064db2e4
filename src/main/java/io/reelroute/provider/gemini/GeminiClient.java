package io.reelroute.provider.gemini;

import io.reelroute.catalog.ModelDef;
import io.reelroute.provider.PollResult;
import io.reelroute.provider.Prediction;
import io.reelroute.provider.ProviderClient;
import io.reelroute.provider.ProviderEndpoint;
import io.reelroute.provider.ProviderHttp;
import io.reelroute.provider.SubmitRequest;
import io.reelroute.provider.Submitted;
import java.util.Map;

/**
 * The Gemini API (PROTOCOLS 4): synchronous models (the catalog's {@code synchronous} capability, e.g.
 * gemini-2.5-flash-image) answer {@code generateContent} with the image itself; Veo runs as a long-running
 * operation. Inputs travel inline as base64, so nothing is uploaded.
 */
public final class GeminiClient implements ProviderClient {
    private final GeminiApi api;
    private final ImageGeneration images;
    private final VideoOperations videos;

    /** @param endpoint GEMINI_BASE_URL (https://generativelanguage.googleapis.com/v1beta) with GEMINI_API_KEY */
    public GeminiClient(ProviderEndpoint endpoint, ProviderHttp http) {
        this.api = new GeminiApi(endpoint, http);
        this.images = new ImageGeneration(api);
        this.videos = new VideoOperations(api);
    }

    @Override
    public String providerId() {
        return "gemini";
    }

    @Override
    public Submitted submit(SubmitRequest request) {
        ModelDef model = request.model();
        String modelId = model.endpointFor(request.operation()).orElseThrow(() -> new IllegalStateException(
                model.id() + " has no endpoint for " + request.operation()));
        return model.capabilities().synchronous() ? images.generate(request, modelId)
                : videos.start(request, modelId);
    }

    /** Only long-running operations are polled; the prediction id is the operation name. */
    @Override
    public PollResult poll(Prediction prediction) {
        return videos.poll(prediction);
    }

    /** PROTOCOLS has no cancel call for Gemini operations: we only stop following the operation. */
    @Override
    public boolean cancel(Prediction prediction) {
        return false;
    }

    /** The video URI of a finished operation is only served with the API key. */
    @Override
    public Map<String, String> downloadHeaders() {
        return api.keyHeader();
    }
}
