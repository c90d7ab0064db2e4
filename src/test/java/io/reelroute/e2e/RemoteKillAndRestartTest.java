package io.reelroute.e2e;

import static io.reelroute.support.Workspaces.results;
import static io.reelroute.support.Workspaces.usageLines;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.reelroute.simulator.FalProtocol;
import io.reelroute.simulator.SimulatorServer;
import io.reelroute.simulator.SimulatorServer.Op;
import io.reelroute.simulator.WaveSpeedProtocol;
import io.reelroute.support.ServiceProcess;
import io.reelroute.support.TestConfigs;
import io.reelroute.support.Workspaces;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * SIGKILL while predictions are running at the providers, then a restart: every job re-attaches to its
 * prediction and completes, with exactly one submit each (nothing paid twice), one usage line each, and no
 * key in the service's log or files.
 */
class RemoteKillAndRestartTest {

    @Test
    void predictionsSurviveASigkillWithExactlyOneSubmitEach() throws Exception {
        Path home = Workspaces.fresh("target/e2e/remote-kill");
        Path config = Workspaces.fresh("target/e2e/remote-kill-config");
        Path log = home.resolve("service.log");
        try (SimulatorServer simulator = RemoteSimulators.start().timing(Duration.ofMillis(50), Duration.ofSeconds(3))) {
            Map<String, String> properties = new LinkedHashMap<>(RemoteSimulators.environment(simulator));
            properties.put("reelroute.home", home.toString());
            properties.put("reelroute.config.models", TestConfigs.catalog(config.resolve("models.yaml"), "0.1", "120", 2)
                    .toString());
            properties.put("reelroute.config.plans", TestConfigs.plans(config.resolve("plans.yaml"), "100").toString());
            properties.put("reelroute.inbox.poll-ms", "100");
            properties.put("reelroute.inbox.stable-ms", "200");
            properties.put("reelroute.dispatch.period-ms", "100");
            properties.put("reelroute.dispatch.delay-ms", "100");
            properties.put("reelroute.poll.period-ms", "50");

            Path media = Files.createDirectories(home.resolve("inbox/media"));
            Files.copy(Path.of("samples/test-card.png"), media.resolve("still.png"));
            for (int i = 0; i < 4; i++) {
                drop(home, "fal-" + i, "{\"model\": \"kling-2.6-pro\", \"image\": \"media/still.png\", \"prompt\": \"fal " + i + "\"}");
            }
            for (int i = 0; i < 2; i++) {
                drop(home, "ws-" + i, "{\"model\": \"wan-2.5\", \"image\": \"media/still.png\", \"prompt\": \"ws " + i
                        + "\", \"resolution\": \"480p\"}");
            }

            ServiceProcess first = ServiceProcess.start(properties, log);
            try {
                // both providers' caps (2 each) are full and the other two fal jobs wait in the queue; once each of
                // the four predictions has been polled, its id is on disk and no submit is in flight until a 3 s
                // generation ends: the kill lands while predictions are running
                await().atMost(Duration.ofMinutes(1)).until(() -> polledPredictions(simulator) == 4);
            } finally {
                first.kill();
            }
            assertThat(results(home)).as("nothing finished before the kill").isEmpty();

            try (ServiceProcess second = ServiceProcess.start(properties, log)) {
                await().atMost(Duration.ofMinutes(2)).until(() -> results(home).size() == 6
                        && usageLines(home).size() == 6);
            }

            assertThat(results(home)).allSatisfy(r -> assertThat(r.get("status").asText()).as(r.toString())
                    .isEqualTo("completed"));
            assertThat(simulator.count(FalProtocol.PROVIDER, Op.SUBMIT)).as("one submit per fal job").isEqualTo(4);
            assertThat(simulator.count(WaveSpeedProtocol.PROVIDER, Op.SUBMIT)).as("one submit per wavespeed job")
                    .isEqualTo(2);
            assertThat(usageLines(home)).extracting(u -> u.get("job_id").asText()).doesNotHaveDuplicates();
            assertThat(Files.readString(log)).contains("reattached", "prediction");
            try (Stream<Path> files = Files.walk(home)) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    String text = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
                    for (String key : RemoteSimulators.KEYS) {
                        assertThat(text).as(file + " must not hold a key").doesNotContain(key);
                    }
                }
            }
        }
    }

    @Test
    void aKillDuringASubmitFailsTheJobInsteadOfSubmittingAgain() throws Exception {
        Path home = Workspaces.fresh("target/e2e/remote-kill-submit");
        Path config = Workspaces.fresh("target/e2e/remote-kill-submit-config");
        Path log = home.resolve("service.log");
        try (SimulatorServer simulator = RemoteSimulators.start()) {
            Map<String, String> properties = new LinkedHashMap<>(RemoteSimulators.environment(simulator));
            properties.put("reelroute.home", home.toString());
            properties.put("reelroute.config.models", TestConfigs.catalog(config.resolve("models.yaml"), "0.1", "120", 2)
                    .toString());
            properties.put("reelroute.config.plans", TestConfigs.plans(config.resolve("plans.yaml"), "100").toString());
            properties.put("reelroute.inbox.stable-ms", "200");
            properties.put("reelroute.dispatch.delay-ms", "100");
            simulator.fault(WaveSpeedProtocol.PROVIDER, Op.SUBMIT,
                    new SimulatorServer.Fault.Delay(Duration.ofSeconds(30)), 1);
            Path media = Files.createDirectories(home.resolve("inbox/media"));
            Files.copy(Path.of("samples/test-card.png"), media.resolve("still.png"));
            drop(home, "slow-submit", "{\"model\": \"wan-2.5\", \"image\": \"media/still.png\", \"prompt\": \"x\","
                    + " \"resolution\": \"480p\"}");

            ServiceProcess first = ServiceProcess.start(properties, log);
            try {
                await().atMost(Duration.ofMinutes(1)).until(() -> simulator.count(WaveSpeedProtocol.PROVIDER, Op.SUBMIT) == 1);
            } finally {
                first.kill();
            }
            try (ServiceProcess second = ServiceProcess.start(properties, log)) {
                await().atMost(Duration.ofMinutes(1)).until(() -> results(home).size() == 1 && usageLines(home).size() == 1);
            }

            var result = results(home).get(0);
            assertThat(result.get("status").asText()).isEqualTo("failed");
            assertThat(result.get("error").get("code").asText()).isEqualTo("provider_failed");
            assertThat(result.get("error").get("message").asText()).contains("does not submit it again");
            assertThat(result.get("cost_usd").decimalValue()).isZero();
            assertThat(simulator.count(WaveSpeedProtocol.PROVIDER, Op.SUBMIT)).as("never submitted twice").isEqualTo(1);
        }
    }

    /** Predictions the service has asked about at least once (so it had recorded them). */
    private static long polledPredictions(SimulatorServer simulator) {
        Stream<SimulatorServer.Recorded> polls = Stream.concat(
                simulator.requests(FalProtocol.PROVIDER, Op.POLL).stream(),
                simulator.requests(WaveSpeedProtocol.PROVIDER, Op.POLL).stream());
        var paths = polls.map(SimulatorServer.Recorded::path).toList();
        return simulator.generations().stream().filter(g -> paths.stream().anyMatch(p -> p.contains(g.id))).count();
    }

    private static void drop(Path home, String name, String json) throws Exception {
        Path staged = Files.writeString(home.resolve(name + ".job.json"), json);
        Files.move(staged, home.resolve("inbox").resolve(name + ".job.json"));
    }
}
