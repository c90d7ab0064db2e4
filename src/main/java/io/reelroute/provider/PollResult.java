package io.reelroute.provider;

import io.reelroute.error.ErrorCode;
import java.net.URI;

/** One status call's answer, in reelroute's terms. {@code providerStatus} is the provider's own word. */
public sealed interface PollResult {

    String providerStatus();

    /** Still queued or running; {@code queuePosition} where the provider tells it, else null. */
    record Pending(String providerStatus, Integer queuePosition) implements PollResult {
    }

    /** Done: the output is at {@code output} (downloaded with {@link ProviderClient#downloadHeaders}). */
    record Succeeded(String providerStatus, URI output) implements PollResult {
    }

    /** Ended without output: {@code code} is provider_failed, provider_rejected or timeout; the provider's message. */
    record Failed(String providerStatus, ErrorCode code, String message) implements PollResult {
    }
}
