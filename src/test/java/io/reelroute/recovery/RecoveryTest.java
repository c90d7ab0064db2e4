package io.reelroute.recovery;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.reelroute.delivery.JobOutcomes;
import io.reelroute.error.ErrorCode;
import io.reelroute.files.Workspace;
import io.reelroute.media.Ffmpeg;
import io.reelroute.media.MediaProbe;
import io.reelroute.quota.Plans;
import io.reelroute.quota.QuotaLedger;
import io.reelroute.quota.UsageLog;
import io.reelroute.store.Database;
import io.reelroute.store.JobState;
import io.reelroute.store.JobStore;
import io.reelroute.support.MutableClock;
import io.reelroute.support.StoredJobs;
import io.reelroute.support.TestDatabases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the start-up pass picks up, and what it leaves to the running service. */
class RecoveryTest {
    @TempDir
    Path dir;

    private Database db;
    private JobStore jobs;
    private JobOutcomes outcomes;
    private UsageLog usage;
    private Workspace workspace;
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-21T10:00:00Z"));

    @BeforeEach
    void setUp() throws Exception {
        Path plansFile = Files.writeString(dir.resolve("plans.yaml"),
                "plans:\n  p: { monthly_budget_usd: 1, daily_jobs: 9, concurrent_jobs: 1, models: [\"*\"] }\n"
                        + "users:\n  alice: { plan: p }\n");
        db = TestDatabases.h2(dir);
        jobs = new JobStore(db, clock);
        workspace = new Workspace(dir.resolve("home")).create();
        ObjectMapper json = new ObjectMapper();
        usage = new UsageLog(workspace.usage().resolve("usage.jsonl"), json);
        outcomes = new JobOutcomes(workspace, jobs,
                new QuotaLedger(Plans.load(plansFile), jobs, clock, ZoneOffset.UTC), usage,
                new MediaProbe(Ffmpeg.locate(null, dir.resolve("cache"))), json);
    }

    @AfterEach
    void tearDown() {
        db.close();
    }

    @Test
    void onlyWhatTheStoppedProcessLeftIsTaken() {
        StoredJobs.insert(jobs, "interrupted", "alice", "local", JobState.RUNNING);
        StoredJobs.insert(jobs, "generated", "alice", "local", JobState.GENERATED);
        StoredJobs.insert(jobs, "remote", "alice", "fal", JobState.RUNNING);
        clock.advance(Duration.ofSeconds(5));
        Instant startedAt = clock.instant();
        clock.advance(Duration.ofSeconds(1));
        StoredJobs.insert(jobs, "live", "alice", "local", JobState.RUNNING);

        var toDeliver = new Recovery(jobs, outcomes, startedAt).run();

        assertThat(toDeliver).containsExactly("generated");
        assertThat(jobs.find("interrupted").orElseThrow().state()).isEqualTo(JobState.QUEUED);
        assertThat(jobs.events("interrupted")).extracting(e -> e.stage()).contains("requeued");
        assertThat(jobs.find("live").orElseThrow().state()).as("this process's own job").isEqualTo(JobState.RUNNING);
        assertThat(jobs.find("remote").orElseThrow().state()).as("a paid prediction is never rendered again here")
                .isEqualTo(JobState.RUNNING);
    }

    @Test
    void aFinalJobGetsItsMissingFilesAndNeverASecondUsageLine() {
        StoredJobs.insert(jobs, "failed-early", "alice", "local", JobState.QUEUED);
        db.inTransaction(c -> {
            jobs.transition(c, "failed-early", JobState.QUEUED, JobState.FAILED);
            jobs.setError(c, "failed-early", ErrorCode.INTERNAL.code(), "boom");
            return null;
        });
        StoredJobs.insert(jobs, "half-settled", "alice", "local", JobState.QUEUED);
        db.inTransaction(c -> jobs.transition(c, "half-settled", JobState.QUEUED, JobState.FAILED));
        // the crash came after the usage line was appended but before it was flagged
        usage.append(new UsageLog.Entry("2026-11-21T10:00:00Z", "half-settled", "alice", "local-preview", "local",
                "image-to-video", 2.0, "480p", java.math.BigDecimal.ZERO, "failed", null));

        new Recovery(jobs, outcomes, clock.instant().plusSeconds(1)).run();

        assertThat(workspace.outputOf("failed-early").resolve("result.json")).exists();
        assertThat(workspace.outputOf("half-settled").resolve("result.json")).exists();
        assertThat(io.reelroute.support.Workspaces.usageLines(workspace.home()))
                .extracting(u -> u.get("job_id").asText()).containsExactlyInAnyOrder("half-settled", "failed-early");
        assertThat(jobs.find("half-settled").orElseThrow().usageWritten()).isTrue();
    }
}
