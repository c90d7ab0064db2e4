package io.reelroute.notify;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.reelroute.store.JobRecord;
import io.reelroute.store.JobStore;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calls a job's {@code notify_url} when it ends: a POST of its result.json, signed with
 * {@code X-Reelroute-Signature: sha256=<hex HMAC-SHA256 of the body>} under the secret
 * {@code reelroute.notify.secret} (no header without a secret). A call that fails or answers other than 2xx is
 * tried again after 1, 2, 4, ... times the back-off, up to {@code attempts} calls; the outcome goes into the
 * job's timeline (stage {@code notify}). Retries live in memory: a restart drops the ones still pending.
 */
public final class ResultNotifier implements BiConsumer<JobRecord, Path>, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ResultNotifier.class);

    private final JobStore jobs;
    private final ObjectMapper json;
    private final byte[] secret;
    private final int attempts;
    private final Duration backoff;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "result-notifier");
        thread.setDaemon(true);
        return thread;
    });

    public ResultNotifier(JobStore jobs, ObjectMapper json, String secret, int attempts, Duration backoff) {
        this.jobs = jobs;
        this.json = json;
        this.secret = secret == null ? new byte[0] : secret.getBytes(StandardCharsets.UTF_8);
        this.attempts = attempts;
        this.backoff = backoff;
    }

    @Override
    public void accept(JobRecord job, Path resultFile) {
        String url = notifyUrl(job);
        if (url == null) {
            return;
        }
        try {
            byte[] body = Files.readAllBytes(resultFile);
            scheduler.execute(() -> attempt(job.id(), URI.create(url), body, 1));
        } catch (IOException | IllegalArgumentException e) {
            jobs.event(job.id(), "notify", "not sent to " + url + ": " + e.getMessage());
        }
    }

    /** The signature header's value for a body: {@code sha256=<hex HMAC-SHA256>}. */
    public static String signature(byte[] secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    private void attempt(String jobId, URI url, byte[] body, int attempt) {
        String outcome;
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/json").header("X-Reelroute-Job", jobId)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body));
            if (secret.length > 0) {
                request.header("X-Reelroute-Signature", signature(secret, body));
            }
            int status = http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
            if (status / 100 == 2) {
                jobs.event(jobId, "notify", "result sent to " + url + " (" + status + ", attempt " + attempt + ")");
                return;
            }
            outcome = "answered " + status;
        } catch (IOException e) {
            outcome = e.getClass().getSimpleName() + ": " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        if (attempt >= attempts) {
            LOG.warn("job {}: notify_url {} {}; gave up after {} attempts", jobId, url, outcome, attempt);
            jobs.event(jobId, "notify", url + " " + outcome + "; gave up after " + attempt + " attempts");
            return;
        }
        long delay = backoff.toMillis() * (1L << Math.min(attempt - 1, 10));
        scheduler.schedule(() -> attempt(jobId, url, body, attempt + 1), delay, TimeUnit.MILLISECONDS);
    }

    private String notifyUrl(JobRecord job) {
        try {
            String url = json.readTree(job.specJson()).path("notify_url").asText(null);
            return url == null || url.isBlank() ? null : url;
        } catch (IOException e) {
            return null;
        }
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
