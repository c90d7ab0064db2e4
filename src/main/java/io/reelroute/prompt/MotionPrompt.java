package io.reelroute.prompt;

import com.fasterxml.jackson.databind.JsonNode;
import io.reelroute.spec.JobSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The prompt a job sends to the provider (and records in result.json), built without any model call so
 * that the same spec always gives the same prompt. (A scene-animation prompt is first offered to a language
 * model, {@link ScenePromptWriter}; this is its fallback.)
 *
 * <ol>
 *   <li>The spec's {@code prompt}, trimmed, when it has one.</li>
 *   <li>For {@code scene-animation}: the {@linkplain #fromScene scene template} over {@code scene} and
 *       {@code story_context}, when they hold any text.</li>
 *   <li>From {@code shot} (CONTRACT section 3): camera_language, then "dynamic motion" for energy above 0.7
 *       or "subtle motion" below 0.3 (0.3 and 0.7 themselves add nothing), then environment, then the
 *       first two symbolic_elements, joined with ", ".</li>
 *   <li>With none of these: {@value #DEFAULT}.</li>
 * </ol>
 */
public final class MotionPrompt {

    public static final String DEFAULT = "Natural cinematic motion, smooth camera movement";
    static final double DYNAMIC_ABOVE = 0.7;
    static final double SUBTLE_BELOW = 0.3;

    /** Scene fields used, in this order, with the label each gets in the prompt (none for the first). */
    private static final String[][] SCENE_FIELDS = {
            {"description", null}, {"setting", "Setting"}, {"characters", "Characters"},
            {"action", "Action"}, {"mood", "Mood"}};
    /** Story-context fields used, in this order. */
    private static final String[][] STORY_FIELDS = {{"genre", "Genre"}, {"tone", "Tone"}, {"style", "Visual style"}};

    private MotionPrompt() {
    }

    public static String build(JobSpec spec) {
        if (spec.prompt() != null && !spec.prompt().isBlank()) {
            return spec.prompt().trim();
        }
        if ("scene-animation".equals(normalized(spec.operation()))) {
            String scene = fromScene(spec.scene(), spec.storyContext());
            if (scene != null) {
                return scene;
            }
        }
        return fromShot(spec.shot());
    }

    /** The shot rules of CONTRACT section 3; {@link #DEFAULT} when the shot adds nothing. */
    public static String fromShot(JobSpec.Shot shot) {
        if (shot == null) {
            return DEFAULT;
        }
        List<String> parts = new ArrayList<>();
        addText(parts, shot.cameraLanguage());
        if (shot.energy() != null) {
            if (shot.energy() > DYNAMIC_ABOVE) {
                parts.add("dynamic motion");
            } else if (shot.energy() < SUBTLE_BELOW) {
                parts.add("subtle motion");
            }
        }
        addText(parts, shot.environment());
        if (shot.symbolicElements() != null) {
            shot.symbolicElements().stream().filter(e -> e != null && !e.isBlank()).limit(2)
                    .forEach(e -> parts.add(e.trim()));
        }
        return parts.isEmpty() ? DEFAULT : String.join(", ", parts);
    }

    /**
     * The scene-animation template, used when {@link ScenePromptWriter}'s language model cannot write the prompt:
     * <pre>
     * {description}. Setting: {setting}. Characters: {characters}. Action: {action}. Mood: {mood}.
     * Genre: {genre}. Tone: {tone}. Visual style: {style}. Natural cinematic motion, smooth camera movement.
     * </pre>
     * Fields come from {@code scene} (description, setting, characters, action, mood) and {@code story_context}
     * (genre, tone, style); missing or empty ones are left out with their label. A field may be text, a
     * number, or a list of those (joined with ", "); objects are skipped. A {@code scene} that is plain text
     * is its description. Returns null when neither object holds any of these fields.
     */
    public static String fromScene(JsonNode scene, JsonNode storyContext) {
        List<String> sentences = new ArrayList<>();
        if (scene != null && (scene.isTextual() || scene.isNumber())) {
            addSentence(sentences, null, scene.asText());
        } else {
            addFields(sentences, scene, SCENE_FIELDS);
        }
        addFields(sentences, storyContext, STORY_FIELDS);
        if (sentences.isEmpty()) {
            return null;
        }
        sentences.add(DEFAULT);
        return String.join(". ", sentences) + ".";
    }

    private static void addFields(List<String> sentences, JsonNode node, String[][] fields) {
        if (node == null || !node.isObject()) {
            return;
        }
        for (String[] field : fields) {
            addSentence(sentences, field[1], text(node.get(field[0])));
        }
    }

    private static void addSentence(List<String> sentences, String label, String text) {
        if (text == null) {
            return;
        }
        // one full stop between sentences, however the user ended theirs
        String trimmed = text.trim().replaceAll("[.\\s]+$", "");
        if (!trimmed.isEmpty()) {
            sentences.add(label == null ? trimmed : label + ": " + trimmed);
        }
    }

    /** Text, numbers and lists of them; null for anything else. */
    private static String text(JsonNode value) {
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isTextual() || value.isNumber()) {
            return value.asText();
        }
        if (value.isArray()) {
            List<String> items = new ArrayList<>();
            value.forEach(item -> {
                if (item.isTextual() || item.isNumber()) {
                    String t = item.asText().trim();
                    if (!t.isEmpty()) {
                        items.add(t);
                    }
                }
            });
            return items.isEmpty() ? null : String.join(", ", items);
        }
        return null;
    }

    private static void addText(List<String> parts, String text) {
        if (text != null && !text.isBlank()) {
            parts.add(text.trim());
        }
    }

    private static String normalized(String operation) {
        return operation == null ? null : operation.trim().toLowerCase(Locale.ROOT);
    }
}
