package io.reelroute.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.reelroute.error.ErrorCode;
import io.reelroute.simulator.SimulatorServer.Recorded;

/**
 * Calls to a provider client as the client tests make them, and the checks the tests of every provider share:
 * how a call ended, and what the simulator was sent.
 */
public final class ProviderCalls {
    private ProviderCalls() {
    }

    /** The prediction of a submit the provider accepted (a class cast, so a failed test, if it was not). */
    public static Prediction accepted(Submitted submitted) {
        return ((Submitted.Accepted) submitted).prediction();
    }

    /** Submits {@code job}, which the provider must accept, and returns the prediction to follow. */
    public static Prediction submitted(ProviderClient client, SubmitRequest job) {
        return accepted(client.submit(job));
    }

    /** The ProviderException the submit of {@code job} ends with. */
    public static ProviderException submitFails(ProviderClient client, SubmitRequest job) {
        return catchThrowableOfType(ProviderException.class, () -> client.submit(job));
    }

    /** The ProviderException one poll of {@code prediction} ends with. */
    public static ProviderException pollFails(ProviderClient client, Prediction prediction) {
        return catchThrowableOfType(ProviderException.class, () -> client.poll(prediction));
    }

    /** A failure whose outcome is unknown and that the caller may try again: provider_failed, retryable. */
    public static void assertRetryableFailure(ProviderException e) {
        assertThat(e.code()).isEqualTo(ErrorCode.PROVIDER_FAILED);
        assertThat(e.retryable()).isTrue();
    }

    /** A generation that ended without output, with this code and exactly this message. */
    public static void assertFailed(PollResult result, ErrorCode code, String message) {
        assertThat(result).isInstanceOfSatisfying(PollResult.Failed.class, failed -> {
            assertThat(failed.code()).isEqualTo(code);
            assertThat(failed.message()).isEqualTo(message);
        });
    }

    /** A POST of a JSON body to {@code path}, as the simulator recorded it. */
    public static void assertJsonPost(Recorded request, String path) {
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo(path);
        assertThat(request.header("Content-Type")).isEqualTo("application/json");
    }
}
