package io.reelroute.spec;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/**
 * "Did you mean ...?" for misspelt field and model names: the known name nearest to what was written,
 * when it is near enough to be a typing slip rather than a different word.
 */
public final class ClosestName {
    private ClosestName() {
    }

    /**
     * The known name within two edits (insert, delete, replace, swap of neighbours) of {@code written},
     * and closer than half its length so that short unrelated words are not "corrected".
     */
    public static Optional<String> among(String written, Collection<String> known) {
        if (written == null || written.isEmpty()) {
            return Optional.empty();
        }
        String target = written.toLowerCase(Locale.ROOT);
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : known) {
            int distance = distance(target, candidate.toLowerCase(Locale.ROOT));
            if (distance < bestDistance) {
                best = candidate;
                bestDistance = distance;
            }
        }
        boolean nearEnough = bestDistance <= 2 && bestDistance * 2 < target.length();
        return nearEnough ? Optional.of(best) : Optional.empty();
    }

    /** Optimal-string-alignment distance: Levenshtein plus swapped neighbours ("langauge") as one edit. */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
