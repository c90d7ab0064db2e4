package io.reelroute.catalog;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * What a model accepts for one spec field: a list of {@code values}, a {@code min}/{@code max} range, or
 * (neither) anything of the field's kind; and the {@code default} used when the spec leaves it out.
 * Numbers are held as BigDecimal once the catalog is loaded.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ParameterRule(
        @JsonProperty("values") List<Object> values,
        @JsonProperty("min") BigDecimal min,
        @JsonProperty("max") BigDecimal max,
        @JsonProperty("default") Object defaultValue) {

    public static final ParameterRule ANY = new ParameterRule(null, null, null, null);

    public ParameterRule {
        values = values == null ? null : Collections.unmodifiableList(new ArrayList<>(values));
    }

    /**
     * The value as the job will carry it when the rule accepts it (for a listed value: the catalog's
     * spelling, so {@code 4K} becomes {@code 4k}); empty when it is outside the values or range.
     */
    public Optional<Object> accept(Object canonical) {
        if (values != null) {
            return values.stream().filter(v -> Values.same(v, canonical)).findFirst()
                    .map(v -> v instanceof Number ? canonical : v);
        }
        if (min != null || max != null) {
            if (!(canonical instanceof Number)) {
                return Optional.empty();
            }
            BigDecimal number = Values.decimal(canonical);
            if ((min != null && number.compareTo(min) < 0) || (max != null && number.compareTo(max) > 0)) {
                return Optional.empty();
            }
        }
        return Optional.of(canonical);
    }

    /** How messages list it: "duration 5 or 10", "guidance_scale 0-1", "negative_prompt". */
    public String describe(String name) {
        if (values != null) {
            return name + " " + Values.oneOf(values);
        }
        if (min != null && max != null) {
            return name + " " + Values.show(min) + "-" + Values.show(max);
        }
        if (min != null) {
            return name + " of at least " + Values.show(min);
        }
        if (max != null) {
            return name + " of at most " + Values.show(max);
        }
        return name;
    }

    /** The largest value the rule allows, if it is bounded (for "longest duration"). */
    public Optional<BigDecimal> largest() {
        if (values != null) {
            return values.stream().filter(Number.class::isInstance).map(Values::decimal).max(BigDecimal::compareTo);
        }
        return Optional.ofNullable(max);
    }
}
