package io.reelroute.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import io.reelroute.provider.ProviderRegistry;
import io.reelroute.quota.Plans;
import io.reelroute.store.Database;
import io.reelroute.store.JobRecord;
import io.reelroute.store.JobState;
import io.reelroute.store.JobStore;
import io.reelroute.support.MutableClock;
import io.reelroute.support.StoredJobs;
import io.reelroute.support.TestDatabases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The dispatcher starts the oldest queued jobs within each provider's cap and each user's plan. */
class DispatcherTest {
    @TempDir
    Path dir;

    private Database db;
    private JobStore jobs;
    private Dispatcher dispatcher;
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-21T10:00:00Z"));

    @BeforeEach
    void setUp() throws Exception {
        Path plansFile = Files.writeString(dir.resolve("plans.yaml"), """
                plans:
                  wide: { monthly_budget_usd: 100, daily_jobs: 100, concurrent_jobs: 10, models: ["*"] }
                  single: { monthly_budget_usd: 100, daily_jobs: 100, concurrent_jobs: 1, models: ["*"] }
                users:
                  alice: { plan: wide }
                  bob: { plan: single }
                """);
        db = TestDatabases.h2(dir);
        jobs = new JobStore(db, clock);
        ProviderRegistry providers = new ProviderRegistry(Map.of(
                "local", new ProviderRegistry.Provider("local", "local", true, null, false, 2),
                "fal", new ProviderRegistry.Provider("fal", "fal", false, "FAL_KEY", false, 2)));
        dispatcher = new Dispatcher(jobs, Plans.load(plansFile), providers);
    }

    @AfterEach
    void tearDown() {
        db.close();
    }

    private void queue(String id, String user, String provider) {
        StoredJobs.insert(jobs, id, user, provider, JobState.QUEUED);
        clock.advance(Duration.ofSeconds(1));
    }

    @Test
    void theProviderCapHoldsAndTheRestWaitInOrder() {
        for (int i = 1; i <= 5; i++) {
            queue("a" + i, "alice", "local");
        }
        assertThat(dispatcher.claim()).extracting(JobRecord::id).containsExactly("a1", "a2");
        assertThat(dispatcher.claim()).as("both slots busy").isEmpty();

        db.inTransaction(c -> jobs.transition(c, "a1", JobState.RUNNING, JobState.GENERATED));
        assertThat(dispatcher.claim()).extracting(JobRecord::id).containsExactly("a3");
        assertThat(jobs.inState(JobState.QUEUED)).extracting(JobRecord::id).containsExactly("a4", "a5");
    }

    @Test
    void aUsersConcurrentJobLimitHoldsWithoutBlockingOthers() {
        queue("b1", "bob", "local");
        queue("b2", "bob", "local");
        queue("a1", "alice", "local");
        assertThat(dispatcher.claim()).extracting(JobRecord::id).containsExactly("b1", "a1");
        assertThat(jobs.find("b2").orElseThrow().state()).isEqualTo(JobState.QUEUED);
    }

    @Test
    void jobsOfAnUnavailableProviderAreHandedOutSoTheRouterFailsThem() {
        queue("f1", "alice", "fal");
        queue("f2", "alice", "fal");
        queue("f3", "alice", "fal");
        assertThat(dispatcher.claim()).extracting(JobRecord::id).containsExactly("f1", "f2", "f3");
    }
}
