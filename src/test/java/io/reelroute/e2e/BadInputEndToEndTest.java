package io.reelroute.e2e;

import static io.reelroute.support.Workspaces.resultsBySource;
import static io.reelroute.support.Workspaces.usageLines;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.reelroute.Application;
import io.reelroute.support.TestImages;
import io.reelroute.support.Workspaces;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.junit.jupiter.api.Test;

/**
 * The bad-input corpus of issue 2, dropped all at once beside one good file: every bad input ends in
 * rejected/ with the CONTRACT error code, the field and an actionable message; nothing is charged, nothing
 * is lost, and the good file still becomes a clip.
 */
@CamelMainTest(mainClass = Application.class,
        propertyPlaceholderLocations = "file:config/application.properties",
        properties = {
            "reelroute.home=target/e2e/bad-input",
            "reelroute.inbox.poll-ms=100",
            "reelroute.inbox.stable-ms=300",
            "reelroute.inbox.sidecar-grace-ms=600",
            "reelroute.inbox.orphan-sidecar-ms=1000",
            "reelroute.dispatch.period-ms=100",
            "reelroute.dispatch.delay-ms=100"
        })
class BadInputEndToEndTest {
    private static final Path HOME = Workspaces.fresh("target/e2e/bad-input");

    private record Expect(String error, String field, String messagePart) {
    }

    @Test
    void everyBadInputIsRejectedWithAnActionableReasonAndTheGoodOneCompletes() throws Exception {
        Path staging = Files.createDirectories(HOME.resolve("staging"));
        Path media = Files.createDirectories(staging.resolve("media"));
        Files.copy(Path.of("samples/test-card.png"), media.resolve("face.png"));
        Path outside = Files.copy(Path.of("samples/test-card.png"), HOME.resolve("outside.png"));
        byte[] png = Files.readAllBytes(Path.of("samples/test-card.png"));

        Map<String, Expect> expected = new LinkedHashMap<>();
        Files.write(staging.resolve("empty.png"), new byte[0]);
        expected.put("empty.png", new Expect("invalid_input", "image", "empty"));
        Files.write(staging.resolve("truncated.png"), Arrays.copyOf(png, png.length / 3));
        expected.put("truncated.png", new Expect("invalid_input", "image", "damaged"));
        Files.writeString(staging.resolve("letter.png"), "Dear reelroute, this is not a picture.");
        expected.put("letter.png", new Expect("invalid_input", "image", "not a PNG, JPEG or WebP"));
        TestImages.hugePng(staging.resolve("huge.png"), 20000, 20000);
        expected.put("huge.png", new Expect("invalid_input", "image", "20000x20000"));
        Files.copy(Path.of("samples/test-card.png"), staging.resolve("broken-sidecar.png"));
        Files.writeString(staging.resolve("broken-sidecar.json"), "{\"prompt\": \"pan left\", ");
        expected.put("broken-sidecar.png", new Expect("invalid_input", null, "broken-sidecar.json"));
        expected.put("broken-sidecar.json", new Expect("invalid_input", null, "broken-sidecar.json"));
        Files.writeString(staging.resolve("bad-yaml.job.yaml"), "prompt: [unclosed\nduration: 5\n");
        expected.put("bad-yaml.job.yaml", new Expect("invalid_input", null, "line"));
        Files.writeString(staging.resolve("typo.job.json"), "{\"prompt\": \"x\", \"durration\": 5}");
        expected.put("typo.job.json", new Expect("unknown_field", "durration", "durration"));
        Files.writeString(staging.resolve("no-such-model.job.json"), "{\"prompt\": \"x\", \"model\": \"sora-9\"}");
        expected.put("no-such-model.job.json", new Expect("unknown_model", "model", "sora-9"));
        Files.writeString(staging.resolve("too-long.job.json"), "{\"prompt\": \"x\", \"duration\": 45}");
        expected.put("too-long.job.json", new Expect("unsupported_parameter", "duration", "45"));
        Files.writeString(staging.resolve("too-sharp.job.json"), "{\"prompt\": \"x\", \"resolution\": \"4k\"}");
        expected.put("too-sharp.job.json", new Expect("unsupported_parameter", "resolution", "4k"));
        Files.writeString(staging.resolve("mute.job.json"),
                "{\"operation\": \"talking-avatar\", \"image\": \"media/face.png\"}");
        expected.put("mute.job.json", new Expect("missing_input", "audio", "audio"));
        Files.writeString(staging.resolve("escape.job.json"), "{\"image\": \"../../etc/passwd\"}");
        expected.put("escape.job.json", new Expect("invalid_input", "image", "outside"));
        Files.createSymbolicLink(Files.createDirectories(HOME.resolve("inbox/media")).resolve("link.png"), outside);
        Files.writeString(staging.resolve("linked.job.json"), "{\"image\": \"media/link.png\"}");
        expected.put("linked.job.json", new Expect("invalid_input", "image", "symbolic link"));
        Files.writeString(staging.resolve("remote.job.json"), "{\"image\": \"media/face.png\", \"model\": \"wan-2.5\"}");
        expected.put("remote.job.json", new Expect("provider_unavailable", null, "wan-2.5"));
        Files.writeString(staging.resolve("notes.txt"), "remember to buy milk");
        expected.put("notes.txt", new Expect("invalid_input", null, "not something the inbox takes"));
        Files.copy(Path.of("samples/test-card.png"), staging.resolve("Zoë på stranden.png"));

        Workspaces.copyTree(staging, HOME.resolve("inbox"));

        await().atMost(Duration.ofMinutes(2)).until(() ->
                expected.keySet().stream().allMatch(name -> Files.exists(HOME.resolve("rejected/" + name + ".error.json")))
                        && resultsBySource(HOME).containsKey("inbox:Zoë på stranden.png"));

        expected.forEach((name, expect) -> {
            assertThat(HOME.resolve("rejected/" + name)).as(name + " is kept in rejected/").exists();
            assertThat(HOME.resolve("inbox/" + name)).as(name + " left the inbox").doesNotExist();
            JsonNode error = Workspaces.read(HOME.resolve("rejected/" + name + ".error.json"));
            assertThat(error.get("source").asText()).as(name).startsWith("inbox:");
            assertThat(error.get("error").asText()).as(name + ": " + error).isEqualTo(expect.error());
            if (expect.field() != null) {
                assertThat(error.get("field").asText()).as(name + ": " + error).isEqualTo(expect.field());
            }
            assertThat(error.get("message").asText()).as(name + ": " + error).contains(expect.messagePart());
        });

        JsonNode good = resultsBySource(HOME).get("inbox:Zoë på stranden.png");
        assertThat(good.get("status").asText()).isEqualTo("completed");
        assertThat(HOME.resolve("output").resolve(good.get("job_id").asText()).resolve("video.mp4")).isNotEmptyFile();
        assertThat(usageLines(HOME)).as("only the good input was a job").hasSize(1);
        assertThat(resultsBySource(HOME)).hasSize(1);
    }
}
