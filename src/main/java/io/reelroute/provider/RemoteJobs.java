package io.reelroute.provider;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.reelroute.catalog.ModelCatalog;
import io.reelroute.catalog.ModelDef;
import io.reelroute.catalog.PollCadence;
import io.reelroute.delivery.JobOutcomes;
import io.reelroute.error.ErrorCode;
import io.reelroute.error.ReelrouteException;
import io.reelroute.files.Workspace;
import io.reelroute.quota.QuotaLedger;
import io.reelroute.store.JobInput;
import io.reelroute.store.JobRecord;
import io.reelroute.store.JobState;
import io.reelroute.store.JobStore;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Jobs at remote providers, from submit to a clip on our disk. Money rules: a submit is made once and never
 * repeated by us (the job is marked {@code submitting} before the call, so a crash during it is known to be
 * ambiguous); the prediction is recorded before anything waits on it; a finished result is downloaded again
 * as often as needed but never generated again. Polling holds no thread per job: the poller leases the jobs
 * whose next status call is due, one call each.
 */
public final class RemoteJobs {
    private static final Logger LOG = LoggerFactory.getLogger(RemoteJobs.class);
    private static final Duration LEASE = Duration.ofMinutes(2);
    private static final Duration MAX_BACKOFF = Duration.ofMinutes(1);
    private static final int MAX_DOWNLOAD_ATTEMPTS = 8;
    private static final int DUE_LIMIT = 500;

    private final JobStore jobs;
    private final Workspace workspace;
    private final Map<String, ProviderClient> clients;
    private final ModelCatalog catalog;
    private final ProviderRegistry providers;
    private final QuotaLedger ledger;
    private final JobOutcomes outcomes;
    private final Downloader downloader;
    private final ObjectMapper json;
    private final Clock clock;

    public RemoteJobs(JobStore jobs, Workspace workspace, Map<String, ProviderClient> clients, ModelCatalog catalog,
                      ProviderRegistry providers, QuotaLedger ledger, JobOutcomes outcomes, Downloader downloader,
                      ObjectMapper json, Clock clock) {
        this.jobs = jobs;
        this.workspace = workspace;
        this.clients = Map.copyOf(clients);
        this.catalog = catalog;
        this.providers = providers;
        this.ledger = ledger;
        this.outcomes = outcomes;
        this.downloader = downloader;
        this.json = json;
        this.clock = clock;
    }

    /** What a poll step did: the job's clip is now on disk ({@code generated}), and whether a provider slot freed. */
    public record PollStep(String jobId, boolean generated, boolean slotFreed) {
    }

    /**
     * Submits a job the dispatcher moved to {@code submitting}. Returns the job id when a synchronous model
     * already delivered its output (then it goes to delivery), else null (the poller follows it).
     */
    public String submit(JobRecord job) {
        ModelDef model = model(job);
        ProviderClient client = client(job.provider());
        List<String> uploads = new java.util.ArrayList<>();
        Submitted submitted;
        try {
            submitted = UploadEvents.during(uploads, () -> client.submit(request(job, model)));
        } catch (ProviderException e) {
            providers.circuit().failure(job.provider());
            throw submitFailure(job, e);
        }
        providers.circuit().success(job.provider());
        Instant now = clock.instant();
        PollCadence cadence = model.poll();
        String uploaded = UploadEvents.summary(uploads);
        return jobs.database().inTransaction(c -> {
            if (!uploaded.isEmpty()) {
                jobs.event(c, job.id(), "uploaded", uploaded);
            }
            if (submitted instanceof Submitted.Finished finished) {
                jobs.recordPrediction(c, job.id(), finished.predictionId(), "{}", now, now);
                jobs.transition(c, job.id(), JobState.SUBMITTING, JobState.GENERATED);
                return job.id();
            }
            Prediction prediction = ((Submitted.Accepted) submitted).prediction();
            jobs.recordPrediction(c, job.id(), prediction.id(), toJson(prediction.handles()),
                    now.plus(cadence.timeout()), now.plus(cadence.interval()));
            jobs.transition(c, job.id(), JobState.SUBMITTING, JobState.RUNNING, "submitted",
                    "prediction " + prediction.id() + " at " + job.provider());
            return null;
        });
    }

    /** Remote jobs whose status call or download is due now, each leased so one tick takes it. */
    public List<JobRecord> due() {
        return jobs.database().inTransaction(c -> jobs.leaseDue(c, clock.instant(), LEASE, DUE_LIMIT));
    }

