package io.reelroute.batch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import io.reelroute.error.ErrorCode;
import io.reelroute.error.ReelrouteException;
import io.reelroute.spec.ClosestName;
import io.reelroute.spec.JobSpec;
import io.reelroute.spec.SpecReader;
import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads a batch CSV (CONTRACT 2.2): a header row of job-spec fields plus optional {@code row_id}, then one job
 * per row. UTF-8 with or without a byte-order mark, CRLF or LF, RFC 4180 quoting (commas and line breaks inside
 * quotes). A column that is no spec field refuses the whole file; a row that is not a valid spec is reported
 * on its own, so that one file can name every bad row at once. Also recognises a batch's own
 * {@code results.csv}, which is re-imported by its job ids.
 */
public final class BatchCsv {
    public static final String ROW_ID = "row_id";
    /** The columns of results.csv, in order. */
    public static final List<String> RESULT_COLUMNS = List.of(ROW_ID, "job_id", "status", "cost_usd", "video", "error");

    private static final CsvMapper CSV = CsvMapper.builder()
            .enable(CsvParser.Feature.WRAP_AS_ARRAY)
            .enable(CsvParser.Feature.SKIP_EMPTY_LINES)
            .build();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, Class<?>> FIELD_TYPES = fieldTypes();

    private final SpecReader specReader;

    public BatchCsv(SpecReader specReader) {
        this.specReader = specReader;
    }

    /** A data row: its 1-based number, its row id (the row_id cell, else its number) and its spec or its error. */
    public record Row(int number, String rowId, JobSpec spec, ReelrouteException error) {
    }

    /** A results.csv row: the row id and the job it ran (empty when it had none yet). */
    public record ResultRow(String rowId, String jobId) {
    }

    /** What a file held: either spec rows (an original batch) or result rows (a results.csv). */
    public record Content(List<Row> rows, List<ResultRow> results) {
        public boolean isResults() {
            return results != null;
        }
    }

    /**
     * @param name the file's name, for messages
     * @throws ReelrouteException {@code invalid_input} for a file that is not UTF-8 CSV, has no rows, or repeats a
     *                            column or row id; {@code unknown_field} for a column that is no spec field
     */
    public Content read(byte[] content, String name) {
        List<List<String>> records = records(content, name);
        if (records.isEmpty()) {
            throw new ReelrouteException(ErrorCode.INVALID_INPUT, name + " is empty: a batch has a header row of"
                    + " job-spec fields (e.g. row_id,image,prompt,duration) and one row per job");
        }
        List<String> header = header(records.get(0), name);
        List<List<String>> data = records.subList(1, records.size());
        if (data.isEmpty()) {
            throw new ReelrouteException(ErrorCode.INVALID_INPUT, name + " has a header row but no rows: nothing to run");
        }
        if (header.containsAll(RESULT_COLUMNS) && header.size() == RESULT_COLUMNS.size()) {
            return new Content(null, data.stream().map(r -> new ResultRow(cell(r, 0), cell(r, 1))).toList());
        }
        checkColumns(header, name);
        List<Row> rows = new ArrayList<>();
        Set<String> rowIds = new LinkedHashSet<>();
        for (int i = 0; i < data.size(); i++) {
            Row row = row(header, data.get(i), i + 1, name);
            if (!rowIds.add(row.rowId())) {
                throw new ReelrouteException(ErrorCode.INVALID_INPUT, name + ": row_id '" + row.rowId()
                        + "' appears twice (row " + row.number() + "); each row needs its own id", ROW_ID);
            }
            rows.add(row);
        }
        return new Content(rows, null);
    }

