package io.reelroute.recovery;

import io.reelroute.delivery.JobOutcomes;
import io.reelroute.store.JobRecord;
import io.reelroute.store.JobState;
import io.reelroute.store.JobStore;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs once at start-up and picks up what a stopped process (SIGKILL included) left unfinished: renders that
 * were interrupted go back to the queue (local renders cost nothing), generated clips are delivered, and
 * final jobs get the result file and usage line they may lack. Only jobs last touched before this start-up
 * are considered, so nothing the running service is doing is touched.
 */
public final class Recovery {
    private static final Logger LOG = LoggerFactory.getLogger(Recovery.class);

    private final JobStore jobs;
    private final JobOutcomes outcomes;
    private final Instant startedAt;

    public Recovery(JobStore jobs, JobOutcomes outcomes, Instant startedAt) {
        this.jobs = jobs;
        this.outcomes = outcomes;
        this.startedAt = startedAt;
    }

    /** Returns the ids of generated jobs still to deliver. */
    public List<String> run() {
        for (JobRecord job : jobs.leftInState(JobState.RUNNING, startedAt)) {
            if (!"local".equals(job.provider())) {
                continue;
            }
            boolean requeued = jobs.database().inTransaction(c -> {
                boolean moved = jobs.transition(c, job.id(), JobState.RUNNING, JobState.QUEUED);
                if (moved) {
                    jobs.event(c, job.id(), "requeued", "the service stopped while rendering; rendering again");
                }
                return moved;
            });
            if (requeued) {
                LOG.info("job {} was interrupted while rendering: queued again", job.id());
            }
        }
        for (JobRecord job : jobs.unsettledFinals()) {
            LOG.info("job {} ended before its result file and usage line were written: writing them", job.id());
            outcomes.settle(job.id(), true);
        }
        List<String> generated = jobs.leftInState(JobState.GENERATED, startedAt).stream().map(JobRecord::id).toList();
        if (!generated.isEmpty()) {
            LOG.info("delivering {} clip(s) generated before the restart", generated.size());
        }
        return generated;
    }
}
