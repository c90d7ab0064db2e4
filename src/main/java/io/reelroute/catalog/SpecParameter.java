package io.reelroute.catalog;

import io.reelroute.spec.JobSpec;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The optional job-spec fields (CONTRACT section 3) that only some models take. A model lists the ones it
 * takes under {@code parameters:} in models.yaml; the planner refuses the others. The fields in
 * {@link #ALWAYS_ALLOWED} are meaningful for every model and are not listed there.
 */
public enum SpecParameter {
    DURATION("duration", Kind.NUMBER, JobSpec::duration),
    RESOLUTION("resolution", Kind.CHOICE, JobSpec::resolution),
    ASPECT("aspect", Kind.ASPECT, JobSpec::aspect),
    NEGATIVE_PROMPT("negative_prompt", Kind.TEXT, JobSpec::negativePrompt),
    SEED("seed", Kind.WHOLE_NUMBER, JobSpec::seed),
    GUIDANCE_SCALE("guidance_scale", Kind.NUMBER, JobSpec::guidanceScale),
    PROMPT_EXPANSION("prompt_expansion", Kind.FLAG, JobSpec::promptExpansion),
    GENERATE_AUDIO("generate_audio", Kind.FLAG, JobSpec::generateAudio),
    /** An optional input file (driving audio for wan). For talking-avatar audio is required instead. */
    AUDIO("audio", Kind.INPUT, JobSpec::audio),
    MASK_IMAGE("mask_image", Kind.INPUT, JobSpec::maskImage);

    /** Spec fields every model accepts: they steer reelroute, not the provider. */
    public static final List<String> ALWAYS_ALLOWED = List.of("operation", "model", "prompt", "shot", "scene",
            "story_context", "image", "user_id", "tags", "notify_url");

    /** The kind of value, which decides what a rule in models.yaml may say about it. */
    public enum Kind {
        /** values: [..] or min/max; sent as a whole number when it is one (5, not 5.0). */
        NUMBER,
        WHOLE_NUMBER,
        /** one of the model's values, e.g. 480p; compared without regard to case. */
        CHOICE,
        /** W:H ratio; the words horizontal / vertical / square are accepted too. */
        ASPECT,
        TEXT,
        FLAG,
        /** an input file; its value is a path or URL, not a parameter the job runs with. */
        INPUT
    }

    private final String id;
    private final Kind kind;
    private final Function<JobSpec, Object> reader;

    SpecParameter(String id, Kind kind, Function<JobSpec, Object> reader) {
        this.id = id;
        this.kind = kind;
        this.reader = reader;
    }

    /** The snake_case field name, as in the spec and in models.yaml. */
    public String id() {
        return id;
    }

    public Kind kind() {
        return kind;
    }

    public static Optional<SpecParameter> fromId(String id) {
        return Arrays.stream(values()).filter(p -> p.id.equals(id)).findFirst();
    }

    public static List<String> ids() {
        return Arrays.stream(values()).map(SpecParameter::id).toList();
    }

    /** The value the spec gives, or null; blank text counts as not given. */
    Object given(JobSpec spec) {
        Object value = reader.apply(spec);
        if (value instanceof String text && text.isBlank()) {
            return null;
        }
        return value;
    }

    /** The form rules compare: numbers as BigDecimal, aspect words as ratios, text trimmed. */
    Object canonical(Object value) {
        if (value == null) {
            return null;
        }
        return switch (kind) {
            case NUMBER, WHOLE_NUMBER -> value instanceof Number ? Values.decimal(value) : value;
            case ASPECT -> AspectRatio.normalize(value.toString());
            case CHOICE, TEXT, INPUT -> value instanceof String text ? text.trim() : value;
            case FLAG -> value;
        };
    }

    /** The form a planned job carries: 5 (Integer) or 2.5 (Double), seeds as Long, the rest unchanged. */
    Object forJob(Object canonical) {
        if (canonical instanceof BigDecimal number) {
            if (kind == Kind.WHOLE_NUMBER) {
                return number.longValueExact();
            }
            BigDecimal stripped = number.stripTrailingZeros();
            boolean whole = stripped.scale() <= 0;
            if (whole && stripped.abs().compareTo(BigDecimal.valueOf(Integer.MAX_VALUE)) <= 0) {
                return stripped.intValueExact();
            }
            return number.doubleValue();
        }
        return canonical;
    }
}
