package io.reelroute.prompt;

import io.reelroute.job.JobDraft;

/** The prompt enricher of the accept route: fixes the exact prompt that will be sent (CONTRACT 3). */
public final class PromptEnricher {

    public JobDraft enrich(JobDraft draft) {
        draft.setPrompt(MotionPrompt.build(draft.spec()));
        return draft;
    }
}
