package io.reelroute.provider;

import java.util.Map;

/**
 * One provider's protocol (PROTOCOLS.md). Implementations turn local inputs into what the model takes
 * (their upload API through {@link UploadCache}, a data URI, inline bytes), build the request from the
 * catalog's {@code request:} mapping ({@link RequestBodies}), and map the provider's states and errors to
 * reelroute's. They keep no state about jobs: everything to follow a job is in its {@link Prediction}.
 */
public interface ProviderClient {

    /** The catalog's provider id: wavespeed, fal, kie or gemini. */
    String providerId();

    /**
     * Starts a generation. Called once per job: never retried by the caller, whatever the failure, since the
     * provider may have started (and billed) it. Throws {@link ProviderException} with
     * provider_rejected (4xx: the request was refused, with the provider's message), provider_unavailable
     * (401/403: the key), or provider_failed (5xx, timeout, malformed answer: the outcome is unknown).
     */
    Submitted submit(SubmitRequest request);

    /** One status call. Throws {@link ProviderException}, retryable on 429, 5xx and transport errors. */
    PollResult poll(Prediction prediction);

    /** Asks the provider to stop; false when this provider has no cancel call (then we just stop polling). */
    boolean cancel(Prediction prediction);

    /** Headers the output download needs (Gemini's video URI wants the key); empty for public URLs. */
    default Map<String, String> downloadHeaders() {
        return Map.of();
    }
}
