package io.reelroute.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Reading a reelroute home folder the way a user would: result files, error files, the usage log. */
public final class Workspaces {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Workspaces() {
    }

    /** Deletes and recreates a folder; for test homes under target/. */
    public static Path fresh(String path) {
        Path dir = Path.of(path).toAbsolutePath();
        deleteTree(dir);
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void copyTree(Path from, Path to) {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path p : paths.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every output/&lt;job&gt;/result.json, keyed by its source (inbox:photo.png ...). */
    public static Map<String, JsonNode> resultsBySource(Path home) {
        return results(home).stream().collect(Collectors.toMap(r -> r.get("source").asText(), Function.identity(),
                (a, b) -> { throw new AssertionError("two results for " + a.get("source")); }));
    }

    public static List<JsonNode> results(Path home) {
        Path output = home.resolve("output");
        if (!Files.exists(output)) {
            return List.of();
        }
        List<JsonNode> results = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(output)) {
            for (Path dir : dirs.toList()) {
                Path file = dir.resolve("result.json");
                if (Files.exists(file)) {
                    results.add(JSON.readTree(file.toFile()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return results;
    }

    public static List<JsonNode> usageLines(Path home) {
        Path file = home.resolve("usage/usage.jsonl");
        if (!Files.exists(file)) {
            return List.of();
        }
        try {
            List<JsonNode> lines = new ArrayList<>();
            for (String line : Files.readAllLines(file)) {
                lines.add(JSON.readTree(line));
            }
            return lines;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static JsonNode read(Path file) {
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
