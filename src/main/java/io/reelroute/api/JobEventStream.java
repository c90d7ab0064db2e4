package io.reelroute.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.reelroute.store.JobEvent;
import io.reelroute.store.JobRecord;
import io.reelroute.store.JobStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A job's progress as a Server-Sent Events body: the HTTP server reads it as a stream and sends each frame as
 * it comes. A {@code progress} frame whenever the job's state or timeline changes (with the new timeline
 * entries), a comment every {@code heartbeat} so proxies keep the connection, and a last {@code done} frame
 * with the whole job view once it is final; then the stream ends. The job is looked at every {@code poll}
 * (the database is the truth, so a stream sees jobs moved on by any process).
 */
final class JobEventStream extends InputStream {
    private static final Duration RESULT_GRACE = Duration.ofSeconds(10);

    private final String jobId;
    private final JobStore jobs;
    private final JobViews views;
    private final ObjectMapper json;
    private final Duration poll;
    private final Duration heartbeat;
    private byte[] frame = new byte[0];
    private int position;
    private int eventsSent;
    private String stateSent;
    private boolean done;

    JobEventStream(String jobId, JobStore jobs, JobViews views, ObjectMapper json, Duration poll,
                   Duration heartbeat) {
        this.jobId = jobId;
        this.jobs = jobs;
        this.views = views;
        this.json = json;
        this.poll = poll;
        this.heartbeat = heartbeat;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        if (position == frame.length) {
            if (done) {
                return -1;
            }
            frame = nextFrame().getBytes(StandardCharsets.UTF_8);
            position = 0;
        }
        int n = Math.min(length, frame.length - position);
        System.arraycopy(frame, position, buffer, offset, n);
        position += n;
        return n;
    }

    /** Waits until there is something to say, or until a heartbeat is due. */
    private String nextFrame() throws IOException {
        long quietSince = System.nanoTime();
        while (true) {
            JobRecord job = jobs.find(jobId).orElseThrow();
            // the last frame carries result.json, written just after the final state (unless that failed)
            if (job.state().isFinal() && (job.resultWritten()
                    || job.finishedAt().isBefore(java.time.Instant.now().minus(RESULT_GRACE)))) {
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
            try {
                Thread.sleep(poll.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("event stream of job " + jobId + " interrupted");
            }
        }
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
