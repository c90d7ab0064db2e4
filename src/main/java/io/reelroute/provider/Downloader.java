package io.reelroute.provider;

import io.reelroute.error.ErrorCode;
import io.reelroute.files.AtomicFiles;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Fetches a finished output to disk: streamed straight into a hidden file beside the target (never held in
 * memory), its length checked against Content-Length, then renamed into place. A failure is retryable: the
 * generation is paid for and done, only the transfer is tried again.
 */
public final class Downloader {
    private final ProviderHttp http;

    public Downloader(ProviderHttp http) {
        this.http = http;
    }

    /** Returns the number of bytes written to {@code target}. */
    public long download(String url, Map<String, String> headers, Path target) {
        Path temp = AtomicFiles.tempSibling(target);
        try {
            HttpResponse<Path> response = http.download(http.request(url, headers).GET().build(), temp);
            if (response.statusCode() != 200) {
                throw new ProviderException(ErrorCode.PROVIDER_FAILED, "download of the result answered HTTP "
                        + response.statusCode(), response.statusCode(), true, null);
            }
            long size = Files.size(temp);
            long expected = response.headers().firstValueAsLong("Content-Length").orElse(-1);
            if (size == 0 || (expected >= 0 && size != expected)) {
                throw new ProviderException(ErrorCode.PROVIDER_FAILED, "download of the result was cut short: "
                        + size + " of " + (expected >= 0 ? expected : "?") + " bytes", 0, true, null);
            }
            AtomicFiles.move(temp, target);
            return size;
        } catch (IOException e) {
            throw new ProviderException(ErrorCode.PROVIDER_FAILED, "download of the result failed ("
                    + e.getClass().getSimpleName() + ")", 0, true, null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProviderException(ErrorCode.PROVIDER_FAILED, "download interrupted", 0, true, null);
        } finally {
            AtomicFiles.discard(temp);
        }
    }
}
