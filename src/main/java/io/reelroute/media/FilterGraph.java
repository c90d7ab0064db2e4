package io.reelroute.media;

/**
 * Escaping for values (file paths) placed inside an FFmpeg filtergraph, following FFmpeg's "Notes on filtergraph
 * escaping": one level for the filter's option parser (special: {@code \ ' :}), then one for the graph parser
 * (special: {@code \ ' [ ] , ;}). No shell level: arguments go to the process as-is.
 */
final class FilterGraph {
    private FilterGraph() {
    }

    static String escapeValue(String value) {
        return escape(escape(value, "\\':"), "\\'[],;");
    }

    private static String escape(String text, String special) {
        StringBuilder out = new StringBuilder(text.length() + 8);
        for (char c : text.toCharArray()) {
            if (special.indexOf(c) >= 0) {
                out.append('\\');
            }
            out.append(c);
        }
        return out.toString();
    }
}
