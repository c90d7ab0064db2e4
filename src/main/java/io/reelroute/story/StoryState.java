package io.reelroute.story;

import java.util.Locale;

/** Where a story is: running until every shot and export is done, or failed with the reason. */
public enum StoryState {
    RUNNING, COMPLETED, FAILED;

    public String dbValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static StoryState fromDb(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
