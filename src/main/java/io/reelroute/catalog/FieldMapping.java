package io.reelroute.catalog;

/**
 * Where one spec field goes in a provider request: the provider's field name (a dotted path for nested
 * bodies, e.g. {@code parameters.durationSeconds}) and the form of the value.
 */
public record FieldMapping(String name, ValueForm form) {

    /** The value as the provider wants it. */
    public Object write(Object value) {
        return form.write(value);
    }
}
