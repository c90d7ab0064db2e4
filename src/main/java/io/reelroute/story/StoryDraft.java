package io.reelroute.story;

import java.nio.file.Path;

/** A story on its way in: what the inbox read, then its plan, then its id once it is recorded. */
public final class StoryDraft {
    private final String source;
    private final StorySpec spec;
    private final Path baseDir;
    private final String intakeKey;
    private final String userId;
    private final String storyId;
    private StoryPlan plan;
    private String specJson;
    private String planJson;

    public StoryDraft(String source, StorySpec spec, Path baseDir, String intakeKey, String userId, String storyId) {
        this.source = source;
        this.spec = spec;
        this.baseDir = baseDir;
        this.intakeKey = intakeKey;
        this.userId = userId;
        this.storyId = storyId;
    }

    public String source() {
        return source;
    }

    public StorySpec spec() {
        return spec;
    }

    /** The folder the story's paths are relative to (the inbox). */
    public Path baseDir() {
        return baseDir;
    }

    public String intakeKey() {
        return intakeKey;
    }

    public String userId() {
        return userId;
    }

    public String storyId() {
        return storyId;
    }

    public StoryPlan plan() {
        return plan;
    }

    public String specJson() {
        return specJson;
    }

    public String planJson() {
        return planJson;
    }

    void planned(StoryPlan value, String specAsJson, String planAsJson) {
        this.plan = value;
        this.specJson = specAsJson;
        this.planJson = planAsJson;
    }

    /** One line for the log. */
    public String summary() {
        return "story " + storyId + " accepted from " + source + ": " + spec.shots().size() + " shots, "
                + spec.continuityMode().word() + " continuity, estimate $" + plan.estimateUsd().toPlainString()
                + " reserved";
    }
}
