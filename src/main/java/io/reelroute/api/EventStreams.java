package io.reelroute.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.http.HttpServerResponse;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.Exchange;

/**
 * {@code GET /api/jobs/{id}/events}: writes a job's {@link JobEventFrames} straight onto the HTTP response, each
 * frame flushed as it comes, until the job ends or the client leaves. Not a stream body for platform-http to
 * copy: that copier fills 4 KB blocks before it sends any, so a watcher would see nothing until the job ended,
 * and it only notices a departed client at the end. Each open stream holds one server worker thread, so at most
 * {@code max} are open at once (429 beyond); the server's worker pool is sized with that in mind.
 */
public final class EventStreams {
    private static final long WRITE_TIMEOUT_SECONDS = 30;

    private final OwnedJobs owned;
    private final JobViews views;
    private final ObjectMapper json;
    private final int max;
    private final Duration poll;
    private final Duration heartbeat;
    private final AtomicInteger open = new AtomicInteger();

    public EventStreams(OwnedJobs owned, JobViews views, ObjectMapper json, int max, Duration poll,
                        Duration heartbeat) {
        this.owned = owned;
        this.views = views;
        this.json = json;
        this.max = max;
        this.poll = poll;
        this.heartbeat = heartbeat;
    }

    /** Streams the caller's job's progress onto the exchange's HTTP response; returns once the stream is over. */
    public void stream(String userId, String jobId, Exchange exchange) throws InterruptedException {
        owned.find(userId, jobId);
        HttpServerResponse response = ServerResponses.of(exchange);
        if (open.incrementAndGet() > max) {
            open.decrementAndGet();
            throw new ApiException(429, "too_many_requests", max + " event streams are open, the most this service"
                    + " keeps (setting reelroute.http.max-event-streams); ask GET /api/jobs/" + jobId
                    + " instead, or again later", null);
        }
        try {
            AtomicBoolean gone = new AtomicBoolean();
            response.closeHandler(ignored -> gone.set(true));
            response.setStatusCode(200).setChunked(true).putHeader("Content-Type", "text/event-stream")
                    .putHeader("Cache-Control", "no-cache");
            JobEventFrames frames = new JobEventFrames(jobId, owned.store(), views, json, poll, heartbeat);
            for (String frame = frames.next(gone::get); frame != null; frame = frames.next(gone::get)) {
                if (!ServerResponses.sent(response.write(frame), WRITE_TIMEOUT_SECONDS)) {
                    gone.set(true);
                }
            }
            if (!gone.get()) {
                ServerResponses.sent(response.end(), WRITE_TIMEOUT_SECONDS);
            }
        } finally {
            ServerResponses.abandon(response);
            open.decrementAndGet();
        }
    }

    /** The event streams open now. */
    public int open() {
        return open.get();
    }

}
