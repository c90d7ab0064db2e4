package io.reelroute.api;

import io.reelroute.store.JobRecord;
import io.reelroute.store.JobStore;

/** A job as its owner may see it: anybody else's job, like a job that does not exist, is 404. */
public final class OwnedJobs {
    private final JobStore jobs;

    public OwnedJobs(JobStore jobs) {
        this.jobs = jobs;
    }

    public JobRecord find(String userId, String jobId) {
        return jobs.find(jobId).filter(job -> job.userId().equals(userId))
                .orElseThrow(() -> ApiException.notFound(jobId));
    }

    public JobStore store() {
        return jobs;
    }
}
