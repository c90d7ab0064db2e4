package io.reelroute.catalog;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;

/** Comparing and printing the loosely typed values that YAML and job specs carry (5 vs 5.0, 720p vs 720P). */
final class Values {
    private Values() {
    }

    /** Numbers compare by value, text without regard to case, everything else by equals. */
    static boolean same(Object a, Object b) {
        if (a == null || b == null) {
            return a == b;
        }
        if (a instanceof Number && b instanceof Number) {
            return decimal(a).compareTo(decimal(b)) == 0;
        }
        if (a instanceof String x && b instanceof String y) {
            return x.trim().equalsIgnoreCase(y.trim());
        }
        return a.equals(b);
    }

    static BigDecimal decimal(Object number) {
        return number instanceof BigDecimal d ? d : new BigDecimal(number.toString());
    }

    /** 5 not 5.0, 0.5 not 5E-1. */
    static String show(Object value) {
        if (value instanceof Number) {
            BigDecimal d = decimal(value).stripTrailingZeros();
            return (d.scale() < 0 ? d.setScale(0) : d).toPlainString();
        }
        return String.valueOf(value);
    }

    /** "5 or 10", "480p, 720p or 1080p". */
    static String oneOf(List<?> values) {
        List<String> shown = values.stream().map(Values::show).toList();
        if (shown.size() <= 1) {
            return String.join("", shown);
        }
        return String.join(", ", shown.subList(0, shown.size() - 1)) + " or " + shown.get(shown.size() - 1);
    }

    static String lower(String text) {
        return text == null ? null : text.trim().toLowerCase(Locale.ROOT);
    }
}
