package io.reelroute.provider.fal;

import io.reelroute.error.ErrorCode;
import io.reelroute.provider.InputFiles;
import io.reelroute.provider.MediaFiles;
import io.reelroute.provider.ProviderEndpoint;
import io.reelroute.provider.ProviderException;
import io.reelroute.provider.ProviderHttp;
import io.reelroute.provider.SubmitRequest.InputFile;
import io.reelroute.provider.UploadCache;
import io.reelroute.provider.UploadRetries;
import io.reelroute.provider.Uploads;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * Turns a local input into a URL fal's models can fetch (PROTOCOLS 2.9): initiate an upload on the REST host,
 * PUT the bytes to the signed {@code upload_url}, then use {@code file_url}. Each content is uploaded once
 * ({@link UploadCache} by SHA-256). Uploads are free, so unlike a submit they are retried
 * ({@link UploadRetries}), and a signed URL that has expired by the time of the PUT (403) is replaced once.
 */
final class FalStorage {
    static final String PROVIDER = "fal";
    /** fal's single-request upload limit; larger files need the multipart flow, which this client does not do. */
    static final long SINGLE_UPLOAD_LIMIT = 90L * 1024 * 1024;

    private record Target(String uploadUrl, String fileUrl) {
    }

    private final ProviderEndpoint rest;
    private final ProviderHttp http;
    private final UploadCache cache;
    private final Duration lifetime;

    FalStorage(ProviderEndpoint rest, ProviderHttp http, UploadCache cache, Duration lifetime) {
        this.rest = rest;
        this.http = http;
        this.cache = cache;
        this.lifetime = lifetime;
    }

    /** The fal URL of a local input: the cached one, else a new upload (one at a time per content). */
    String urlOf(InputFile input) {
        return Uploads.urlFor(cache, PROVIDER, input.sha256(), lifetime, () -> upload(input));
    }

    private String upload(InputFile input) {
        Path file = input.file();
        long size = InputFiles.size(file);
        if (size > SINGLE_UPLOAD_LIMIT) {
            throw new ProviderException(ErrorCode.INVALID_INPUT, "fal: " + input.role() + " is "
                    + (size / (1024 * 1024)) + " MB; files over 90 MB need fal's multipart upload, which reelroute"
                    + " does not do: give a smaller file or an https URL", 0, false, null);
        }
        String contentType = MediaFiles.contentType(file);
        String what = "fal storage upload of " + input.role();
        Target target = UploadRetries.attempt(() -> initiate(file, contentType, what));
        if (UploadRetries.attempt(() -> put(target, file, contentType, what))) {
            return target.fileUrl();
        }
        // A signed URL has a short life; one that expired while we waited is simply asked for again.
        Target renewed = UploadRetries.attempt(() -> initiate(file, contentType, what));
        if (UploadRetries.attempt(() -> put(renewed, file, contentType, what))) {
            return renewed.fileUrl();
        }
        throw new ProviderException(ErrorCode.PROVIDER_FAILED, what + ": the storage refused two fresh upload URLs"
                + " (HTTP 403)", 403, false, null);
    }

    private Target initiate(Path file, String contentType, String what) {
        HttpRequest request = http.request(rest.baseUrl() + "/storage/upload/initiate?storage_type=fal-cdn-v3",
                        Map.of("Authorization", FalClient.authorization(rest), "Content-Type", "application/json"))
                .POST(http.jsonBody(Map.of("content_type", contentType, "file_name", file.getFileName().toString())))
                .build();
        ProviderHttp.Answer answer = http.send(request, what);
        if (!answer.ok()) {
            throw ProviderHttp.failure(what, answer, FalErrors.words(answer.body()));
        }
        String uploadUrl = answer.body().path("upload_url").asText("");
        String fileUrl = answer.body().path("file_url").asText("");
        if (uploadUrl.isBlank() || fileUrl.isBlank()) {
            throw new ProviderException(ErrorCode.PROVIDER_FAILED, what + ": the initiate answer has no upload_url"
                    + " or file_url", answer.status(), true, null);
        }
        return new Target(uploadUrl, fileUrl);
    }

    /**
     * PUTs the bytes; false when the signed URL was refused (403: expired). The upload URL is a pre-signed
     * object-store URL, so it gets no Authorization header (fal-js sends none either): the key must not travel
     * to the storage host, and a second credential can make such a store refuse the request.
     */
    private boolean put(Target target, Path file, String contentType, String what) {
        HttpRequest request = http.request(target.uploadUrl(), Map.of("Content-Type", contentType))
                .PUT(InputFiles.body(file)).build();
        ProviderHttp.Answer answer;
        try {
            answer = http.send(request, what);
        } catch (ProviderException e) {
            if (e.httpStatus() >= 200 && e.httpStatus() < 300) {
                return true; // stored; the store merely answered with something other than JSON
            }
            throw e;
        }
        if (answer.ok()) {
            return true;
        }
        if (answer.status() == 403) {
            return false;
        }
        throw ProviderHttp.failure(what, answer, FalErrors.words(answer.body()));
    }
}
