package io.reelroute.quota;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.reelroute.catalog.PlannedJob;
import io.reelroute.files.Hashing;
import io.reelroute.job.JobDraft;
import io.reelroute.job.JobIds;
import io.reelroute.store.JobInput;
import io.reelroute.store.JobRecord;
import io.reelroute.store.JobState;
import io.reelroute.store.JobStore;
import io.reelroute.store.NewJob;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The quota enricher of the accept route. In one transaction, under the user's quota lock: a draft that
 * repeats an earlier job of the same user (same inputs, model, parameters and prompt) is recorded as a
 * repeat that will be answered from that job and costs nothing; any other draft is checked against the
 * plan, recorded, and its estimate held against the budget. Nothing is recorded when a check fails.
 */
public final class QuotaEnricher {
    private final JobStore jobs;
    private final QuotaLedger ledger;
    private final JobIds ids;
    private final ObjectMapper canonicalJson;

    public QuotaEnricher(JobStore jobs, QuotaLedger ledger, JobIds ids, ObjectMapper json) {
        this.jobs = jobs;
        this.ledger = ledger;
        this.ids = ids;
        this.canonicalJson = json.copy().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);
    }

    public JobDraft reserve(JobDraft draft) {
        PlannedJob plan = draft.plan();
        String userId = draft.userId();
        ledger.plans().planOf(userId);
        ledger.ensureAccount(userId);
        String fingerprint = fingerprint(draft);
        String id = ids.next();
        String repeatOf = jobs.database().inTransaction(c -> {
            ledger.lock(c, userId);
            JobRecord earlier = jobs.findRepeatable(c, fingerprint).orElse(null);
            if (earlier != null) {
                // answered with the earlier job's files, so it records the prompt that made them
                jobs.insert(c, newJob(draft, id, fingerprint, JobState.WAITING, BigDecimal.ZERO, earlier.id(),
                        earlier.prompt()));
                jobs.event(c, id, "accepted", "repeats job " + earlier.id() + ": answered from its result, not generated again");
                linkToUnit(c, draft, id);
                return earlier.id();
            }
            reserveFor(c, draft);
            jobs.insert(c, newJob(draft, id, fingerprint, JobState.QUEUED, plan.estimateUsd(), null,
                    draft.prompt()));
            ledger.hold(c, id, userId, plan.estimateUsd());
            jobs.event(c, id, "accepted", "estimate $" + plan.estimateUsd().toPlainString() + " held");
            if (draft.promptNote() != null) {
                jobs.event(c, id, "prompt", draft.promptNote());
            }
            linkToUnit(c, draft, id);
            return null;
        });
        draft.recorded(id, repeatOf);
        return draft;
    }

    /**
     * A story's or a batch's job takes its hold from the unit's reservation (made, with the daily job count, when
     * the unit was accepted); only what that no longer covers (a fallback to a dearer model, say) is checked again.
     */
    private void reserveFor(Connection c, JobDraft draft) throws SQLException {
        PlannedJob plan = draft.plan();
        if (draft.storyStep() == null && draft.batchRow() == null) {
            ledger.check(c, draft.userId(), plan.model().id(), plan.estimateUsd());
            return;
        }
        ledger.checkModel(draft.userId(), plan.model().id());
        BigDecimal covered = draft.storyStep() != null
                ? ledger.drawFromStory(c, draft.storyStep().storyId(), plan.estimateUsd())
                : ledger.drawFromBatch(c, draft.batchRow().batchId(), plan.estimateUsd());
        BigDecimal uncovered = plan.estimateUsd().subtract(covered);
        if (uncovered.signum() > 0) {
            ledger.checkBudget(c, draft.userId(), uncovered, draft.storyStep() != null
                    ? "this shot, beyond what its story reserved," : "this row, beyond what its batch reserved,");
        }
    }

    /** Records, in the job's own transaction, which story step or batch row the job runs for. */
    private void linkToUnit(Connection c, JobDraft draft, String jobId) throws SQLException {
        if (draft.storyStep() != null) {
            jobs.linkToStory(c, draft.storyStep().storyId(), draft.storyStep().step(), jobId);
        }
        if (draft.batchRow() != null) {
            jobs.linkToBatchRow(c, draft.batchRow().batchId(), draft.batchRow().rowNumber(), jobId);
        }
    }

    private NewJob newJob(JobDraft draft, String id, String fingerprint, JobState state, BigDecimal estimate,
                          String reuseOf, String prompt) {
        PlannedJob plan = draft.plan();
        List<JobInput> inputs = draft.inputs().values().stream()
                .map(in -> new JobInput(in.role(), in.sha256() == null ? Hashing.sha256(in.url()) : in.sha256(),
                        in.isUrl() ? in.url() : in.file().toString(), in.originalName()))
                .toList();
        return new NewJob(id, draft.userId(), draft.source(), draft.intakeKey(), fingerprint, state,
                plan.operation(), plan.model().id(), plan.model().provider(), toJson(draft.spec()), prompt,
                toJson(new TreeMap<>(plan.parameters())), plan.billedSeconds(), estimate, reuseOf, inputs);
    }

    /**
     * What makes two jobs the same: owner, operation, model, parameters, prompt (or what a written prompt was
     * written from, {@link JobDraft#promptIdentity}) and input contents, reference images included.
     */
    String fingerprint(JobDraft draft) {
        PlannedJob plan = draft.plan();
        Map<String, Object> inputs = new TreeMap<>();
        draft.inputs().forEach((role, in) -> inputs.put(role, in.isUrl() ? in.url() : in.sha256()));
        Map<String, Object> identity = new TreeMap<>(Map.of(
                "user", draft.userId(),
                "operation", plan.operation(),
                "model", plan.model().id(),
                "parameters", new TreeMap<>(plan.parameters()),
                "prompt", draft.promptIdentity(),
                "inputs", inputs));
        return Hashing.sha256(toJson(identity));
    }

    private String toJson(Object value) {
        try {
            return canonicalJson.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
