package io.reelroute.spec;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.reelroute.error.ErrorCode;
import io.reelroute.error.ReelrouteException;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a job spec (CONTRACT section 3) from JSON or YAML and turns every way it can be wrong into an
 * error a person can fix: the file, the field (with its path inside {@code shot}), the line and column,
 * and what was expected. Checks against a model (allowed durations, ...) are not made here: they need the
 * catalog ({@code io.reelroute.catalog.JobPlanner}).
 *
 * <p>Thread-safe; one instance can serve every route.
 */
public final class SpecReader {

    /** The two notations a job spec (or story, or sidecar) may be written in. */
    public enum Format {
        JSON,
        YAML;

        /**
         * The format a file name announces: {@code .json}, {@code .yaml} or {@code .yml}, in any letter case
         * ({@code photo.json}, {@code harbour.job.YAML}).
         *
         * @throws ReelrouteException {@code invalid_input} for any other name
         */
        public static Format fromFileName(String fileName) {
            return detect(fileName).orElseThrow(() -> new ReelrouteException(ErrorCode.INVALID_INPUT,
                    "'" + fileName + "' is not a JSON or YAML file: a job spec's name ends in .json, .yaml or .yml"));
        }

        /** Like {@link #fromFileName} but empty for other names, for callers that are only sniffing. */
        public static Optional<Format> detect(String fileName) {
            if (fileName == null) {
                return Optional.empty();
            }
            String lower = fileName.toLowerCase(Locale.ROOT);
            if (lower.endsWith(".json")) {
                return Optional.of(JSON);
            }
            if (lower.endsWith(".yaml") || lower.endsWith(".yml")) {
                return Optional.of(YAML);
            }
            return Optional.empty();
        }
    }

    private final ObjectMapper json = configure(new ObjectMapper(JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build()));
    private final ObjectMapper yaml = configure(new ObjectMapper(YAMLFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build()));

    private static ObjectMapper configure(ObjectMapper mapper) {
        // Unknown fields are errors (CONTRACT 3), a second document or value is not silently dropped,
        // and 1.5 is not quietly truncated into seed 1.
        return mapper.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
    }

    /** Reads a spec file; its name gives the format and is the source named in errors. */
    public JobSpec read(Path file) {
        String name = file.getFileName().toString();
        Format format = Format.fromFileName(name);
        byte[] content;
        try {
            content = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new ReelrouteException(ErrorCode.INVALID_INPUT, "could not read " + name + ": " + e.getMessage(),
                    null, e);
        }
        return read(content, format, name);
    }

    /**
     * Parses one job spec.
     *
     * @param content    the document's bytes (UTF-8, a byte-order mark is accepted)
     * @param format     JSON or YAML
     * @param sourceName how errors name the document, e.g. {@code photo.json}
     * @throws ReelrouteException {@code unknown_field} for a field the spec does not have,
     *                            {@code invalid_input} for an empty or malformed document or a value of the wrong type
     */
    public JobSpec read(byte[] content, Format format, String sourceName) {
        JobSpec spec = readDocument(content, format, sourceName, JobSpec.class);
        checkRanges(spec, sourceName);
        return spec;
    }

    /**
     * Reads any spec-like document (a job spec, a story) with the same rules and messages: unknown fields
     * refused with a suggestion, syntax errors with line and column, wrong types named by field.
     */
    public <T> T readDocument(byte[] content, Format format, String sourceName, Class<T> type) {
        if (isBlank(content)) {
            throw empty(sourceName, format);
        }
        ObjectMapper mapper = format == Format.JSON ? json : yaml;
        // First the syntax and the overall shape, so that a broken document is reported as broken even
        // where binding would have tripped over a value earlier; then the fields, with their positions.
        JsonNode tree;
        try {
            tree = mapper.readTree(content);
        } catch (MismatchedInputException e) {
            throw wrongType(e, sourceName, format);
        } catch (JsonProcessingException e) {
            throw malformed(e, sourceName, format);
        } catch (IOException e) {
            throw new ReelrouteException(ErrorCode.INVALID_INPUT, "could not read " + sourceName + ": "
                    + e.getMessage(), null, e);
        }
        if (tree == null || tree.isMissingNode() || tree.isNull() || (tree.isTextual() && tree.asText().isBlank())) {
            // "null", "---" or a YAML file of comments only: nothing to run
            throw empty(sourceName, format);
        }
        if (!tree.isObject()) {
            String holds = tree.isArray() ? "a list" : tree.isTextual() ? "the text \"" + tree.asText() + "\""
                    : "the value " + tree;
            throw new ReelrouteException(ErrorCode.INVALID_INPUT, sourceName + " must hold one object of fields"
                    + " (like prompt, duration, model); it holds " + holds);
        }
        try {
            return mapper.readValue(content, type);
        } catch (UnrecognizedPropertyException e) {
            throw unknownField(e, sourceName);
        } catch (MismatchedInputException e) {
            throw wrongType(e, sourceName, format);
        } catch (JsonMappingException e) {
            throw new ReelrouteException(ErrorCode.INVALID_INPUT, sourceName + ": " + fieldOrDocument(path(e))
                    + " could not be read: " + SyntaxError.plain(e.getOriginalMessage()) + at(e.getLocation()), fieldOf(e), e);
        } catch (JsonProcessingException e) {
            throw malformed(e, sourceName, format);
        } catch (IOException e) {
            throw new ReelrouteException(ErrorCode.INVALID_INPUT, "could not read " + sourceName + ": "
                    + e.getMessage(), null, e);
        }
    }