    /** One step for a due job: a download if it is finished, else one status call. */
    public PollStep poll(JobRecord job) {
        if (job.state() == JobState.DOWNLOADING) {
            return download(job);
        }
        Instant now = clock.instant();
        if (job.deadlineAt() != null && now.isAfter(job.deadlineAt())) {
            outcomes.fail(job.id(), ErrorCode.TIMEOUT, job.provider() + " gave no result for prediction "
                    + job.predictionId() + " within " + model(job).poll().timeout().toSeconds()
                    + " s; the prediction is kept, so the job can be resumed without paying again");
            return new PollStep(job.id(), false, true);
        }
        PollResult result;
        try {
            result = client(job.provider()).poll(new Prediction(job.predictionId(), job.handles()));
        } catch (ProviderException e) {
            return pollFailed(job, e);
        }
        providers.circuit().success(job.provider());
        if (result instanceof PollResult.Pending pending) {
            jobs.database().inTransaction(c -> {
                if (!Objects.equals(pending.providerStatus(), job.providerStatus())
                        || !Objects.equals(pending.queuePosition(), job.queuePosition())) {
                    jobs.recordProviderStatus(c, job.id(), pending.providerStatus(), pending.queuePosition());
                    jobs.event(c, job.id(), "provider-status", pending.providerStatus()
                            + (pending.queuePosition() == null ? "" : " (queue position " + pending.queuePosition() + ")"));
                }
                jobs.scheduleAttempt(c, job.id(), clock.instant().plus(model(job).poll().interval()), 0);
                return null;
            });
            return new PollStep(job.id(), false, false);
        }
        if (result instanceof PollResult.Failed failed) {
            outcomes.fail(job.id(), failed.code(), job.provider() + " reports prediction " + job.predictionId() + " "
                    + failed.providerStatus() + ": " + failed.message());
            return new PollStep(job.id(), false, true);
        }
        // done at the provider: its slot is free now, and the download is a step of its own, due at once
        PollResult.Succeeded succeeded = (PollResult.Succeeded) result;
        boolean moved = jobs.database().inTransaction(c -> {
            jobs.recordProviderStatus(c, job.id(), succeeded.providerStatus(), null);
            jobs.setOutputUrl(c, job.id(), succeeded.output().toString());
            jobs.scheduleAttempt(c, job.id(), clock.instant(), 0);
            return jobs.transition(c, job.id(), JobState.RUNNING, JobState.DOWNLOADING);
        });
        return new PollStep(job.id(), false, moved);
    }

    private PollStep download(JobRecord job) {
        Path clip = workspace.work(job.id()).resolve("clip.mp4");
        long bytes;
        try {
            bytes = downloader.download(job.outputUrl(), client(job.provider()).downloadHeaders(), clip);
        } catch (ProviderException e) {
            int attempts = job.attempts() + 1;
            if (attempts >= MAX_DOWNLOAD_ATTEMPTS) {
                outcomes.fail(job.id(), ErrorCode.PROVIDER_FAILED, "the finished result of prediction "
                        + job.predictionId() + " could not be downloaded after " + attempts + " tries (last: "
                        + e.getMessage() + "); it is paid for: resume the job to try the download again");
                return new PollStep(job.id(), false, false);
            }
            Duration wait = backoff(model(job).poll().interval(), attempts, e.retryAfter());
            jobs.database().inTransaction(c -> {
                jobs.event(c, job.id(), "download-retry", e.getMessage() + "; trying again in " + wait.toSeconds() + " s");
                jobs.scheduleAttempt(c, job.id(), clock.instant().plus(wait), attempts);
                return null;
            });
            return new PollStep(job.id(), false, false);
        }
        boolean generated = jobs.database().inTransaction(c -> jobs.transition(c, job.id(), JobState.DOWNLOADING,
                JobState.GENERATED, "downloaded", bytes + " bytes"));
        return new PollStep(job.id(), generated, false);
    }

    private PollStep pollFailed(JobRecord job, ProviderException e) {
        if (!e.retryable()) {
            outcomes.fail(job.id(), e.code(), "following prediction " + job.predictionId() + ": " + e.getMessage());
            return new PollStep(job.id(), false, true);
        }
        providers.circuit().failure(job.provider());
        int attempts = job.attempts() + 1;
        Duration wait = backoff(model(job).poll().interval(), attempts, e.retryAfter());
        jobs.database().inTransaction(c -> {
            jobs.event(c, job.id(), "poll-retry", e.getMessage() + "; asking again in " + wait.toMillis() + " ms");
            jobs.scheduleAttempt(c, job.id(), clock.instant().plus(wait), attempts);
            return null;
        });
        return new PollStep(job.id(), false, false);
    }

