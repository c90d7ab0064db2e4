package io.reelroute.story;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The keyframe prompts of a keyframes story: the story's templates ({@code character_action} for a shot with
 * characters, {@code shot} for the others) filled with the shot's characters, action and prompt; when the
 * keyframe edits the previous one (sequential), the model is told to keep what the previous keyframe shows.
 */
public final class StoryKeyframes {
    /** The placeholders a template may use. */
    public static final List<String> PLACEHOLDERS = List.of("character", "action", "prompt", "title");
    static final String CHARACTER_ACTION = "character_action";
    static final String SHOT = "shot";
    static final String KEEP_PREVIOUS = "Edit the given image into this next moment: keep the same characters,"
            + " clothing, setting, lighting and style.";
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-z_]+)}");

    private StoryKeyframes() {
    }

    public static String prompt(StorySpec story, StorySpec.Shot shot, boolean editsPrevious) {
        Map<String, String> templates = story.keyframes() == null || story.keyframes().templates() == null
                ? Map.of() : story.keyframes().templates();
        String who = StoryShots.characters(story, shot);
        String what = firstText(shot.action(), shot.prompt(), StoryShots.prompt(story, shot), story.title(), "a scene");
        Map<String, String> values = Map.of("character", who.isEmpty() ? "the scene" : who, "action", what,
                "prompt", firstText(shot.prompt(), what), "title", firstText(story.title(), ""));
        String template = !who.isEmpty() && templates.containsKey(CHARACTER_ACTION) ? templates.get(CHARACTER_ACTION)
                : templates.get(SHOT);
        String text = template != null ? fill(template, values) : (who.isEmpty() ? what : who + ": " + what);
        return editsPrevious ? text + ". " + KEEP_PREVIOUS : text;
    }

    /** The placeholders of {@code template} that are not among {@link #PLACEHOLDERS}. */
    public static List<String> unknownPlaceholders(String template) {
        Matcher m = PLACEHOLDER.matcher(template);
        return m.results().map(r -> r.group(1)).filter(p -> !PLACEHOLDERS.contains(p)).distinct().toList();
    }

    static String fill(String template, Map<String, String> values) {
        return PLACEHOLDER.matcher(template).replaceAll(r -> Matcher.quoteReplacement(
                values.getOrDefault(r.group(1), r.group())));
    }

    private static String firstText(String... candidates) {
        for (String c : candidates) {
            if (c != null && !c.isBlank()) {
                return c.trim();
            }
        }
        return "";
    }
}