    /** Checks a spec can make on its own, whatever the model; everything model-specific is the planner's. */
    public static void checkRanges(JobSpec spec, String sourceName) {
        if (spec.shot() != null && spec.shot().energy() != null) {
            double energy = spec.shot().energy();
            if (energy < 0 || energy > 1) {
                throw new ReelrouteException(ErrorCode.INVALID_INPUT, "shot.energy in " + sourceName
                        + " must be between 0 and 1; it is " + BigDecimal.valueOf(energy).toPlainString(),
                        "shot.energy");
            }
        }
    }

    private static boolean isBlank(byte[] content) {
        if (content == null) {
            return true;
        }
        int start = content.length >= 3 && (content[0] & 0xFF) == 0xEF && (content[1] & 0xFF) == 0xBB
                && (content[2] & 0xFF) == 0xBF ? 3 : 0;
        for (int i = start; i < content.length; i++) {
            byte b = content[i];
            if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
                return false;
            }
        }
        return true;
    }

    private static ReelrouteException empty(String sourceName, Format format) {
        String example = format == Format.JSON ? "{\"prompt\": \"slow push-in\"}" : "prompt: slow push-in";
        return new ReelrouteException(ErrorCode.INVALID_INPUT,
                sourceName + " is empty: a job spec holds at least one field, e.g. " + example);
    }

    private static ReelrouteException unknownField(UnrecognizedPropertyException e, String sourceName) {
        String path = path(e);
        List<String> known = TypeWords.jsonNames(e.getReferringClass());
        String name = e.getPropertyName();
        String parent = path.contains(".") ? path.substring(0, path.lastIndexOf('.')) : null;
        StringBuilder message = new StringBuilder("unknown field '").append(path).append("' in ").append(sourceName);
        ClosestName.among(name, known).ifPresent(guess -> message.append(" (did you mean '")
                .append(parent == null ? guess : parent + "." + guess).append("'?)"));
        message.append("; known fields").append(parent == null ? "" : " of " + parent).append(": ")
                .append(String.join(", ", known));
        return new ReelrouteException(ErrorCode.UNKNOWN_FIELD, message.toString(), path, e);
    }

    private static ReelrouteException wrongType(MismatchedInputException e, String sourceName, Format format) {
        String path = path(e);
        String reason = e.getOriginalMessage();
        if (reason != null && reason.startsWith("Trailing token")) {
            String what = format == Format.YAML ? "more than one document" : "more than one value";
            return new ReelrouteException(ErrorCode.INVALID_INPUT, sourceName + " holds " + what
                    + at(e.getLocation()) + ": a job spec is one object", null, e);
        }
        if (path.isEmpty()) {
            return new ReelrouteException(ErrorCode.INVALID_INPUT, sourceName + " must hold one object of fields"
                    + " (like prompt, duration, model); it holds " + found(e) + at(e.getLocation()), null, e);
        }
        return new ReelrouteException(ErrorCode.INVALID_INPUT, path + " in " + sourceName + " must be "
                + expected(e.getTargetType()) + ", not " + found(e) + at(e.getLocation()), fieldOf(e), e);
    }

    /** What the spec wanted, in words a user knows; every list in a spec is a list of text. */
    private static String expected(Class<?> type) {
        return type != null && Collection.class.isAssignableFrom(type) ? "a list of text" : TypeWords.of(type);
    }

    /** What the document had instead, as far as Jackson tells. */
    private static String found(MismatchedInputException e) {
        if (e instanceof InvalidFormatException invalid && invalid.getValue() != null) {
            Object value = invalid.getValue();
            return value instanceof String text ? "the text \"" + text + "\"" : "the value " + value;
        }
        String message = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        if (message.contains("from Array value") || message.contains("START_ARRAY")) {
            return "a list";
        }
        if (message.contains("from Object value") || message.contains("START_OBJECT")) {
            return "an object";
        }
        Matcher text = Pattern.compile("from String value \\('(.*)'\\)").matcher(message);
        if (text.find()) {
            return "the text \"" + text.group(1) + "\"";
        }
        if (message.contains("from String value") || message.contains("VALUE_STRING")) {
            return "text";
        }
        if (message.contains("Number value") || message.contains("Floating-point") || message.contains("VALUE_NUMBER")) {
            return "a number";
        }
        if (message.contains("Boolean value") || message.contains("VALUE_TRUE") || message.contains("VALUE_FALSE")) {
            return "true or false";
        }
        return "something else";
    }

    private static ReelrouteException malformed(JsonProcessingException e, String sourceName, Format format) {
        String notation = format == Format.JSON ? "JSON" : "YAML";
        return new ReelrouteException(ErrorCode.INVALID_INPUT,
                sourceName + " is not valid " + notation + ": " + SyntaxError.describe(e), null, e);
    }

    private static String at(JsonLocation location) {
        return location == null || location.getLineNr() < 0 ? ""
                : " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }

    /** The dotted path of the value Jackson was reading: {@code shot.energy}, {@code tags[1]}. */
    private static String path(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference reference : e.getPath()) {
            if (reference.getFieldName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    /** The spec field an error concerns: the path without list indexes ({@code tags}, {@code shot.energy}). */
    private static String fieldOf(JsonMappingException e) {
        String path = path(e).replaceAll("\\[\\d+]", "");
        return path.isEmpty() ? null : path;
    }

    private static String fieldOrDocument(String path) {
        return path.isEmpty() ? "the document" : path;
    }

    /** Exposed so callers can list the spec's fields (e.g. to validate CSV columns) from one source. */
    public static List<String> specFieldNames() {
        return TypeWords.jsonNames(JobSpec.class);
    }
}
