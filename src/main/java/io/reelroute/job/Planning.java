package io.reelroute.job;

import io.reelroute.catalog.JobPlanner;
import io.reelroute.catalog.ModelDef;
import io.reelroute.catalog.PlannedJob;
import io.reelroute.catalog.RequestMapping;
import io.reelroute.error.ErrorCode;
import io.reelroute.error.ReelrouteException;
import io.reelroute.provider.ProviderRegistry;
import java.util.List;

/** The catalog check of the accept route: validates the spec against the model and prices it. */
public final class Planning {
    private final JobPlanner planner;
    private final ProviderRegistry providers;

    public Planning(JobPlanner planner, ProviderRegistry providers) {
        this.planner = planner;
        this.providers = providers;
    }

    public JobDraft plan(JobDraft draft) {
        PlannedJob plan = planner.plan(draft.spec(), draft.facts(), providers::isAvailable);
        checkReferences(draft, plan.model());
        draft.setPlan(plan);
        return draft;
    }

    /**
     * Reference images are not spec fields, so the planner does not see them: a model whose request mapping
     * has no place for one is refused here, before anything is held or uploaded, rather than failing at submit.
     */
    private void checkReferences(JobDraft draft, ModelDef model) {
        for (String role : draft.inputs().keySet()) {
            if (RequestMapping.REFERENCE_INPUTS.contains(role) && model.request().field(role).isEmpty()) {
                List<String> able = planner.catalog().all().stream().filter(m -> m.request().field(role).isPresent())
                        .map(ModelDef::id).toList();
                throw new ReelrouteException(ErrorCode.UNSUPPORTED_PARAMETER, model.id() + " does not take reference"
                        + " images (" + role + ")" + (able.isEmpty() ? "" : "; models that do: "
                        + String.join(", ", able)), role);
            }
        }
    }
}
