package io.reelroute.provider.wavespeed;

import com.fasterxml.jackson.databind.JsonNode;
import io.reelroute.error.ErrorCode;
import io.reelroute.provider.InputFiles;
import io.reelroute.provider.MediaFiles;
import io.reelroute.provider.ProviderException;
import io.reelroute.provider.ProviderHttp;
import io.reelroute.provider.SubmitRequest.InputFile;
import io.reelroute.provider.UploadCache;
import io.reelroute.provider.UploadRetries;
import io.reelroute.provider.Uploads;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Local inputs as WaveSpeed media URLs, through the presigned flow the official SDKs use (PROTOCOLS.md 1.5,
 * option A): {@code POST /media/uploads} → PUT the bytes to {@code data.upload.url} with exactly
 * {@code data.upload.headers} → {@code data.download_url}. Each content is uploaded once per cache lifetime.
 */
final class WaveSpeedUploads {
    /** Headers the JDK client sets itself and refuses from callers; the PUT's length comes from the file. */
    private static final Set<String> SET_BY_CLIENT = Set.of("content-length", "host", "connection", "expect", "upgrade");

    private final WaveSpeedApi api;
    private final UploadCache cache;
    private final Duration lifetime;

    WaveSpeedUploads(WaveSpeedApi api, UploadCache cache, Duration lifetime) {
        this.api = api;
        this.cache = cache;
        this.lifetime = lifetime;
    }

    /** A URL WaveSpeed can read the input from: the job's own https URL, else the uploaded copy. */
    String urlFor(InputFile input) {
        if (input.isUrl()) {
            return input.url();
        }
        return Uploads.urlFor(cache, WaveSpeedClient.PROVIDER, input.sha256(), lifetime, () -> UploadRetries.attempt(() -> upload(input.file())));
    }

    private record Ticket(String putUrl, Map<String, String> headers, String downloadUrl) {
    }

    private String upload(Path file) {
        Ticket ticket = initiate(file);
        if (put(ticket, file)) {
            return ticket.downloadUrl();
        }
        // The presigned URL expired before the bytes got there (a slow start, clock skew at the store):
        // a fresh one is the remedy, once; a second refusal is not a matter of time.
        Ticket fresh = initiate(file);
        if (put(fresh, file)) {
            return fresh.downloadUrl();
        }
        throw new ProviderException(ErrorCode.PROVIDER_FAILED,
                "WaveSpeed upload: the storage refused two fresh upload URLs (HTTP 403)", 403, false, null);
    }

    private Ticket initiate(Path file) {
        String name = file.getFileName().toString();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("filename", name);
        body.put("size", InputFiles.size(file));
        body.put("content_type", MediaFiles.contentType(name));
        ProviderHttp.Answer answer = api.post("/media/uploads", body, "WaveSpeed upload");
        if (!answer.ok()) {
            throw WaveSpeedErrors.failure("WaveSpeed upload", answer);
        }
        JsonNode data = answer.body().path("data");
        String putUrl = data.path("upload").path("url").asText("");
        String downloadUrl = data.path("download_url").asText("");
        if (putUrl.isBlank() || downloadUrl.isBlank()) {
            throw WaveSpeedErrors.malformed("WaveSpeed upload", answer, "no upload.url or download_url in the answer",
                    true);
        }
        Map<String, String> headers = new LinkedHashMap<>();
        data.path("upload").path("headers").fields().forEachRemaining(h -> {
            if (!SET_BY_CLIENT.contains(h.getKey().toLowerCase(Locale.ROOT))) {
                headers.put(h.getKey(), h.getValue().asText());
            }
        });
        return new Ticket(putUrl, headers, downloadUrl);
    }

    /** True when stored; false when the URL had expired (403); other refusals throw. */
    private boolean put(Ticket ticket, Path file) {
        ProviderHttp http = api.http();
        // exactly the headers of the ticket: the signature covers them, and the store must never see our key
        HttpRequest request = http.request(ticket.putUrl(), ticket.headers()).PUT(InputFiles.body(file)).build();
        ProviderHttp.Answer answer;
        try {
            answer = http.send(request, "WaveSpeed upload PUT");
        } catch (ProviderException e) {
            if (e.httpStatus() >= 200 && e.httpStatus() < 300) {
                return true; // stored; the store just answered with something other than JSON (XML, text)
            }
            throw e;
        }
        if (answer.ok()) {
            return true;
        }
        if (answer.status() == 403) {
            return false;
        }
        throw ProviderHttp.failure("WaveSpeed upload PUT", answer, null);
    }
}
