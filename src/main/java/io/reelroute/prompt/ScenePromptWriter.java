package io.reelroute.prompt;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.reelroute.provider.gemini.GeminiText;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Scene-animation prompts written by a Gemini text model (setting reelroute.scene.llm-model), as the seed flow
 * does with its LLM; the {@linkplain MotionPrompt#fromScene scene template} whenever the model cannot be used:
 * no GEMINI_API_KEY (then nothing is called), a failed or timed-out call, a blocked or empty answer. A job is
 * never refused or delayed beyond the call's timeout for want of a written prompt.
 */
public final class ScenePromptWriter implements SceneWriter {
    private static final Logger LOG = LoggerFactory.getLogger(ScenePromptWriter.class);

    static final String INSTRUCTION = """
            You write prompts for an image-to-video model that animates the still image of one scene of a story.
            Write one concise, cinematic motion prompt for the scene below: the camera movement, how the subject \
            moves, and the mood.
            Answer with the prompt alone: no preamble, no quotation marks, no list, under 80 words.""";
    /** Some variety of wording, little of content. No token cap: on thinking models it would cut the answer. */
    private static final Map<String, Object> GENERATION = Map.of("temperature", 0.7);

    private final GeminiText gemini;
    private final String model;
    private final ObjectMapper json;

    public ScenePromptWriter(GeminiText gemini, String model, ObjectMapper json) {
        this.gemini = gemini;
        this.model = model;
        this.json = json;
    }

    @Override
    public Written write(JsonNode scene, JsonNode storyContext, String forJob) {
        String template = MotionPrompt.fromScene(scene, storyContext);
        if (template == null) {
            return null;
        }
        if (!gemini.hasKey()) {
            LOG.info("{}: scene prompt from the template (no GEMINI_API_KEY)", forJob);
            return new Written(template, "scene prompt from the template: no GEMINI_API_KEY", null);
        }
        try {
            String text = oneLine(gemini.generate(model, instruction(scene, storyContext), GENERATION));
            if (text.isEmpty()) {
                throw new IllegalStateException("the answer was only quotation marks");
            }
            LOG.info("{}: scene prompt written by {}", forJob, model);
            return new Written(text, "scene prompt written by " + model, basis(scene, storyContext));
        } catch (RuntimeException e) {
            // provider messages never carry the key (ProviderHttp), so the reason can be logged and kept
            LOG.warn("{}: scene prompt from the template, {} gave none: {}", forJob, model, e.getMessage());
            return new Written(template, "scene prompt from the template: " + model + " gave none ("
                    + e.getMessage() + ")", null);
        }
    }

    /** The instruction, then the scene and the story context as the spec gave them. */
    String instruction(JsonNode scene, JsonNode storyContext) {
        StringBuilder text = new StringBuilder(INSTRUCTION);
        if (scene != null && !scene.isNull()) {
            text.append("\n\nScene:\n").append(pretty(scene));
        }
        if (storyContext != null && !storyContext.isNull()) {
            text.append("\n\nStory context:\n").append(pretty(storyContext));
        }
        return text.toString();
    }

    /**
     * The same scene, story context and model make the same job, however the model words it this time; plain
     * maps, so that the fingerprint's canonical JSON orders their keys.
     */
    private Object basis(JsonNode scene, JsonNode storyContext) {
        Map<String, Object> basis = new LinkedHashMap<>();
        basis.put("written_by", model);
        basis.put("scene", json.convertValue(scene, Object.class));
        basis.put("story_context", json.convertValue(storyContext, Object.class));
        return basis;
    }

    /** A prompt is one line; models like to wrap it in quotation marks despite being asked not to. */
    static String oneLine(String answer) {
        String text = answer.replaceAll("\\s+", " ").strip();
        while (text.length() >= 2 && isQuote(text.charAt(0)) && isQuote(text.charAt(text.length() - 1))) {
            text = text.substring(1, text.length() - 1).strip();
        }
        return text;
    }

    private static boolean isQuote(char c) {
        return c == '"' || c == '\'' || c == '\u201c' || c == '\u201d';
    }

    private String pretty(JsonNode node) {
        try {
            return node.isTextual() ? node.asText() : json.writerWithDefaultPrettyPrinter().writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
