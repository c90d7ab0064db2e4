package io.reelroute.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.reelroute.store.JobEvent;
import io.reelroute.store.JobRecord;
import io.reelroute.store.JobStore;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * The Server-Sent Events frames of one job: a {@code progress} frame whenever the job's state or timeline
 * changes (with the new timeline entries), a comment every {@code heartbeat} so proxies keep the connection,
 * and a last {@code done} frame with the whole job view once it is final. The job is looked at every
 * {@code poll}: the database is the truth, so a stream sees jobs moved on by any process.
 */
final class JobEventFrames {
    private static final Duration RESULT_GRACE = Duration.ofSeconds(10);

    private final String jobId;
    private final JobStore jobs;
    private final JobViews views;
    private final ObjectMapper json;
    private final Duration poll;
    private final Duration heartbeat;
    private int eventsSent;
    private String stateSent;
    private boolean done;

    JobEventFrames(String jobId, JobStore jobs, JobViews views, ObjectMapper json, Duration poll, Duration heartbeat) {
        this.jobId = jobId;
        this.jobs = jobs;
        this.views = views;
        this.json = json;
        this.poll = poll;
        this.heartbeat = heartbeat;
    }

    /**
     * Waits until there is something to say, or a heartbeat is due.
     *
     * @param gone true once nobody listens any more (the client left): then the wait ends at once
     * @return the next frame; null after the {@code done} frame, or once {@code gone}
     */
    String next(BooleanSupplier gone) throws InterruptedException {
        long quietSince = System.nanoTime();
        while (!done && !gone.getAsBoolean()) {
            JobRecord job = jobs.find(jobId).orElseThrow();
            // the last frame carries result.json, written just after the final state (unless that failed)
            if (job.state().isFinal() && (job.resultWritten()
                    || job.finishedAt().isBefore(Instant.now().minus(RESULT_GRACE)))) {
                done = true;
                return "event: done\ndata: " + write(views.view(job)) + "\n\n";
            }
            List<JobEvent> events = jobs.events(jobId);
            if (events.size() > eventsSent || !job.state().dbValue().equals(stateSent)) {
                Map<String, Object> data = new LinkedHashMap<>();
                data.put("job_id", jobId);
                data.put("status", job.state().dbValue());
                data.put("progress", JobViews.progress(job.state()));
                data.put("timeline", events.subList(Math.min(eventsSent, events.size()), events.size()).stream()
                        .map(JobViews::event).toList());
                eventsSent = events.size();
                stateSent = job.state().dbValue();
                return "event: progress\ndata: " + write(data) + "\n\n";
            }
            if (System.nanoTime() - quietSince >= heartbeat.toNanos()) {
                return ": still " + stateSent + "\n\n";
            }
            Thread.sleep(poll.toMillis());
        }
        return null;
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
