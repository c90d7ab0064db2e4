package io.reelroute.notify;

import io.reelroute.files.Workspace;
import io.reelroute.store.JobStore;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the due notify_url deliveries (routes/notify-send.camel.yaml): a POST of the job's result.json, read at
 * send time, signed with {@code X-Reelroute-Signature: sha256=<hex HMAC-SHA256 of the body>} under
 * {@code reelroute.notify.secret} (no header without a secret). A call that fails or answers other than 2xx is
 * made again after 1, 2, 4, ... times the back-off, up to {@link NotifySchedule#attempts()} calls. Every outcome
 * goes into the job's timeline (stage {@code notify}) in the transaction that records it on the delivery.
 * <p>
 * At least once: a crash after the receiver answered and before the answer is recorded sends the result again
 * once the claim's lease has passed. Receivers dedupe on {@code X-Reelroute-Job}.
 */
public final class ResultNotifier {
    private static final Logger LOG = LoggerFactory.getLogger(ResultNotifier.class);
    // what a claim allows beyond the call's own two time limits (connect, answer) for reading the file and the
    // database, before another sender may take the delivery
    private static final Duration LEASE_MARGIN = Duration.ofSeconds(5);

    private final NotifyStore deliveries;
    private final JobStore jobs;
    private final Workspace workspace;
    private final NotifySchedule schedule;
    private final byte[] secret;
    private final int senders;
    private final Duration timeout;
    private final Clock clock;
    private final HttpClient http;
    // deliveries claimed and not yet finished here: a tick claims only what free senders can start at once, so
    // none waits in the queue past its lease while slow receivers hold every sender
    private final AtomicInteger inFlight = new AtomicInteger();

    /**
     * @param senders calls made at once (the concurrent consumers of seda:notify-send-step)
     * @param timeout the limit of a call's connect and of its answer, so a receiver that hangs holds one sender
     *                for a bounded time
     */
    public ResultNotifier(NotifyStore deliveries, JobStore jobs, Workspace workspace, NotifySchedule schedule,
                          String secret, int senders, Duration timeout, Clock clock) {
        this.deliveries = deliveries;
        this.jobs = jobs;
        this.workspace = workspace;
        this.schedule = schedule;
        this.secret = secret == null ? new byte[0] : secret.getBytes(StandardCharsets.UTF_8);
        this.senders = senders;
        this.timeout = timeout;
        this.clock = clock;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
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

    /** Claims the due deliveries that free senders can start now; each must then go to {@link #send}. */
    public List<NotifyDelivery> due() {
        List<NotifyDelivery> claimed = deliveries.claimDue(clock.instant(), lease(), senders - inFlight.get());
        inFlight.addAndGet(claimed.size());
        return claimed;
    }

    /** One call for a claimed delivery, and its outcome recorded. */
    public void send(NotifyDelivery delivery) {
        try {
            record(delivery, call(delivery));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // stopping: the lease brings the delivery back
        } finally {
            inFlight.decrementAndGet();
        }
    }

    /** How long a claim keeps other senders off a delivery: longer than any one call can take. */
    Duration lease() {
        return timeout.multipliedBy(2).plus(LEASE_MARGIN);
    }

    /** What one call gave: delivered (a 2xx), and the status or the failure in words. */
    private record Call(boolean delivered, String outcome) {
    }

    private Call call(NotifyDelivery delivery) throws InterruptedException {
        byte[] body;
        HttpRequest.Builder request;
        try {
            body = Files.readAllBytes(workspace.outputOf(delivery.jobId()).resolve("result.json"));
            request = HttpRequest.newBuilder(URI.create(delivery.url())).timeout(timeout);
        } catch (IOException e) {
            return new Call(false, "result.json could not be read: " + e.getClass().getSimpleName());
        } catch (IllegalArgumentException e) {
            return new Call(false, "not an http(s) URL");
        }
        request.header("Content-Type", "application/json").header("X-Reelroute-Job", delivery.jobId())
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (secret.length > 0) {
            request.header("X-Reelroute-Signature", signature(secret, body));
        }
        try {
            int status = http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
            return new Call(status / 100 == 2, "answered " + status);
        } catch (IOException e) {
            String message = e.getMessage() == null ? "" : ": " + e.getMessage();
            return new Call(false, e.getClass().getSimpleName() + message);
        }
    }

    private void record(NotifyDelivery delivery, Call call) {
        int attempt = delivery.attempts() + 1;
        Instant now = clock.instant();
        String where = redacted(delivery.url());
        Optional<Instant> retryAt = call.delivered() ? Optional.empty() : schedule.retryAt(attempt, now);
        NotifyDelivery.State state = call.delivered() ? NotifyDelivery.State.SENT
                : retryAt.isPresent() ? NotifyDelivery.State.PENDING : NotifyDelivery.State.GIVEN_UP;
        String detail = switch (state) {
            case SENT -> "result sent to " + where + " (" + call.outcome() + ", attempt " + attempt + ")";
            case PENDING -> where + ": " + call.outcome() + " (attempt " + attempt + " of " + schedule.attempts()
                    + "); next attempt at " + retryAt.get();
            case GIVEN_UP -> where + ": " + call.outcome() + "; gave up after " + attempt + " attempts";
        };
        boolean recorded = jobs.database().inTransaction(c -> {
            if (!deliveries.recordAttempt(c, delivery, state, call.outcome(), retryAt.orElse(now))) {
                return false;
            }
            jobs.event(c, delivery.jobId(), "notify", detail);
            return true;
        });
        if (!recorded) {
            LOG.info("job {}: notify delivery {} was recorded by another sender meanwhile", delivery.jobId(),
                    delivery.id());
        } else if (state == NotifyDelivery.State.GIVEN_UP) {
            LOG.warn("job {}: notify_url {}", delivery.jobId(), detail);
        } else if (state == NotifyDelivery.State.PENDING) {
            LOG.info("job {}: notify_url {}", delivery.jobId(), detail);
        }
    }

    /**
     * The URL without user info, query or fragment, for logs and the timeline: a receiver may carry a token there.
     */
    static String redacted(String url) {
        try {
            URI uri = URI.create(url);
            if (uri.getScheme() == null || uri.getHost() == null) {
                return "(an unusable notify_url)";
            }
            return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort())
                    + (uri.getRawPath() == null ? "" : uri.getRawPath());
        } catch (IllegalArgumentException e) {
            return "(an unusable notify_url)";
        }
    }
}
