package io.reelroute.provider.fal;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * fal's error bodies in the provider's own words (PROTOCOLS 2.7): a validation list
 * {@code {detail:[{loc:["body","duration"], msg, type}]}} as "duration: msg; ...", a plain string
 * {@code detail}, or {@code message}; an infrastructure failure's {@code error_type} is added in brackets.
 */
final class FalErrors {
    private FalErrors() {
    }

    /** The words of an error body, or null when it says nothing (not JSON, empty). */
    static String words(JsonNode body) {
        String text = detail(body.path("detail"));
        if (text == null) {
            text = textOf(body.path("message"));
        }
        String errorType = textOf(body.path("error_type"));
        if (errorType != null) {
            text = (text == null ? "" : text + " ") + "(error_type " + errorType + ")";
        }
        return text;
    }

    private static String detail(JsonNode detail) {
        if (!detail.isArray()) {
            return textOf(detail);
        }
        List<String> problems = new ArrayList<>();
        for (JsonNode problem : detail) {
            String field = field(problem.path("loc"));
            String msg = problem.path("msg").asText("");
            problems.add(field.isEmpty() ? msg : field + ": " + msg);
        }
        return problems.isEmpty() ? null : String.join("; ", problems);
    }

    /** ["body","duration"] as "duration": the body prefix says nothing to a user. */
    private static String field(JsonNode loc) {
        List<String> steps = new ArrayList<>();
        for (JsonNode step : loc) {
            steps.add(step.asText());
        }
        if (!steps.isEmpty() && steps.get(0).equals("body")) {
            steps.remove(0);
        }
        return String.join(".", steps);
    }

    private static String textOf(JsonNode node) {
        return node.isTextual() && !node.asText().isBlank() ? node.asText() : null;
    }
}
