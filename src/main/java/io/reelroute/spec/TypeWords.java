package io.reelroute.spec;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** Java types in the words a user of the spec and catalog files knows, for "expected ..." messages. */
public final class TypeWords {
    private TypeWords() {
    }

    public static String of(Class<?> type) {
        if (type == null) {
            return "a different kind of value";
        }
        if (type == Long.class || type == Integer.class || type == long.class || type == int.class) {
            return "a whole number";
        }
        if (Number.class.isAssignableFrom(type) || type == double.class) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "text";
        }
        if (Collection.class.isAssignableFrom(type)) {
            return "a list";
        }
        if (type.isRecord()) {
            return "an object with " + String.join(", ", jsonNames(type));
        }
        return "a mapping of keys to values";
    }

    /** The snake_case names a record declares, in declaration order (for specs: the order of CONTRACT 3). */
    public static List<String> jsonNames(Class<?> type) {
        List<String> names = new ArrayList<>();
        if (type != null && type.isRecord()) {
            for (RecordComponent component : type.getRecordComponents()) {
                JsonProperty property = component.getAccessor().getAnnotation(JsonProperty.class);
                names.add(property != null && !property.value().isEmpty() ? property.value() : component.getName());
            }
        }
        return names;
    }
}
