package io.reelroute.story;

import io.reelroute.catalog.InputFacts;
import io.reelroute.catalog.JobPlanner;
import io.reelroute.catalog.ModelDef;
import io.reelroute.catalog.PlannedJob;
import io.reelroute.error.ReelrouteException;
import io.reelroute.provider.ProviderRegistry;
import io.reelroute.spec.JobSpec;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Prices a whole story before anything runs: every shot as the job it will be (image-to-video from a last frame
 * or a keyframe, or text-to-video), plus each keyframe when keyframes are generated. Each shot is checked by the
 * catalog like any job, so a story that cannot run is refused at the door, naming the shot.
 */
public final class StoryPlanner {
    public static final String DEFAULT_KEYFRAME_MODEL = "gemini-2.5-flash-image";

    private final JobPlanner planner;
    private final ProviderRegistry providers;

    public StoryPlanner(JobPlanner planner, ProviderRegistry providers) {
        this.planner = planner;
        this.providers = providers;
    }

    public StoryPlan plan(StorySpec story, Map<String, StoryPlan.Asset> assets) {
        StorySpec.Continuity mode = story.continuityMode();
        String keyframeModel = null;
        String keyframeOffline = null;
        BigDecimal keyframeUsd = BigDecimal.ZERO;
        if (mode == StorySpec.Continuity.KEYFRAMES) {
            String wanted = keyframeModelOf(story);
            ModelDef model = planner.catalog().find(wanted).orElse(null);
            if (model != null && providers.isAvailable(model.provider())) {
                keyframeModel = wanted;
                keyframeUsd = plan(keyframeSpec(story, wanted), InputFacts.NONE, "keyframes", "keyframes.image_model")
                        .estimateUsd();
            } else {
                keyframeOffline = model == null ? "the image model " + wanted + " is not in the catalog"
                        : providers.get(model.provider()).unavailableReason();
            }
        }
        List<StoryPlan.ShotPlan> shots = new ArrayList<>();
        BigDecimal total = BigDecimal.ZERO;
        for (int i = 0; i < story.shots().size(); i++) {
            StorySpec.Shot shot = story.shots().get(i);
            StoryPlan.Asset own = shot.image() == null ? null : assets.get(shot.image());
            boolean hasImage = own != null || mode == StorySpec.Continuity.KEYFRAMES
                    || (mode == StorySpec.Continuity.LAST_FRAME && i > 0);
            String operation = StoryShots.operation(shot, hasImage);
            if (StoryShots.TEXT_TO_VIDEO.equals(operation)) {
                hasImage = false;
            }
            InputFacts facts = !hasImage ? InputFacts.NONE : own != null && own.width() != null
                    ? InputFacts.image(own.width(), own.height()) : new InputFacts(true, false, false, null, null, null);
            JobSpec spec = StoryShots.toJobSpec(story, shot, hasImage ? "image" : null, operation,
                    StoryShots.modelOf(story, shot));
            PlannedJob job = plan(spec, facts, "shot " + shot.id(), "shots[" + i + "]");
            boolean paired = mode == StorySpec.Continuity.KEYFRAMES && i < story.shots().size() - 1
                    && job.model().capabilities().pairedKeyframes();
            BigDecimal shotKeyframe = keyframeModel == null ? BigDecimal.ZERO : keyframeUsd;
            shots.add(new StoryPlan.ShotPlan(shot.id(), job.operation(), job.model().id(), seconds(job), job.estimateUsd(),
                    shotKeyframe, paired));
            total = total.add(job.estimateUsd()).add(shotKeyframe);
        }
        return new StoryPlan(total, keyframeModel, keyframeOffline, assets, shots);
    }

    static String keyframeModelOf(StorySpec story) {
        return story.keyframes() != null && story.keyframes().imageModel() != null
                ? story.keyframes().imageModel() : DEFAULT_KEYFRAME_MODEL;
    }

    /** The keyframe job of a shot, as a job spec; its image and prompt are filled in when it runs. */
    static JobSpec keyframeSpec(StorySpec story, String model) {
        return new JobSpec("keyframe", model, "keyframe", null, null, null, null, null, null, null, null, null,
                story.aspect(), null, null, null, null, story.userId(), null, null);
    }

    /** @param label names the shot in the message ("shot s02"); {@code path} is the field's place in the file */
    private PlannedJob plan(JobSpec spec, InputFacts facts, String label, String path) {
        try {
            return planner.plan(spec, facts, providers::isAvailable);
        } catch (ReelrouteException e) {
            String field = e.field() == null ? path : path + "." + e.field();
            throw new ReelrouteException(e.code(), label + ": " + e.getMessage(), field);
        }
    }

    private static double seconds(PlannedJob job) {
        Object duration = job.parameters().get("duration");
        return duration instanceof Number n ? n.doubleValue() : job.billedSeconds();
    }
}
