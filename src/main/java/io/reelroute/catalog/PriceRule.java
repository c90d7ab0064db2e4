package io.reelroute.catalog;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One line of a model's price list. A model's rules are tried in order and the first whose {@code when}
 * matches the job's parameters (after defaults; the key {@code operation} matches the operation) prices
 * it. Exactly one of the three amounts is set, in USD.
 *
 * @param when       parameter values this line applies to; empty = every job
 * @param perSecond  USD per billed second
 * @param perClip    USD per generated clip, whatever its length
 * @param perImage   USD per generated image
 * @param minSeconds bill at least this many seconds (per-second lines only)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PriceRule(
        @JsonProperty("when") Map<String, Object> when,
        @JsonProperty("per_second") BigDecimal perSecond,
        @JsonProperty("per_clip") BigDecimal perClip,
        @JsonProperty("per_image") BigDecimal perImage,
        @JsonProperty("min_seconds") BigDecimal minSeconds) {

    /** Prices are estimates in USD with four decimals (the smallest list prices have three). */
    public static final int SCALE = 4;

    public PriceRule {
        when = when == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(when));
    }

    public boolean matches(String operation, Map<String, Object> parameters) {
        for (Map.Entry<String, Object> condition : when.entrySet()) {
            Object actual = "operation".equals(condition.getKey()) ? operation : parameters.get(condition.getKey());
            if (!Values.same(condition.getValue(), actual)) {
                return false;
            }
        }
        return true;
    }

    /** The seconds a job is billed for: what it runs, raised to {@code min_seconds}. */
    public double billedSeconds(double seconds) {
        return minSeconds == null ? seconds : Math.max(seconds, minSeconds.doubleValue());
    }

    /** The price of one job billed for {@code billedSeconds}, scale 4, half-up. */
    public BigDecimal price(double billedSeconds) {
        BigDecimal amount;
        if (perSecond != null) {
            amount = perSecond.multiply(BigDecimal.valueOf(billedSeconds));
        } else if (perClip != null) {
            amount = perClip;
        } else {
            amount = perImage;
        }
        return amount.setScale(SCALE, RoundingMode.HALF_UP);
    }

    /** "$0.1/s when resolution 720p", for GET /api/models and messages. */
    public String describe() {
        String amount = perSecond != null ? "$" + Values.show(perSecond) + "/s"
                : perClip != null ? "$" + Values.show(perClip) + " per clip"
                : "$" + Values.show(perImage) + " per image";
        if (minSeconds != null) {
            amount += " (at least " + Values.show(minSeconds) + " s)";
        }
        if (when.isEmpty()) {
            return amount;
        }
        return amount + " when " + when.entrySet().stream()
                .map(e -> e.getKey() + " " + Values.show(e.getValue())).collect(Collectors.joining(", "));
    }
}
