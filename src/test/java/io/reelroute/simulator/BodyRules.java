package io.reelroute.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * What a simulated model accepts in its JSON input: the fields, which are required, and the form of each
 * value. Strict on purpose (unknown fields are refused too): a simulator that quietly accepted a misspelt
 * field would let a wrong request mapping through the tests.
 */
public final class BodyRules {
    /** A check of one value and how to say what it should have been. */
    public record Rule(Predicate<JsonNode> accepts, String expected) {
    }

    private record Field(Rule rule, boolean required) {
    }

    private final Map<String, Field> fields = new LinkedHashMap<>();

    public static BodyRules fields() {
        return new BodyRules();
    }

    public BodyRules required(String name, Rule rule) {
        fields.put(name, new Field(rule, true));
        return this;
    }

    public BodyRules optional(String name, Rule rule) {
        fields.put(name, new Field(rule, false));
        return this;
    }

    /** The first problem with {@code body} ("duration: expected 5 or 10, got 7"), named with {@code prefix}. */
    public Optional<String> problem(JsonNode body, String prefix) {
        if (!body.isObject()) {
            return Optional.of((prefix.isEmpty() ? "body" : prefix.substring(0, prefix.length() - 1))
                    + ": expected a JSON object");
        }
        for (Map.Entry<String, Field> field : fields.entrySet()) {
            JsonNode value = body.get(field.getKey());
            if (value == null || value.isNull()) {
                if (field.getValue().required()) {
                    return Optional.of(prefix + field.getKey() + ": is required");
                }
            } else if (!field.getValue().rule().accepts().test(value)) {
                return Optional.of(prefix + field.getKey() + ": expected " + field.getValue().rule().expected()
                        + ", got " + value);
            }
        }
        List<String> unknown = new ArrayList<>();
        body.fieldNames().forEachRemaining(name -> {
            if (!fields.containsKey(name)) {
                unknown.add(name);
            }
        });
        return unknown.isEmpty() ? Optional.empty()
                : Optional.of(prefix + unknown.get(0) + ": unknown field (accepted: " + fields.keySet() + ")");
    }

    // ---- value rules ----

    public static Rule text() {
        return new Rule(v -> v.isTextual() && !v.asText().isBlank(), "a non-empty string");
    }

    public static Rule url() {
        return new Rule(v -> v.isTextual() && (v.asText().startsWith("https://") || v.asText().startsWith("http://")),
                "an http(s) URL");
    }

    public static Rule bool() {
        return new Rule(JsonNode::isBoolean, "true or false");
    }

    public static Rule object() {
        return new Rule(JsonNode::isObject, "an object");
    }

    public static Rule integer() {
        return new Rule(JsonNode::isIntegralNumber, "an integer");
    }

    public static Rule integerIn(int... values) {
        return new Rule(v -> v.isIntegralNumber() && Arrays.stream(values).anyMatch(x -> x == v.asInt()),
                "one of the integers " + Arrays.toString(values));
    }

    public static Rule stringIn(String... values) {
        return new Rule(v -> v.isTextual() && Arrays.asList(values).contains(v.asText()),
                "one of the strings " + Arrays.toString(values));
    }

    public static Rule numberBetween(double min, double max) {
        return new Rule(v -> v.isNumber() && v.asDouble() >= min && v.asDouble() <= max,
                "a number from " + min + " to " + max);
    }

    /** An array of exactly {@code size} http(s) URLs. */
    public static Rule urls(int size) {
        return new Rule(v -> {
            if (!v.isArray() || v.size() != size) {
                return false;
            }
            for (JsonNode element : v) {
                if (!url().accepts().test(element)) {
                    return false;
                }
            }
            return true;
        }, "an array of exactly " + size + " http(s) URL" + (size == 1 ? "" : "s"));
    }
}
