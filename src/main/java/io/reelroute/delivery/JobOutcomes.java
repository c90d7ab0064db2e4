package io.reelroute.delivery;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.reelroute.error.ErrorCode;
import io.reelroute.error.ReelrouteException;
import io.reelroute.files.AtomicFiles;
import io.reelroute.files.Workspace;
import io.reelroute.media.MediaInfo;
import io.reelroute.media.MediaProbe;
import io.reelroute.quota.QuotaLedger;
import io.reelroute.quota.UsageLog;
import io.reelroute.store.JobRecord;
import io.reelroute.store.JobState;
import io.reelroute.store.JobStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ends jobs: records failure (releasing the held money), and for every final job writes result.json and its
 * usage line once. The database commit comes first; the two files follow and are flagged when written, so a
 * crash in between is finished by the recovery pass without a duplicate usage line.
 */
public final class JobOutcomes {
    private static final Logger LOG = LoggerFactory.getLogger(JobOutcomes.class);

    /**
     * Told of a job's result.json inside the transaction that flags it written (notify_url deliveries are
     * recorded from it), so what it records is committed with the flag or not at all.
     */
    @FunctionalInterface
    public interface ResultWritten {
        void record(Connection c, JobRecord job) throws SQLException;
    }

    private final Workspace workspace;
    private final JobStore jobs;
    private final QuotaLedger ledger;
    private final UsageLog usage;
    private final MediaProbe probe;
    private final ObjectMapper json;
    private final ResultWritten onResult;

    public JobOutcomes(Workspace workspace, JobStore jobs, QuotaLedger ledger, UsageLog usage, MediaProbe probe,
                       ObjectMapper json) {
        this(workspace, jobs, ledger, usage, probe, json, (c, job) -> { });
    }

    /** @param onResult told of each result.json when it is first flagged written, in that transaction */
    public JobOutcomes(Workspace workspace, JobStore jobs, QuotaLedger ledger, UsageLog usage, MediaProbe probe,
                       ObjectMapper json, ResultWritten onResult) {
        this.onResult = onResult;
        this.workspace = workspace;
        this.jobs = jobs;
        this.ledger = ledger;
        this.usage = usage;
        this.probe = probe;
        this.json = json;
    }

    /** Fails a job that is not final yet, with the error's code and message; its hold is released. */
    public void fail(String jobId, Throwable error) {
        if (jobId == null) {
            LOG.error("a step failed before it had a job in hand (the next tick retries it)", error);
            return;
        }
        ErrorCode code = error instanceof ReelrouteException re ? re.code() : ErrorCode.INTERNAL;
        String message = error instanceof ReelrouteException ? error.getMessage()
                : "reelroute failed unexpectedly: " + error.getClass().getSimpleName() + ": " + error.getMessage();
        if (code == ErrorCode.INTERNAL) {
            LOG.error("job {} failed unexpectedly", jobId, error);
        } else {
            LOG.warn("job {} failed: {} {}", jobId, code.code(), message);
        }
        fail(jobId, code, message);
    }

    public void fail(String jobId, ErrorCode code, String message) {
        boolean moved = jobs.database().inTransaction(c -> {
            JobRecord job = jobs.find(c, jobId).orElseThrow();
            if (job.state().isFinal() || !jobs.transition(c, jobId, job.state(), JobState.FAILED)) {
                return false;
            }
            jobs.setError(c, jobId, code.code(), message);
            ledger.release(c, jobId);
            return true;
        });
        if (moved) {
            settle(jobId, false);
        }
    }

    /** Cancels a job that is still in {@code from}; its hold is released. */
    public void cancel(String jobId, JobState from, String message) {
        boolean moved = jobs.database().inTransaction(c -> {
            if (!jobs.transition(c, jobId, from, JobState.CANCELLED)) {
                return false;
            }
            jobs.setError(c, jobId, ErrorCode.CANCELLED.code(), message);
            ledger.release(c, jobId);
            return true;
        });
        if (!moved) {
            throw new ReelrouteException(ErrorCode.INVALID_INPUT, "job " + jobId + " moved on while it was being"
                    + " cancelled; look at it again", "job_id");
        }
        settle(jobId, false);
    }

    /**
     * Writes the usage line and then result.json of a final job, each once: by the time a user sees the
     * result, its usage is recorded.
     *
     * @param recovering true after a restart: the usage log is searched first, since the line may be there
     */
    public void settle(String jobId, boolean recovering) {
        JobRecord job = jobs.find(jobId).orElseThrow();
        if (!job.state().isFinal()) {
            throw new IllegalStateException("job " + jobId + " is " + job.state().dbValue() + ", not final");
        }
        Optional<Path> output = job.state() == JobState.COMPLETED ? primaryOutput(workspace.outputOf(jobId))
                : Optional.empty();
        MediaInfo media = output.map(probe::probe).orElse(null);
        if (!job.usageWritten()) {
            UsageLog.Entry entry = usageEntry(job);
            if (recovering) {
                usage.appendOnce(entry);
            } else {
                usage.append(entry);
            }
            jobs.markUsageWritten(jobId);
        }
        if (!job.resultWritten()) {
            Path result = workspace.outputOf(jobId).resolve("result.json");
            writeJson(result, ResultFile.of(job, media));
            jobs.database().inTransaction(c -> {
                if (jobs.markResultWritten(c, jobId)) {
                    onResult.record(c, job);
                }
                return null;
            });
        }
    }

    /** The job's delivered file: video.mp4, or the keyframe image of a keyframe job. */
    public static Optional<Path> primaryOutput(Path outputDir) {
        return Stream.of("video.mp4", "keyframe.png", "keyframe.jpg").map(outputDir::resolve).filter(Files::exists)
                .findFirst();
    }

    private UsageLog.Entry usageEntry(JobRecord job) {
        Map<String, Object> parameters = job.parameters();
        return new UsageLog.Entry(job.finishedAt().toString(), job.id(), job.userId(), job.model(), job.provider(),
                job.operation(), job.billedSeconds(), (String) parameters.get("resolution"),
                job.costUsd() == null ? java.math.BigDecimal.ZERO : job.costUsd(), job.state().dbValue(),
                job.predictionId());
    }

    private void writeJson(Path file, Object value) {
        try {
            AtomicFiles.write(file, json.writerWithDefaultPrettyPrinter().writeValueAsBytes(value));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
