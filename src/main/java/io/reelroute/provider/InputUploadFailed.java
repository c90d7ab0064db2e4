package io.reelroute.provider;

/** An input could not be uploaded, so the submit was never sent: nothing started, nothing is paid. */
public class InputUploadFailed extends ProviderException {
    public InputUploadFailed(ProviderException cause) {
        super(cause.code(), cause.getMessage(), cause.httpStatus(), cause.retryable(), cause.retryAfter(), cause);
    }
}
