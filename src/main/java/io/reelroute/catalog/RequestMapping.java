package io.reelroute.catalog;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A model's request shape from {@code request:} in models.yaml: spec field (and {@code end_image}, the
 * last frame of first-and-last-frame models, and the {@link #REFERENCE_INPUTS}) to provider field, plus
 * fields always sent. Provider clients build their bodies from it so that a renamed field is a catalog edit,
 * not a code change. How files become URLs, data URIs or inline bytes stays in the clients.
 */
public record RequestMapping(Map<String, FieldMapping> fields, Map<String, Object> constants) {

    public RequestMapping {
        fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
        constants = Collections.unmodifiableMap(new LinkedHashMap<>(constants));
    }

    /**
     * Reference images: what characters or places look like, shown to an image model besides the image it
     * edits. Not spec fields: story code sets them on a job's inputs. A model takes as many as it maps.
     */
    public static final List<String> REFERENCE_INPUTS = List.of("reference_1", "reference_2", "reference_3",
            "reference_4");

    /** Keys that may be mapped besides {@link SpecParameter}s. */
    public static final List<String> INPUT_KEYS = Stream.concat(Stream.of("prompt", "image", "end_image"),
            REFERENCE_INPUTS.stream()).toList();

    public static final RequestMapping NONE = new RequestMapping(Map.of(), Map.of());

    public Optional<FieldMapping> field(String specField) {
        return Optional.ofNullable(fields.get(specField));
    }

    @JsonIgnore
    public boolean isEmpty() {
        return fields.isEmpty() && constants.isEmpty();
    }
}