    /**
     * Takes up a failed or timed-out job again from its prediction, without a new submit: the estimate is
     * held again (the budget must still allow it), and the poller follows the prediction (or retries the
     * download when the result was already known).
     */
    public void resume(String jobId) {
        JobRecord job = jobs.find(jobId).orElseThrow(() -> new ReelrouteException(ErrorCode.INVALID_INPUT,
                "no job " + jobId, "job_id"));
        if (job.state() != JobState.FAILED || job.predictionId() == null || "local".equals(job.provider())) {
            throw new ReelrouteException(ErrorCode.INVALID_INPUT, "job " + jobId + " is " + job.state().dbValue()
                    + (job.predictionId() == null ? " and has no provider prediction" : "")
                    + ": only a failed or timed-out job with a prediction can be resumed", "job_id");
        }
        JobState next = job.outputUrl() != null ? JobState.DOWNLOADING : JobState.RUNNING;
        Instant now = clock.instant();
        ledger.ensureAccount(job.userId());
        jobs.database().inTransaction(c -> {
            ledger.lock(c, job.userId());
            ledger.check(c, job.userId(), job.model(), job.estimateUsd());
            ledger.rehold(c, job.id(), job.estimateUsd());
            jobs.reopen(c, job.id(), now.plus(model(job).poll().timeout()), now);
            jobs.transition(c, job.id(), JobState.FAILED, next);
            jobs.event(c, job.id(), "resumed", "following prediction " + job.predictionId() + " again, no new submit");
            return null;
        });
    }

    /**
     * Cancels a job that has not produced its result yet. At a provider with a cancel call it is asked to
     * stop; otherwise we only stop following it (the provider may still finish, and bill, the generation).
     */
    public void cancel(String jobId) {
        JobRecord job = jobs.find(jobId).orElseThrow(() -> new ReelrouteException(ErrorCode.INVALID_INPUT,
                "no job " + jobId, "job_id"));
        if (job.state() == JobState.SUBMITTING || job.state() == JobState.DOWNLOADING
                || job.state() == JobState.GENERATED || job.state().isFinal()) {
            throw new ReelrouteException(ErrorCode.INVALID_INPUT, "job " + jobId + " is " + job.state().dbValue()
                    + " and can no longer be cancelled", "job_id");
        }
        String note = "cancelled before it started";
        if (job.state() == JobState.RUNNING && job.predictionId() != null && !"local".equals(job.provider())) {
            boolean asked = client(job.provider()).cancel(new Prediction(job.predictionId(), job.handles()));
            note = asked ? "cancelled; " + job.provider() + " was asked to stop prediction " + job.predictionId()
                    : "cancelled; " + job.provider() + " has no cancel call, so reelroute stopped following"
                    + " prediction " + job.predictionId() + " (the provider may still finish and bill it)";
        } else if (job.state() == JobState.RUNNING) {
            note = "cancelled while rendering; the render is discarded";
        }
        String detail = note;
        outcomes.cancel(jobId, job.state(), detail);
    }

    private SubmitRequest request(JobRecord job, ModelDef model) {
        Map<String, SubmitRequest.InputFile> inputs = new LinkedHashMap<>();
        for (JobInput input : jobs.inputs(job.id())) {
            inputs.put(input.role(), input.isUrl()
                    ? new SubmitRequest.InputFile(input.role(), null, input.location(), input.sha256())
                    : new SubmitRequest.InputFile(input.role(), Path.of(input.location()), null, input.sha256()));
        }
        return new SubmitRequest(job.id(), model, job.operation(), job.prompt(), job.parameters(), inputs,
                workspace.work(job.id()));
    }

    /** A failed submit: never repeated. The message says whether the provider may have started the job. */
    private ReelrouteException submitFailure(JobRecord job, ProviderException e) {
        if (e instanceof InputUploadFailed) {
            return new ReelrouteException(e.code(), "uploading an input to " + job.provider() + " failed ("
                    + e.getMessage() + "); the job was not submitted, so nothing was paid: drop the input again to"
                    + " retry");
        }
        if (e.code() == ErrorCode.PROVIDER_FAILED) {
            return new ReelrouteException(ErrorCode.PROVIDER_FAILED, e.getMessage() + ". Whether " + job.provider()
                    + " started the generation is unknown, so reelroute does not submit it again by itself (that"
                    + " could pay twice); drop the input again to generate anew");
        }
        return e;
    }

    private static Duration backoff(Duration interval, int attempts, Duration retryAfter) {
        if (retryAfter != null) {
            return retryAfter;
        }
        long millis = Math.max(interval.toMillis(), 100) * (1L << Math.min(attempts, 10));
        return Duration.ofMillis(Math.min(millis, MAX_BACKOFF.toMillis()));
    }

    private ProviderClient client(String provider) {
        ProviderClient client = clients.get(provider);
        if (client == null) {
            throw new ReelrouteException(ErrorCode.PROVIDER_UNAVAILABLE, "no client for provider " + provider);
        }
        return client;
    }

    private ModelDef model(JobRecord job) {
        return catalog.find(job.model()).orElseThrow(() -> new IllegalStateException(
                "model " + job.model() + " of job " + job.id() + " is no longer in the catalog"));
    }

    private String toJson(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
