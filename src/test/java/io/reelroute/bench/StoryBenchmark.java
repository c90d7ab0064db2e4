package io.reelroute.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.reelroute.store.JobRecord;
import io.reelroute.store.JobStore;
import io.reelroute.support.Workspaces;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The time of a 6-shot story on local-preview, from the drop to a completed story.json, split into: accepting
 * it and making the preview, the six shots (from the first shot's job to the last one's end; FFmpeg renders
 * and delivers each one), and the exports (join, soundtrack mix, two reframes). Not a test: bench/story/run.sh.
 */
public final class StoryBenchmark {
    // each round's prompts differ, so its shots are new jobs, not repeats of the previous round's
    private static final String SHOTS = """
            shots:
              - { id: s01, image: media/coast.jpg, prompt: "Slow pan right along the coast" }
              - { id: s02, prompt: "Zoom in on the water" }
              - { id: s03, prompt: "Slow push-in" }
              - { id: s04, prompt: "Pan left across the rocks" }
              - { id: s05, prompt: "Tilt up to the sky" }
              - { id: s06, prompt: "Zoom out" }
            """;

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        Path home = Workspaces.fresh("target/bench/story");
        Files.createDirectories(home.resolve("inbox/media"));
        Files.copy(Path.of("samples/fractal-coast.jpg"), home.resolve("inbox/media/coast.jpg"));
        Files.copy(Path.of("samples/sunset-portrait.jpg"), home.resolve("inbox/media/captain.jpg"));
        Files.copy(Path.of("samples/media/voice.m4a"), home.resolve("inbox/media/voice.m4a"));
        List<String> rows = new ArrayList<>();
        try (InProcessService service = new InProcessService(Map.of("reelroute.home", home.toString(),
                "reelroute.inbox.stable-ms", "200", "reelroute.inbox.poll-ms", "100",
                "reelroute.story.period-ms", "100", "reelroute.dispatch.period-ms", "100"))) {
            JobStore jobs = service.bean("jobStore", JobStore.class);
            for (int round = 1; round <= rounds; round++) {
                for (String mode : List.of("last-frame", "keyframes")) {
                    rows.add(run(home, jobs, mode, round));
                }
            }
        }
        System.out.println("| continuity | round | drop to completed, s | accept + preview, s | 6 shots, s |"
                + " exports, s |");
        System.out.println("| --- | --- | --- | --- | --- | --- |");
        rows.forEach(System.out::println);
    }

    private static String run(Path home, JobStore jobs, String mode, int round) throws Exception {
        // each round renders anew: a different seed keeps the jobs from being repeats of the last round's
        String name = mode + "-" + round + ".story.yaml";
        String story = "model: local-preview\naspect: horizontal\nresolution: 480p\ncontinuity: " + mode
                + "\naudio: media/voice.m4a\nkeyframes:\n  references:\n"
                + "    - { id: captain, path: media/captain.jpg, description: \"old sailor\" }\n"
                + SHOTS.replace("\" }", " (round " + round + ")\", duration: 5 }")
                + "export: { stills_preview: true, platforms: [\"9:16\", \"1:1\"] }\n";
        Path staged = home.resolve(name);
        Files.writeString(staged, story);
        Instant dropped = Instant.now();
        Files.move(staged, home.resolve("inbox").resolve(name));
        JsonNode done;
        while ((done = story(home, "inbox:" + name).filter(s -> !s.get("status").asText().equals("running"))
                .orElse(null)) == null) {
            Path refused = home.resolve("rejected").resolve(name + ".error.json");
            if (Files.exists(refused)) {
                throw new IllegalStateException("the story was refused: " + Files.readString(refused));
            }
            Thread.sleep(50);
        }
        if (!done.get("status").asText().equals("completed")) {
            throw new IllegalStateException("story failed: " + done.toPrettyString());
        }
        Instant finished = Instant.parse(done.get("timings").get("finished").asText());
        JobRecord first = jobs.find(done.get("shots").get(0).get("job_id").asText()).orElseThrow();
        JobRecord last = jobs.find(done.get("shots").get(5).get("job_id").asText()).orElseThrow();
        return String.format(Locale.ROOT, "| %s | %d | %.2f | %.2f | %.2f | %.2f |", mode, round,
                seconds(dropped, finished), seconds(dropped, first.createdAt()),
                seconds(first.createdAt(), last.finishedAt()), seconds(last.finishedAt(), finished));
    }

    private static double seconds(Instant from, Instant to) {
        return Duration.between(from, to).toMillis() / 1000.0;
    }

    private static Optional<JsonNode> story(Path home, String source) throws Exception {
        try (Stream<Path> dirs = Files.list(home.resolve("output"))) {
            return dirs.map(d -> d.resolve("story.json")).filter(Files::exists).map(Workspaces::read)
                    .filter(s -> s.get("source").asText().equals(source)).findFirst();
        }
    }
}
