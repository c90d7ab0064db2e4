package io.reelroute.story;

import io.reelroute.spec.JobSpec;

/** A story's shot as an ordinary job spec: the shot's own fields, the story's defaults for the rest. */
public final class StoryShots {
    private StoryShots() {
    }

    /**
     * @param image the shot's input image: its own {@code image}, the previous shot's last frame, or its
     *              keyframe, as continuity decides; null for text-to-video
     */
    public static JobSpec toJobSpec(StorySpec story, StorySpec.Shot shot, String image) {
        return new JobSpec(shot.operation(), shot.model() != null ? shot.model() : story.model(), shot.prompt(),
                shot.negativePrompt(), shot.shot(), shot.scene(), shot.storyContext(), image, null, null,
                shot.duration(), shot.resolution() != null ? shot.resolution() : story.resolution(), story.aspect(),
                shot.seed(), shot.guidanceScale(), null, shot.generateAudio(), story.userId(), null, null);
    }
}
