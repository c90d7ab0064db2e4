package io.reelroute.quota;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** usage/usage.jsonl: one JSON object per line, appended when a job reaches a final state (CONTRACT 7). */
public final class UsageLog {
    private final Path file;
    private final ObjectMapper json;

    public UsageLog(Path file, ObjectMapper json) {
        this.file = file;
        this.json = json;
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Entry(
            @JsonProperty("ts") String ts,
            @JsonProperty("job_id") String jobId,
            @JsonProperty("user_id") String userId,
            @JsonProperty("model") String model,
            @JsonProperty("provider") String provider,
            @JsonProperty("operation") String operation,
            @JsonProperty("seconds") Double seconds,
            @JsonProperty("resolution") String resolution,
            @JsonProperty("cost_usd") BigDecimal costUsd,
            @JsonProperty("status") String status,
            @JsonProperty("prediction_id") String predictionId) {
    }

    public synchronized void append(Entry entry) {
        try {
            Files.createDirectories(file.getParent());
            byte[] line = (json.writeValueAsString(entry) + "\n").getBytes(StandardCharsets.UTF_8);
            Files.write(file, line, StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to " + file, e);
        }
    }

    /** Every line, oldest first. */
    public synchronized java.util.List<Entry> entries() {
        if (!Files.exists(file)) {
            return java.util.List.of();
        }
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            java.util.List<Entry> entries = new java.util.ArrayList<>();
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (!line.isBlank()) {
                    entries.add(json.readValue(line, Entry.class));
                }
            }
            return entries;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** For recovery after a crash: appends only if no line for this job is there yet. */
    public synchronized void appendOnce(Entry entry) {
        if (!contains(entry.jobId())) {
            append(entry);
        }
    }

    public synchronized boolean contains(String jobId) {
        if (!Files.exists(file)) {
            return false;
        }
        String needle = "\"job_id\":\"" + jobId + "\"";
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return reader.lines().anyMatch(line -> line.contains(needle));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
