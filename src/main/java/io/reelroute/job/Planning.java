package io.reelroute.job;

import io.reelroute.catalog.JobPlanner;
import io.reelroute.provider.ProviderRegistry;

/** The catalog check of the accept route: validates the spec against the model and prices it. */
public final class Planning {
    private final JobPlanner planner;
    private final ProviderRegistry providers;

    public Planning(JobPlanner planner, ProviderRegistry providers) {
        this.planner = planner;
        this.providers = providers;
    }

    public JobDraft plan(JobDraft draft) {
        draft.setPlan(planner.plan(draft.spec(), draft.facts(), providers::isAvailable));
        return draft;
    }
}
