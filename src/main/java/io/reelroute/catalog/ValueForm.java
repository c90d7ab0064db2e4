package io.reelroute.catalog;

import com.fasterxml.jackson.annotation.JsonValue;
import java.math.RoundingMode;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * How a provider wants a value written, since the same spec value travels in different shapes:
 * WaveSpeed takes {@code duration: 5}, fal's Kling {@code "5"}, fal's Veo {@code "8s"}, KIE's Sora
 * {@code n_frames: "10"} and {@code aspect_ratio: "landscape"}, and {@code image_urls: [url]}.
 */
public enum ValueForm {
    /** Unchanged. */
    AS_IS("as-is"),
    /** A JSON number without fraction: 5. */
    INTEGER("integer"),
    /** The value as a JSON string: "5". */
    STRING("string"),
    /** Seconds as a string with an s: "8s". */
    SECONDS_SUFFIX("seconds-suffix"),
    /** A one-element array: [value]. */
    LIST("list"),
    /** 16:9 as "landscape", 9:16 as "portrait" (KIE's Sora). */
    ORIENTATION("orientation");

    private final String id;

    ValueForm(String id) {
        this.id = id;
    }

    @JsonValue
    public String id() {
        return id;
    }

    public static Optional<ValueForm> fromId(String id) {
        return Arrays.stream(values()).filter(f -> f.id.equals(id)).findFirst();
    }

    public static List<String> ids() {
        return Arrays.stream(values()).map(ValueForm::id).toList();
    }

    /** The value in this form. Numbers keep no trailing zeros ("5", not "5.0"). */
    public Object write(Object value) {
        if (value == null) {
            return null;
        }
        return switch (this) {
            case AS_IS -> value;
            case INTEGER -> value instanceof Number n ? (Object) Values.decimal(n).setScale(0, RoundingMode.HALF_UP).longValueExact() : value;
            case STRING -> Values.show(value);
            case SECONDS_SUFFIX -> Values.show(value) + "s";
            case LIST -> List.of(value);
            case ORIENTATION -> orientation(value.toString());
        };
    }

    private static String orientation(String aspect) {
        Optional<Double> ratio = AspectRatio.value(AspectRatio.normalize(aspect));
        if (ratio.isEmpty()) {
            return aspect;
        }
        return ratio.get() >= 1 ? "landscape" : "portrait";
    }
}
