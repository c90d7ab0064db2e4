package io.reelroute.provider;

import static org.awaitility.Awaitility.await;

import io.reelroute.catalog.InputFacts;
import io.reelroute.catalog.JobPlanner;
import io.reelroute.catalog.ModelCatalog;
import io.reelroute.catalog.PlannedJob;
import io.reelroute.files.Hashing;
import io.reelroute.media.Ffmpeg;
import io.reelroute.provider.SubmitRequest.InputFile;
import io.reelroute.spec.JobSpec;
import io.reelroute.spec.SpecReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Jobs for provider-client tests, made the way the service makes them: a YAML spec planned against the real
 * config/models.yaml (tests run from the project folder), inputs as content-addressed copies; plus a real MP4
 * for simulated outputs and a poll loop.
 */
public final class ProviderTestJobs {
    public static final ModelCatalog CATALOG = ModelCatalog.load(Path.of("config/models.yaml"));
    private static final JobPlanner PLANNER = new JobPlanner(CATALOG);
    private static final SpecReader SPECS = new SpecReader();
    private static Path video;

    private ProviderTestJobs() {
    }

    /** The spec planned as the service plans it (every provider available), or the planner's refusal. */
    public static PlannedJob plan(String yamlSpec, InputFacts facts) {
        return PLANNER.plan(spec(yamlSpec), facts, provider -> true);
    }

    /** The submit request for the spec's planned job, with the given inputs; the prompt is the spec's. */
    public static SubmitRequest request(String yamlSpec, InputFacts facts, InputFile... inputs) {
        PlannedJob job = plan(yamlSpec, facts);
        return request(job, spec(yamlSpec).prompt(), job.parameters(), inputs);
    }

    /** A request with parameters as given, past the planner: for what a provider itself must refuse. */
    public static SubmitRequest request(PlannedJob job, String prompt, Map<String, Object> parameters,
                                        InputFile... inputs) {
        Map<String, InputFile> byRole = new LinkedHashMap<>();
        for (InputFile input : inputs) {
            byRole.put(input.role(), input);
        }
        return new SubmitRequest("job-under-test", job.model(), job.operation(), prompt, parameters, byRole, null);
    }

    public static InputFile local(String role, Path file) {
        return new InputFile(role, file, null, Hashing.sha256(file));
    }

    public static InputFile url(String role, String url) {
        return new InputFile(role, null, url, null);
    }

    /** A local input as the intake keeps it: {@code <sha256>.<extension>} with these bytes. */
    public static Path blob(Path dir, String extension, byte[] content) {
        try {
            Files.createDirectories(dir);
            return Files.write(dir.resolve(Hashing.sha256(content) + "." + extension), content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Distinct bytes per {@code label}, enough to tell uploads apart (the clients only move bytes). */
    public static byte[] content(String label, int size) {
        byte[] seed = label.getBytes(StandardCharsets.UTF_8);
        byte[] bytes = new byte[size];
        for (int i = 0; i < size; i++) {
            bytes[i] = (byte) (seed[i % seed.length] + i / seed.length);
        }
        return bytes;
    }

    /** A 1-second 320x240 MP4 made with the project's FFmpeg, once per test run. */
    public static synchronized Path video() {
        if (video == null) {
            try {
                Path dir = Files.createDirectories(Path.of("target", "provider-test-media"));
                Ffmpeg ffmpeg = Ffmpeg.locate(null, Path.of("target", "media-test-cache"));
                Path out = dir.resolve("output.mp4");
                List<String> args = new ArrayList<>(List.of("-f", "lavfi", "-i", "testsrc2=s=320x240:d=1"));
                args.addAll(ffmpeg.mp4VideoArgs(320, 240, 25));
                args.add(out.toString());
                ffmpeg.run(args, Duration.ofSeconds(60));
                video = out;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return video;
    }

    /** Polls as the poll route does until the generation ends; {@code statuses} gets every provider word seen. */
    public static PollResult pollUntilDone(ProviderClient client, Prediction prediction, List<String> statuses) {
        AtomicReference<PollResult> last = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20)).until(() -> {
            PollResult result = client.poll(prediction);
            statuses.add(result.providerStatus());
            last.set(result);
            return !(result instanceof PollResult.Pending);
        });
        return last.get();
    }

    private static JobSpec spec(String yaml) {
        return SPECS.read(yaml.getBytes(StandardCharsets.UTF_8), SpecReader.Format.YAML, "test spec");
    }
}
