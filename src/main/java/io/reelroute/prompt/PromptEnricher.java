package io.reelroute.prompt;

import io.reelroute.catalog.Operation;
import io.reelroute.job.JobDraft;
import io.reelroute.spec.JobSpec;

/**
 * The prompt enricher of the accept route: fixes the exact prompt that will be sent (CONTRACT 3). A
 * scene-animation job without a prompt gets one written from its scene ({@link SceneWriter}); every other job
 * the deterministic {@link MotionPrompt}.
 */
public final class PromptEnricher {
    private final SceneWriter scenes;

    public PromptEnricher(SceneWriter scenes) {
        this.scenes = scenes;
    }

    public JobDraft enrich(JobDraft draft) {
        JobSpec spec = draft.spec();
        boolean fromScene = (spec.prompt() == null || spec.prompt().isBlank())
                && Operation.fromId(spec.operation()).orElse(null) == Operation.SCENE_ANIMATION;
        SceneWriter.Written written = fromScene ? scenes.write(spec.scene(), spec.storyContext(), draft.source())
                : null;
        if (written == null) {
            draft.setPrompt(MotionPrompt.build(spec));
        } else {
            draft.setPrompt(written.text(), written.note(), written.basis());
        }
        return draft;
    }
}
