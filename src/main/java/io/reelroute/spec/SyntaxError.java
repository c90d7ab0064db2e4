package io.reelroute.spec;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Where and why a JSON or YAML document could not be parsed, said plainly: "line 2, column 6: expected the
 * node content, but found ':' (while parsing a flow node)". Shared by every reader of user-written files.
 */
public final class SyntaxError {
    private static final Pattern CHARACTER_CODE = Pattern.compile("\\('(.{1,2})' \\(code \\d+\\)\\)");
    private static final Pattern SOURCE_LOCATION =
            Pattern.compile("\\[Source: [^\\]]*?; line: (\\d+), column: (\\d+)\\]", Pattern.DOTALL);

    private SyntaxError() {
    }

    /** "line L, column C: reason" (1-based), from the YAML parser's own mark when there is one. */
    public static String describe(JsonProcessingException e) {
        MarkedYAMLException yaml = yamlCause(e);
        if (yaml != null) {
            // Jackson's location for YAML errors points at the start of the enclosing node; SnakeYAML's
            // problem mark points at the offending character, which is what a person needs.
            Mark mark = yaml.getProblemMark();
            String where = mark == null ? "" : "line " + (mark.getLine() + 1) + ", column " + (mark.getColumn() + 1) + ": ";
            String problem = yaml.getProblem() == null ? firstLine(yaml.getMessage()) : yaml.getProblem();
            if (problem.contains("\\t(TAB)") || problem.contains("'\\t'")) {
                problem = "found a tab: YAML indents with spaces, not tabs";
            }
            String context = yaml.getContext() == null ? "" : " (" + yaml.getContext() + ")";
            return where + problem + context;
        }
        String reason = plain(e.getOriginalMessage());
        if (reason.startsWith("Duplicate field ")) {
            reason = "the field " + reason.substring("Duplicate field ".length()) + " is given twice";
        }
        return at(e.getLocation()) + reason;
    }

    /** Jackson's reason without its Java-isms: character codes and source dumps go, line and column stay. */
    public static String plain(String reason) {
        if (reason == null) {
            return "unreadable content";
        }
        String plain = CHARACTER_CODE.matcher(reason).replaceAll("'$1'");
        plain = SOURCE_LOCATION.matcher(plain).replaceAll("line $1, column $2");
        return plain.replace("\n", " ").trim();
    }

    private static String at(JsonLocation location) {
        return location == null || location.getLineNr() < 0 ? ""
                : "line " + location.getLineNr() + ", column " + location.getColumnNr() + ": ";
    }

    private static MarkedYAMLException yamlCause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof MarkedYAMLException marked) {
                return marked;
            }
        }
        return null;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable content";
        }
        int newline = message.strip().indexOf('\n');
        return newline < 0 ? message.strip() : message.strip().substring(0, newline);
    }
}
