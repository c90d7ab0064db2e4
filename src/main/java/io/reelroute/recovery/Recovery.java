package io.reelroute.recovery;

import io.reelroute.delivery.JobOutcomes;
import io.reelroute.error.ErrorCode;
import io.reelroute.store.JobRecord;
import io.reelroute.store.JobState;
import io.reelroute.store.JobStore;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs once at start-up and picks up what a stopped process (SIGKILL included) left unfinished:
 * <ul>
 *   <li>interrupted local renders go back to the queue (they cost nothing);</li>
 *   <li>remote jobs with a prediction are followed again at once, without a new submit;</li>
 *   <li>a remote job stopped in the middle of its submit fails: whether the provider took it is unknown, and
 *       submitting again could pay twice;</li>
 *   <li>generated clips are delivered, and final jobs get the result file and usage line they may lack.</li>
 * </ul>
 * Only jobs last touched before this start-up are considered, so nothing the running service does is touched.
 */
public final class Recovery {
    private static final Logger LOG = LoggerFactory.getLogger(Recovery.class);

    private final JobStore jobs;
    private final JobOutcomes outcomes;
    private final Instant startedAt;
    private static final String SUBMIT_INTERRUPTED = "the service stopped while submitting this job to %s;"
            + " whether %s took it is unknown, so reelroute does not submit it again (that could pay twice)."
            + " Check the provider's dashboard, and drop the input again to generate anew";

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
        for (JobRecord job : jobs.leftInState(JobState.SUBMITTING, startedAt)) {
            LOG.warn("job {} was interrupted while submitting to {}: failing it rather than risk paying twice",
                    job.id(), job.provider());
            outcomes.fail(job.id(), ErrorCode.PROVIDER_FAILED,
                    String.format(SUBMIT_INTERRUPTED, job.provider(), job.provider()));
        }
        for (JobState following : List.of(JobState.RUNNING, JobState.DOWNLOADING)) {
            for (JobRecord job : jobs.leftInState(following, startedAt)) {
                if (!"local".equals(job.provider())) {
                    LOG.info("job {} reattached to prediction {} at {} after the restart, no new submit", job.id(),
                            job.predictionId(), job.provider());
                    jobs.database().inTransaction(c -> {
                        jobs.scheduleAttempt(c, job.id(), startedAt, job.attempts());
                        jobs.event(c, job.id(), "reattached", "following prediction " + job.predictionId()
                                + " again after a restart, no new submit");
                        return null;
                    });
                }
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
