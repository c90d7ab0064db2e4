package io.reelroute.story;

import io.reelroute.prompt.MotionPrompt;
import io.reelroute.spec.JobSpec;
import java.util.ArrayList;
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
