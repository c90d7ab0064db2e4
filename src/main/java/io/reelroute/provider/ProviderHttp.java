package io.reelroute.provider;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.reelroute.error.ErrorCode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * The JDK HTTP client with what every provider call needs: JSON in and out, a timeout on every call, and
 * failures turned into {@link ProviderException}s that carry the provider's message but never a header
 * (so never a key).
 */
public final class ProviderHttp {
    private final HttpClient client;
    private final ObjectMapper json;
    private final Duration timeout;

    public ProviderHttp(ObjectMapper json, Duration timeout) {
        this.client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NORMAL).build();
        this.json = json;
        this.timeout = timeout;
    }

    public ObjectMapper json() {
        return json;
    }

    /** A JSON answer with its status; transport failures and malformed JSON become ProviderExceptions. */
    public record Answer(int status, JsonNode body, Optional<String> retryAfter) {
        public boolean ok() {
            return status >= 200 && status < 300;
        }

        /** Retry-After as a duration, when it is given in seconds. */
        public Optional<Duration> retryAfterDuration() {
            return retryAfter.flatMap(ProviderHttp::seconds);
        }
    }

    public HttpRequest.Builder request(String url, Map<String, String> headers) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url)).timeout(timeout);
        headers.forEach(builder::header);
        return builder;
    }

    public HttpRequest.BodyPublisher jsonBody(Object body) {
        try {
            return HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Sends and reads a JSON answer (an empty or non-JSON body reads as a missing node). */
    public Answer send(HttpRequest request, String what) {
        HttpResponse<byte[]> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new ProviderException(ErrorCode.PROVIDER_FAILED, what + ": no answer from " + request.uri().getHost()
                    + " (" + e.getClass().getSimpleName() + ")", 0, true, null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProviderException(ErrorCode.PROVIDER_FAILED, what + ": interrupted", 0, true, null);
        }
        JsonNode body;
        try {
            byte[] bytes = response.body();
            body = bytes.length == 0 ? json.missingNode() : json.readTree(bytes);
        } catch (IOException e) {
            body = null;
        }
        Answer answer = new Answer(response.statusCode(), body, response.headers().firstValue("Retry-After"));
        if (body == null && answer.ok()) {
            throw new ProviderException(ErrorCode.PROVIDER_FAILED, what + ": " + request.uri().getHost()
                    + " answered " + response.statusCode() + " with a body that is not JSON", response.statusCode(),
                    true, null);
        }
        return body == null ? new Answer(answer.status(), json.missingNode(), answer.retryAfter()) : answer;
    }

    /** Sends and streams the body to {@code target}; returns the answer's status and headers. */
    public HttpResponse<Path> download(HttpRequest request, Path target) throws IOException, InterruptedException {
        return client.send(request, HttpResponse.BodyHandlers.ofFile(target));
    }

    /**
     * The usual mapping of a non-2xx answer: 401/403 the key (provider_unavailable), 429 and 5xx retryable
     * (provider_failed), other 4xx the request was refused (provider_rejected). {@code message} is the
     * provider's own text.
     */
    public static ProviderException failure(String what, Answer answer, String message) {
        int status = answer.status();
        Duration retryAfter = answer.retryAfter().flatMap(ProviderHttp::seconds).orElse(null);
        String text = what + ": HTTP " + status + (message == null || message.isBlank() ? "" : ": " + message);
        if (status == 401 || status == 403) {
            return new ProviderException(ErrorCode.PROVIDER_UNAVAILABLE, text + " (check the API key)", status, false,
                    null);
        }
        if (status == 429 || status >= 500) {
            return new ProviderException(ErrorCode.PROVIDER_FAILED, text, status, true, retryAfter);
        }
        return new ProviderException(ErrorCode.PROVIDER_REJECTED, text, status, false, null);
    }

    private static Optional<Duration> seconds(String value) {
        try {
            return Optional.of(Duration.ofSeconds(Long.parseLong(value.trim())));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
