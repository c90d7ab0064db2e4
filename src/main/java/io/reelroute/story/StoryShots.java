package io.reelroute.story;

import io.reelroute.catalog.ModelDef;
import io.reelroute.catalog.ParameterRule;
import io.reelroute.media.FrameSize;
import io.reelroute.prompt.MotionPrompt;
import io.reelroute.spec.JobSpec;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** A story's shot as an ordinary job spec: the shot's own fields, the story's defaults for the rest. */
public final class StoryShots {
    public static final String IMAGE_TO_VIDEO = "image-to-video";
    public static final String TEXT_TO_VIDEO = "text-to-video";

    private StoryShots() {
    }

    /**
     * @param image the shot's input image: its own {@code image}, the previous shot's last frame, or its
     *              keyframe, as continuity decides; null for text-to-video
     */
    public static JobSpec toJobSpec(StorySpec story, StorySpec.Shot shot, String image) {
        return toJobSpec(story, shot, image, shot.operation(), modelOf(story, shot));
    }

    public static JobSpec toJobSpec(StorySpec story, StorySpec.Shot shot, String image, String operation,
                                    String model) {
        return new JobSpec(operation, model, prompt(story, shot), shot.negativePrompt(), shot.shot(), shot.scene(),
                shot.storyContext(), image, null, null, shot.duration(),
                shot.resolution() != null ? shot.resolution() : story.resolution(), story.aspect(), shot.seed(),
                shot.guidanceScale(), null, shot.generateAudio(), story.userId(), null, null);
    }

    /**
     * The spec of a shot moved to another model (a text-to-video fallback): the duration becomes the nearest the
     * model makes, and a resolution or aspect it does not take is left to its default, so the fallback runs
     * rather than being refused for a story-wide setting.
     */
    public static JobSpec fitTo(JobSpec spec, ModelDef model) {
        BigDecimal duration = spec.duration();
        ParameterRule durations = model.rule("duration").orElse(null);
        if (duration != null && durations != null && durations.accept(duration).isEmpty()) {
            duration = nearest(durations, duration);
        }
        String resolution = accepts(model, "resolution", spec.resolution()) ? spec.resolution() : null;
        String aspect = accepts(model, "aspect", spec.aspect()) ? spec.aspect() : null;
        return new JobSpec(spec.operation(), spec.model(), spec.prompt(), spec.negativePrompt(), spec.shot(),
                spec.scene(), spec.storyContext(), spec.image(), spec.audio(), spec.maskImage(), duration, resolution,
                aspect, spec.seed(), spec.guidanceScale(), spec.promptExpansion(), spec.generateAudio(), spec.userId(),
                spec.tags(), spec.notifyUrl());
    }

    /** True unless the model has a rule for the field that refuses the value (the planner judges the rest). */
    private static boolean accepts(ModelDef model, String field, String value) {
        if (value == null) {
            return true;
        }
        String canonical = value;
        if (field.equals("aspect")) {
            try {
                canonical = FrameSize.normalizeAspect(value);
            } catch (RuntimeException unknownWord) {
                return true;
            }
        }
        String wanted = canonical;
        return model.rule(field).map(r -> r.accept(wanted).isPresent()).orElse(true);
    }

    private static BigDecimal nearest(ParameterRule rule, BigDecimal wanted) {
        if (rule.values() != null) {
            return rule.values().stream().filter(v -> v instanceof Number).map(v -> new BigDecimal(v.toString()))
                    .min(Comparator.comparing((BigDecimal v) -> v.subtract(wanted).abs()).thenComparing(v -> v.negate()))
                    .orElse(wanted);
        }
        BigDecimal fitted = rule.min() != null ? wanted.max(rule.min()) : wanted;
        return rule.max() != null ? fitted.min(rule.max()) : fitted;
    }

    public static String modelOf(StorySpec story, StorySpec.Shot shot) {
        return shot.model() != null ? shot.model() : story.model();
    }

    /** The shot's own operation, else image-to-video when it starts from an image and text-to-video without. */
    public static String operation(StorySpec.Shot shot, boolean hasImage) {
        if (shot.operation() != null && !shot.operation().isBlank()) {
            return shot.operation().trim();
        }
        return hasImage ? IMAGE_TO_VIDEO : TEXT_TO_VIDEO;
    }

    /**
     * The shot's own prompt; without one, a shot that names characters and an action gets "who: what, motion"
     * so the action reaches the model; otherwise null, and the motion prompt is built from {@code shot} (or,
     * for scene-animation, from {@code scene}) as for any job.
     */
    static String prompt(StorySpec story, StorySpec.Shot shot) {
        if (shot.prompt() != null && !shot.prompt().isBlank()) {
            return shot.prompt();
        }
        if (shot.action() == null || shot.action().isBlank()) {
            return null;
        }
        String who = characters(story, shot);
        String motion = shot.shot() == null ? null : MotionPrompt.fromShot(shot.shot());
        return (who.isEmpty() ? "" : who + ": ") + shot.action().trim() + (motion == null ? "" : ", " + motion);
    }

    /** The shot's characters as their descriptions (their ids when they have none), joined with "and". */
    static String characters(StorySpec story, StorySpec.Shot shot) {
        List<String> who = new ArrayList<>();
        for (String id : shot.characters() == null ? List.<String>of() : shot.characters()) {
            who.add(StoryReferences.of(story, id).map(r -> r.description() == null || r.description().isBlank()
                    ? r.id() : r.description().trim()).orElse(id));
        }
        return String.join(" and ", who);
    }
}
