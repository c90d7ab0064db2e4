package io.reelroute.e2e;

import static io.reelroute.support.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.reelroute.notify.NotifyDelivery;
import io.reelroute.notify.NotifyStore;
import io.reelroute.notify.ResultNotifier;
import io.reelroute.store.Database;
import io.reelroute.support.ApiClient;
import io.reelroute.support.ServiceProcess;
import io.reelroute.support.TestConfigs;
import io.reelroute.support.Workspaces;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * notify_url deliveries survive SIGKILL: the service runs in its own JVM, the receiver answers 500, the service
 * is killed once the first call has come, and the receiver then answers 204. After the restart the result
 * arrives, signed, and the delivery is recorded sent exactly once.
 */
class NotifyKillAndResumeTest {
    private static final String SECRET = "restart-secret";

    @Test
    void aDeliveryPendingAtASigkillArrivesSignedAfterTheRestart() throws Exception {
        Path home = Workspaces.fresh("target/e2e/notify-kill");
        Path plans = TestConfigs.apiPlans(home.resolve("config/plans.yaml"));
        Path log = home.resolve("service.log");
        AtomicBoolean accepting = new AtomicBoolean(false);
        AtomicInteger refused = new AtomicInteger();
        List<byte[]> bodies = new CopyOnWriteArrayList<>();
        List<String> signatures = new CopyOnWriteArrayList<>();
        List<String> jobHeaders = new CopyOnWriteArrayList<>();
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hook", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            if (accepting.get()) {
                bodies.add(body);
                signatures.add(exchange.getRequestHeaders().getFirst("X-Reelroute-Signature"));
                jobHeaders.add(exchange.getRequestHeaders().getFirst("X-Reelroute-Job"));
                exchange.sendResponseHeaders(204, -1);
            } else {
                refused.incrementAndGet();
                exchange.sendResponseHeaders(500, -1);
            }
            exchange.close();
        });
        receiver.start();
        String hook = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
        String id;
        try {
            int port = ApiClient.freePort();
            ServiceProcess first = ServiceProcess.start(properties(home, plans, port), log);
            try {
                ApiClient api = ready(port);
                id = json(api.post("/api/jobs", "alice-key", "{\"prompt\": \"Hooked\", \"duration\": 1,"
                        + " \"notify_url\": \"" + hook + "?token=hush-hush\"}")).get("job_id").asText();
                await().atMost(Duration.ofMinutes(2)).until(() -> refused.get() >= 1);
            } finally {
                first.kill();
            }
            accepting.set(true);

            int secondPort = ApiClient.freePort();
            try (ServiceProcess second = ServiceProcess.start(properties(home, plans, secondPort), log)) {
                ApiClient api = ready(secondPort);
                await().atMost(Duration.ofMinutes(1)).until(() -> !bodies.isEmpty());
                await().atMost(Duration.ofSeconds(30)).until(() -> notifyEvents(api, id).stream()
                        .anyMatch(e -> e.startsWith("result sent to " + hook + " (answered 204")));
                List<String> events = notifyEvents(api, id);
                assertThat(events).filteredOn(e -> e.startsWith("result sent")).hasSize(1);
                assertThat(String.join("\n", events)).doesNotContain("hush-hush");
            }
        } finally {
            receiver.stop(0);
        }

        byte[] result = Files.readAllBytes(home.resolve("output").resolve(id).resolve("result.json"));
        assertThat(bodies).singleElement().isEqualTo(result);
        assertThat(json(new String(result, StandardCharsets.UTF_8)).get("status").asText()).isEqualTo("completed");
        assertThat(jobHeaders).containsExactly(id);
        assertThat(signatures).containsExactly(ResultNotifier.signature(SECRET.getBytes(StandardCharsets.UTF_8),
                result));
        try (Database db = new Database("jdbc:h2:file:" + home.resolve("state/db/reelroute") + ";WRITE_DELAY=0",
                "sa", "", 2)) {
            assertThat(new NotifyStore(db, new ObjectMapper(), Clock.systemUTC()).ofJob(id)).singleElement()
                    .satisfies(d -> {
                        assertThat(d.state()).isEqualTo(NotifyDelivery.State.SENT);
                        assertThat(d.lastOutcome()).isEqualTo("answered 204");
                        // every refused call counted, unless the kill came before the last one was recorded
                        assertThat(d.attempts()).isBetween(refused.get(), refused.get() + 1);
                    });
        }
        String serviceLog = Files.readString(log);
        assertThat(serviceLog).doesNotContain(SECRET).doesNotContain("hush-hush");
    }

    private static Map<String, String> properties(Path home, Path plans, int port) {
        return Map.of(
                "reelroute.home", home.toString(),
                "reelroute.config.plans", plans.toString(),
                "reelroute.http.port", Integer.toString(port),
                "reelroute.notify.secret", SECRET,
                "reelroute.notify.attempts", "30",
                "reelroute.notify.backoff-ms", "200",
                "reelroute.notify.period-ms", "100",
                "reelroute.notify.timeout-ms", "2000",
                "reelroute.dispatch.period-ms", "100",
                "reelroute.dispatch.delay-ms", "100");
    }

    private static ApiClient ready(int port) {
        ApiClient api = new ApiClient(port);
        await().atMost(Duration.ofMinutes(2)).ignoreExceptions()
                .until(() -> api.get("/health", null).statusCode() == 200);
        return api;
    }

    private static List<String> notifyEvents(ApiClient api, String id) {
        JsonNode timeline = json(api.get("/api/jobs/" + id, "alice-key")).get("timeline");
        return java.util.stream.StreamSupport.stream(timeline.spliterator(), false)
                .filter(e -> "notify".equals(e.path("stage").asText())).map(e -> e.path("detail").asText()).toList();
    }
}
