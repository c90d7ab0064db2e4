package io.reelroute.story;

/**
 * One row of the story_shot table: how far a shot is, and what the story decided for it on the way.
 *
 * @param keyframe   the shot's keyframe image, once made (keyframes continuity)
 * @param fallback   why the shot is made by text-to-video instead of from an image; null when it is not
 * @param lastFrame  the shot's checked last frame, from which the next shot starts (last-frame continuity)
 */
public record ShotRecord(String storyId, String shotId, int position, boolean completed, String keyframe,
                         String keyframeNote, String fallback, String lastFrame) {

    public String videoStep() {
        return shotId + "/video";
    }

    public String keyframeStep() {
        return shotId + "/keyframe";
    }

    /** The {@code source} of the job that makes a step of this shot: story:&lt;story-id&gt;#&lt;step&gt;. */
    public String sourceOf(String step) {
        return "story:" + storyId + "#" + (step.equals(videoStep()) ? shotId : step);
    }
}
