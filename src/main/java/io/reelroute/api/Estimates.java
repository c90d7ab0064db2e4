package io.reelroute.api;

import io.reelroute.catalog.PlannedJob;
import io.reelroute.error.ErrorCode;
import io.reelroute.error.ReelrouteException;
import io.reelroute.job.JobDraft;
import io.reelroute.quota.QuotaLedger;
import io.reelroute.store.JobStore;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code POST /api/estimate}: a planned draft's price, and whether it fits the caller's plan and quota now.
 * Nothing is recorded or held. A model outside the plan is an error as for a job; a budget or daily limit that
 * the job would exceed is answered {@code within_quota: false} with the reason, since that is the question.
 */
public final class Estimates {
    private final JobStore jobs;
    private final QuotaLedger ledger;
    private final HttpIntake intake;
    private final ApiReplies replies;

    public Estimates(JobStore jobs, QuotaLedger ledger, HttpIntake intake, ApiReplies replies) {
        this.jobs = jobs;
        this.ledger = ledger;
        this.intake = intake;
        this.replies = replies;
    }

    public ApiReply estimate(JobDraft draft) {
        intake.cleanUp(draft);
        PlannedJob plan = draft.plan();
        String userId = draft.userId();
        ledger.ensureAccount(userId);
        String refusal = jobs.database().inTransaction(c -> {
            try {
                ledger.check(c, userId, plan.model().id(), plan.estimateUsd());
                return null;
            } catch (ReelrouteException e) {
                if (e.code() != ErrorCode.QUOTA_EXCEEDED) {
                    throw e;
                }
                return e.getMessage();
            }
        });
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("operation", plan.operation());
        body.put("model", plan.model().id());
        body.put("provider", plan.provider());
        body.put("parameters", plan.parameters());
        body.put("billed_seconds", plan.billedSeconds());
        body.put("estimate_usd", plan.estimateUsd());
        body.put("within_quota", refusal == null);
        body.put("quota_message", refusal);
        body.put("remaining_usd", ledger.balance(userId).remainingUsd());
        return replies.json(200, body);
    }
}
