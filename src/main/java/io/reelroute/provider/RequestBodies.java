package io.reelroute.provider;

import io.reelroute.catalog.FieldMapping;
import io.reelroute.catalog.ModelDef;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Builds a model's request body from the catalog's {@code request:} mapping: each spec field the job has
 * goes under the provider's name, in the provider's value form; dotted names make nested objects
 * (parameters.durationSeconds). Inputs (image, audio, end_image, mask_image) are passed in already turned
 * into what the provider takes (a URL, a data URI, ...).
 */
public final class RequestBodies {
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

    @SuppressWarnings("unchecked")
    private static void put(Map<String, Object> body, String dottedName, Object value) {
        String[] path = dottedName.split("\\.");
        Map<String, Object> node = body;
        for (int i = 0; i < path.length - 1; i++) {
            node = (Map<String, Object>) node.computeIfAbsent(path[i], k -> new LinkedHashMap<String, Object>());
        }
        node.put(path[path.length - 1], value);
    }
}