    private static List<List<String>> records(byte[] content, String name) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(content)).toString();
        } catch (CharacterCodingException e) {
            throw new ReelrouteException(ErrorCode.INVALID_INPUT, name + " is not UTF-8 text; save it as CSV UTF-8");
        }
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1); // the BOM spreadsheet programs write
        }
        List<List<String>> records = new ArrayList<>();
        try (MappingIterator<List<String>> it = CSV.readerForListOf(String.class).readValues(text)) {
            while (it.hasNextValue()) {
                List<String> record = it.nextValue();
                if (!record.stream().allMatch(String::isBlank)) {
                    records.add(record);
                }
            }
        } catch (IOException | RuntimeException e) {
            throw new ReelrouteException(ErrorCode.INVALID_INPUT, name + " is not valid CSV: " + e.getMessage()
                    .lines().findFirst().orElse(""), null, e);
        }
        return records;
    }

    private static List<String> header(List<String> cells, String name) {
        List<String> header = cells.stream().map(String::trim).toList();
        Set<String> seen = new LinkedHashSet<>();
        for (int i = 0; i < header.size(); i++) {
            String column = header.get(i);
            if (column.isEmpty()) {
                throw new ReelrouteException(ErrorCode.INVALID_INPUT, name + ": column " + (i + 1)
                        + " of the header row has no name");
            }
            if (!seen.add(column)) {
                throw new ReelrouteException(ErrorCode.INVALID_INPUT, name + ": column '" + column
                        + "' appears twice in the header row", column);
            }
        }
        return header;
    }

    private static void checkColumns(List<String> header, String name) {
        List<String> known = new ArrayList<>(FIELD_TYPES.keySet());
        known.add(ROW_ID);
        for (String column : header) {
            if (!known.contains(column)) {
                StringBuilder message = new StringBuilder("unknown column '").append(column).append("' in ")
                        .append(name);
                ClosestName.among(column, known).ifPresent(g -> message.append(" (did you mean '").append(g)
                        .append("'?)"));
                message.append("; the columns are job-spec fields: ").append(String.join(", ", known));
                throw new ReelrouteException(ErrorCode.UNKNOWN_FIELD, message.toString(), column);
            }
        }
    }

    private Row row(List<String> header, List<String> cells, int number, String name) {
        String rowId = header.contains(ROW_ID) ? cell(cells, header.indexOf(ROW_ID)).trim() : "";
        if (rowId.isEmpty()) {
            rowId = String.valueOf(number);
        }
        String source = name + " row " + rowId;
        if (cells.size() > header.size()) {
            return new Row(number, rowId, null, new ReelrouteException(ErrorCode.INVALID_INPUT, source + " has "
                    + cells.size() + " cells but the header has " + header.size()
                    + " columns; quote a value that holds a comma"));
        }
        try {
            ObjectNode spec = JsonNodeFactory.instance.objectNode();
            for (int i = 0; i < header.size(); i++) {
                String column = header.get(i);
                String value = cell(cells, i);
                if (!column.equals(ROW_ID) && !value.isBlank()) {
                    spec.set(column, value(column, value.trim(), source));
                }
            }
            return new Row(number, rowId, specReader.read(JSON.writeValueAsBytes(spec), SpecReader.Format.JSON,
                    source), null);
        } catch (ReelrouteException e) {
            return new Row(number, rowId, null, e);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A cell as the spec field's type: numbers and true/false from their text, a list from JSON or
     * {@code a;b;c}, an object from JSON. Text that is none of these is passed on as text, so that the spec
     * reader says what the field needed.
     */
    static JsonNode value(String column, String text, String source) {
        Class<?> type = FIELD_TYPES.get(column);
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        if (Number.class.isAssignableFrom(type)) {
            try {
                return nodes.numberNode(new BigDecimal(text));
            } catch (NumberFormatException e) {
                return nodes.textNode(text);
            }
        }
        if (type == Boolean.class) {
            String lower = text.toLowerCase(Locale.ROOT);
            return lower.equals("true") || lower.equals("false") ? nodes.booleanNode(lower.equals("true"))
                    : nodes.textNode(text);
        }
        if (Collection.class.isAssignableFrom(type) && !text.startsWith("[")) {
            ArrayNode list = nodes.arrayNode();
            for (String item : text.split(";")) {
                if (!item.isBlank()) {
                    list.add(item.trim());
                }
            }
            return list;
        }
        if (type == String.class) {
            return nodes.textNode(text);
        }
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new ReelrouteException(ErrorCode.INVALID_INPUT, column + " in " + source + " must be written as"
                    + " JSON (e.g. {\"camera_language\": \"slow push-in\"}); it is: " + text, column);
        }
    }

    private static String cell(List<String> cells, int index) {
        return index < cells.size() && cells.get(index) != null ? cells.get(index) : "";
    }

    private static Map<String, Class<?>> fieldTypes() {
        Map<String, Class<?>> types = new LinkedHashMap<>();
        List<String> names = SpecReader.specFieldNames();
        RecordComponent[] components = JobSpec.class.getRecordComponents();
        for (int i = 0; i < components.length; i++) {
            types.put(names.get(i), components[i].getType());
        }
        return types;
    }
}
