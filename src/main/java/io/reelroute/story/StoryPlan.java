package io.reelroute.story;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.math.BigDecimal;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What was decided when a story was accepted, kept with it so that a resumed story goes on the same way: the
 * durable copies of its files, each shot's model, length and price, how keyframes are made, and the whole
 * estimate that was reserved.
 *
 * @param keyframeModel     the image model that makes keyframes; null when they are made offline
 * @param keyframeOffline   why keyframes are made offline (no key, say); null when they are generated
 * @param assets            the story's files by the path the story file gives
 */
public record StoryPlan(
        @JsonProperty("estimate_usd") BigDecimal estimateUsd,
        @JsonProperty("keyframe_model") String keyframeModel,
        @JsonProperty("keyframe_offline") String keyframeOffline,
        @JsonProperty("assets") Map<String, Asset> assets,
        @JsonProperty("shots") List<ShotPlan> shots) {

    /** A durable copy of one of the story's files, and what inspecting it found. */
    public record Asset(@JsonProperty("file") String file, @JsonProperty("sha256") String sha256,
                        @JsonProperty("width") Integer width, @JsonProperty("height") Integer height,
                        @JsonProperty("seconds") Double seconds) {
    }

    /**
     * @param operation        what the shot runs when nothing falls back
     * @param seconds          the shot's planned length
     * @param paired           its keyframe goes with the next shot's as a first-and-last pair
     * @param keyframeUsd      the estimate of its generated keyframe (0 offline or outside keyframes continuity)
     */
    public record ShotPlan(@JsonProperty("shot_id") String shotId, @JsonProperty("operation") String operation,
                           @JsonProperty("model") String model, @JsonProperty("seconds") double seconds,
                           @JsonProperty("estimate_usd") BigDecimal estimateUsd,
                           @JsonProperty("keyframe_usd") BigDecimal keyframeUsd,
                           @JsonProperty("paired") boolean paired) {
    }

    public ShotPlan shot(String shotId) {
        return shots.stream().filter(s -> s.shotId().equals(shotId)).findFirst()
                .orElseThrow(() -> new IllegalStateException("no plan for shot " + shotId));
    }

    /** Every model the story may use, for the plan check. */
    @JsonIgnore
    public Set<String> models() {
        Set<String> models = new LinkedHashSet<>();
        shots.forEach(s -> models.add(s.model()));
        if (keyframeModel != null) {
            models.add(keyframeModel);
        }
        return models;
    }

    /** How many jobs the story will start when nothing falls back: one per shot, plus generated keyframes. */
    @JsonIgnore
    public int jobCount() {
        return shots.size() * (keyframeModel == null ? 1 : 2);
    }
}
