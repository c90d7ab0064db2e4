package io.reelroute.catalog;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Aspect ratios as users and models write them: {@code 16:9}, or the words horizontal / vertical / square. */
public final class AspectRatio {
    private static final Pattern RATIO = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*:\\s*(\\d+(?:\\.\\d+)?)");
    private static final Map<String, String> WORDS = Map.of(
            "horizontal", "16:9", "landscape", "16:9",
            "vertical", "9:16", "portrait", "9:16",
            "square", "1:1");

    private AspectRatio() {
    }

    /** {@code vertical} becomes {@code 9:16}; {@code 16 : 9} becomes {@code 16:9}; anything else is returned trimmed. */
    public static String normalize(String aspect) {
        if (aspect == null) {
            return null;
        }
        String lower = Values.lower(aspect);
        String word = WORDS.get(lower);
        if (word != null) {
            return word;
        }
        Matcher m = RATIO.matcher(lower);
        return m.matches() ? m.group(1) + ":" + m.group(2) : lower;
    }

    /** Width divided by height, when the text is a ratio. */
    public static Optional<Double> value(String ratio) {
        Matcher m = ratio == null ? null : RATIO.matcher(ratio.trim());
        if (m == null || !m.matches()) {
            return Optional.empty();
        }
        double w = Double.parseDouble(m.group(1));
        double h = Double.parseDouble(m.group(2));
        return w > 0 && h > 0 ? Optional.of(w / h) : Optional.empty();
    }

    /**
     * The candidate closest to a {@code width x height} image, measured on a log scale so that 2:1 and 1:2
     * are equally far from 1:1. Ties go to the earlier candidate (the catalog's order).
     */
    public static Optional<String> nearest(List<String> candidates, int width, int height) {
        if (width <= 0 || height <= 0) {
            return Optional.empty();
        }
        double image = Math.log((double) width / height);
        String best = null;
        double bestDistance = Double.MAX_VALUE;
        for (String candidate : candidates) {
            Optional<Double> ratio = value(candidate);
            if (ratio.isEmpty()) {
                continue;
            }
            double distance = Math.abs(Math.log(ratio.get()) - image);
            if (distance < bestDistance - 1e-9) {
                best = candidate;
                bestDistance = distance;
            }
        }
        return Optional.ofNullable(best);
    }
}
