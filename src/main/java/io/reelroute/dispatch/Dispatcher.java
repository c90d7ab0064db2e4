package io.reelroute.dispatch;

import io.reelroute.error.ErrorCode;
import io.reelroute.error.ReelrouteException;
import io.reelroute.provider.ProviderRegistry;
import io.reelroute.quota.Plans;
import io.reelroute.store.JobRecord;
import io.reelroute.store.JobState;
import io.reelroute.store.JobStore;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Takes queued jobs off the durable queue, oldest first, as far as each provider's concurrency cap and each
 * user's plan allow; the others wait their turn in the database, where a restart cannot lose them.
 */
public final class Dispatcher {
    private static final int SCAN_LIMIT = 500;

    private final JobStore jobs;
    private final Plans plans;
    private final ProviderRegistry providers;

    public Dispatcher(JobStore jobs, Plans plans, ProviderRegistry providers) {
        this.jobs = jobs;
        this.plans = plans;
        this.providers = providers;
    }

    /**
     * Moves the jobs that may start now out of the queue and returns them: a local render to running, a remote
     * job to submitting (recorded before the submit call). Synchronized: ticks and kicks from finishing jobs
     * come from several threads, and two claims at once could both see the same free slot.
     */
    public synchronized List<JobRecord> claim() {
        return jobs.database().inTransaction(c -> {
            Map<String, Integer> byProvider = new HashMap<>();
            Map<String, Integer> byUser = new HashMap<>();
            List<JobRecord> claimed = new ArrayList<>();
            for (JobRecord job : jobs.queued(c, SCAN_LIMIT)) {
                int providerRunning = byProvider.computeIfAbsent(job.provider(), p -> count(() ->
                        jobs.countRunningByProvider(c, p)));
                int userRunning = byUser.computeIfAbsent(job.userId(), u -> count(() -> jobs.countRunningByUser(c, u)));
                boolean providerHasRoom = !providers.isAvailable(job.provider())
                        || providerRunning < providers.get(job.provider()).concurrency();
                if (providerHasRoom && userRunning < plans.planOf(job.userId()).concurrentJobs()
                        && jobs.transition(c, job.id(), JobState.QUEUED, startState(job))) {
                    byProvider.merge(job.provider(), 1, Integer::sum);
                    byUser.merge(job.userId(), 1, Integer::sum);
                    claimed.add(jobs.find(c, job.id()).orElseThrow());
                }
            }
            return claimed;
        });
    }

    private static JobState startState(JobRecord job) {
        return "local".equals(job.provider()) ? JobState.RUNNING : JobState.SUBMITTING;
    }

    /** The content-based router's otherwise branch: a job whose provider has no route here. */
    public void unroutable(JobRecord job) {
        throw new ReelrouteException(ErrorCode.PROVIDER_UNAVAILABLE, "model " + job.model() + " runs on provider "
                + job.provider() + ", which is not available: "
                + (providers.all().containsKey(job.provider()) ? providers.get(job.provider()).unavailableReason()
                : "unknown provider"));
    }

    private interface Count {
        int get() throws java.sql.SQLException;
    }

    private static int count(Count count) {
        try {
            return count.get();
        } catch (java.sql.SQLException e) {
            throw new io.reelroute.store.StoreException(e);
        }
    }
}
