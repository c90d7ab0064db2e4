package io.reelroute.provider;

import io.reelroute.catalog.FieldMapping;
import io.reelroute.catalog.ModelDef;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Builds a model's request body from the catalog's {@code request:} mapping: each spec field the job has
 * goes under the provider's name, in the provider's value form; dotted names make nested objects
 * (parameters.durationSeconds), and a step with brackets is an array element: {@code instances[0].prompt}
 * goes into element 0 of {@code instances}; {@code contents[0].parts[].text} into a new element of
 * {@code parts}, one per field written there (Gemini's text part, then its image parts). Inputs (image, audio,
 * end_image, mask_image, reference_N) are passed in already turned into what the provider takes (a URL, a data
 * URI, ...), in the order their parts must have; one the model does not map is a bug (planning refuses jobs
 * whose reference images the model cannot take).
 */
public final class RequestBodies {
    /** A path step naming an array element: name[3], or name[] for a new element at the end. */
    private static final Pattern ELEMENT = Pattern.compile("(.+)\\[(\\d*)]");

    private RequestBodies() {
    }

    public static Map<String, Object> build(ModelDef model, String prompt, Map<String, Object> parameters,
                                            Map<String, Object> inputs) {
        Map<String, Object> body = new LinkedHashMap<>();
        model.request().constants().forEach((name, value) -> put(body, name, value));
        if (prompt != null) {
            model.request().field("prompt").ifPresent(f -> put(body, f.name(), f.write(prompt)));
        }
        parameters.forEach((field, value) -> model.request().field(field)
                .ifPresent(f -> put(body, f.name(), f.write(value))));
        inputs.forEach((role, value) -> {
            FieldMapping mapping = model.request().field(role).orElseThrow(() -> new IllegalStateException(
                    "models.yaml: " + model.id() + " has no request mapping for input " + role));
            put(body, mapping.name(), mapping.write(value));
        });
        return body;
    }

    private static void put(Map<String, Object> body, String dottedName, Object value) {
        String[] path = dottedName.split("\\.");
        Map<String, Object> node = body;
        for (int i = 0; i < path.length - 1; i++) {
            node = child(node, path[i]);
        }
        node.put(path[path.length - 1], value);
    }

    /** The object under one path step, created when missing. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> child(Map<String, Object> node, String step) {
        Matcher element = ELEMENT.matcher(step);
        if (!element.matches()) {
            return (Map<String, Object>) node.computeIfAbsent(step, k -> new LinkedHashMap<String, Object>());
        }
        List<Object> array = (List<Object>) node.computeIfAbsent(element.group(1), k -> new ArrayList<>());
        if (element.group(2).isEmpty()) {
            Map<String, Object> appended = new LinkedHashMap<>();
            array.add(appended);
            return appended;
        }
        int index = Integer.parseInt(element.group(2));
        while (array.size() <= index) {
            array.add(new LinkedHashMap<String, Object>());
        }
        return (Map<String, Object>) array.get(index);
    }
}
