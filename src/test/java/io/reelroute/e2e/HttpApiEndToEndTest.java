package io.reelroute.e2e;

import static io.reelroute.support.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.reelroute.Application;
import io.reelroute.api.EventStreams;
import io.reelroute.notify.ResultNotifier;
import io.reelroute.store.JobStore;
import io.reelroute.support.ApiClient;
import io.reelroute.support.TestConfigs;
import io.reelroute.support.Workspaces;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.apache.camel.BeanInject;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The HTTP API against a running service, over real HTTP: submit (data URIs), status, list, video with ranges,
 * estimate, models, usage, cancel and resume, health, the OpenAPI document; every error reply; auth and the
 * isolation of one user's jobs from another's.
 */
@CamelMainTest(mainClass = Application.class,
        propertyPlaceholderLocations = "file:config/application.properties",
        properties = {
            "reelroute.home=target/e2e/api",
            "reelroute.config.plans=target/e2e/api-config/plans.yaml",
            "reelroute.http.max-upload-mb=1",
            "reelroute.http.max-body-bytes=2000000",
            "reelroute.http.max-event-streams=2",
            "reelroute.notify.secret=test-secret",
            "reelroute.notify.backoff-ms=100",
            "reelroute.dispatch.period-ms=100",
            "reelroute.dispatch.delay-ms=100"
        })
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HttpApiEndToEndTest {
    private static final Path HOME = Workspaces.fresh("target/e2e/api");
    private static final int PORT = ApiClient.freePort();
    private static final String PORT_BEFORE;

    static {
        TestConfigs.apiPlans(Path.of("target/e2e/api-config/plans.yaml"));
        // the port is only known now; a system property overrides config/application.properties
        PORT_BEFORE = System.setProperty("reelroute.http.port", Integer.toString(PORT));
    }

    @BeanInject
    JobStore jobs;

    @BeanInject
    EventStreams eventStreams;

    private final ApiClient api = new ApiClient(PORT);

    @AfterAll
    void restorePort() {
        if (PORT_BEFORE == null) {
            System.clearProperty("reelroute.http.port");
        } else {
            System.setProperty("reelroute.http.port", PORT_BEFORE);
        }
    }

    @Test
    void aJobPostedAsJsonWithADataUriIsMadeAndCanBeWatchedListedAndDownloaded() throws IOException {
        HttpResponse<byte[]> posted = api.post("/api/jobs", "alice-key", """
                {"model": "local-preview", "image": "%s", "prompt": "slow pan right", "duration": 2,
                 "user_id": "bob"}""".formatted(dataUri("samples/test-card.png", "image/png")));
        assertThat(posted.statusCode()).as(new String(posted.body())).isEqualTo(202);
        JsonNode accepted = json(posted);
        String id = accepted.get("job_id").asText();
        assertThat(accepted.get("status").asText()).isEqualTo("queued");
        assertThat(accepted.get("estimate_usd").decimalValue()).isZero();
        assertThat(jobs.find(id).orElseThrow().userId()).as("the key's owner, never the spec's user_id")
                .isEqualTo("alice");
        assertThat(uploadFolders()).as("decoded uploads are deleted once the job is recorded").isEmpty();

        JsonNode done = await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200))
                .until(() -> json(api.get("/api/jobs/" + id, "alice-key")),
                        view -> view.has("result")); // written a moment after the status turns final
        assertThat(done.get("status").asText()).as(done.toString()).isEqualTo("completed");
        assertThat(done.get("progress").asInt()).isEqualTo(100);
        assertThat(done.get("source").asText()).isEqualTo("http");
        assertThat(done.get("timeline").findValuesAsText("stage")).contains("received", "accepted");
        assertThat(done.get("result").get("status").asText()).isEqualTo("completed");
        assertThat(done.get("result").get("duration_s").asDouble()).isBetween(1.9, 2.1);

        // another user's job does not exist for them
        assertThat(api.get("/api/jobs/" + id, "bob-key").statusCode()).isEqualTo(404);
        assertThat(json(api.get("/api/jobs/" + id, "bob-key")).get("error").asText()).isEqualTo("not_found");
        assertThat(api.get("/api/jobs/" + id + "/video", "bob-key").statusCode()).isEqualTo(404);
        assertThat(api.post("/api/jobs/" + id + "/cancel", "bob-key", "").statusCode()).isEqualTo(404);
        assertThat(json(api.get("/api/jobs", "bob-key")).get("jobs").findValuesAsText("job_id")).doesNotContain(id);

        // the list: the caller's, newest first, filtered by status, limited
        String second = json(api.post("/api/jobs", "alice-key", "{\"prompt\": \"A title card\", \"duration\": 1}"))
                .get("job_id").asText();
        List<String> listed = json(api.get("/api/jobs", "alice-key")).get("jobs").findValuesAsText("job_id");
        assertThat(listed.indexOf(second)).isLessThan(listed.indexOf(id));
        assertThat(json(api.get("/api/jobs?limit=1", "alice-key")).get("jobs")).hasSize(1);
        assertThat(json(api.get("/api/jobs?status=completed", "alice-key")).get("jobs").findValuesAsText("status"))
                .isNotEmpty().allMatch("completed"::equals);
        assertError(api.get("/api/jobs?status=done", "alice-key"), 400, "invalid_input", "status");
        assertError(api.get("/api/jobs?limit=0", "alice-key"), 400, "invalid_input", "limit");

        // cancelling a finished job is a conflict; so is resuming a completed one
        assertError(api.post("/api/jobs/" + id + "/cancel", "alice-key", ""), 409, "conflict", "job_id");
        assertError(api.post("/api/jobs/" + id + "/resume", "alice-key", ""), 409, "conflict", "job_id");

        videoWithRanges(id);
    }

    private void videoWithRanges(String id) throws IOException {
        byte[] file = Files.readAllBytes(HOME.resolve("output").resolve(id).resolve("video.mp4"));
        HttpResponse<byte[]> whole = api.get("/api/jobs/" + id + "/video", "alice-key");
        assertThat(whole.statusCode()).isEqualTo(200);
        assertThat(whole.headers().firstValue("Content-Type")).hasValue("video/mp4");
        assertThat(whole.headers().firstValue("Accept-Ranges")).hasValue("bytes");
        assertThat(whole.body()).isEqualTo(file);

        HttpResponse<byte[]> first = api.get("/api/jobs/" + id + "/video", "alice-key", "Range", "bytes=0-99");
        assertThat(first.statusCode()).isEqualTo(206);
        assertThat(first.headers().firstValue("Content-Range")).hasValue("bytes 0-99/" + file.length);
        assertThat(first.body()).isEqualTo(Arrays.copyOfRange(file, 0, 100));

        HttpResponse<byte[]> middle = api.get("/api/jobs/" + id + "/video", "alice-key", "Range", "bytes=1000-");
        assertThat(middle.statusCode()).isEqualTo(206);
        assertThat(middle.body()).isEqualTo(Arrays.copyOfRange(file, 1000, file.length));

        HttpResponse<byte[]> tail = api.get("/api/jobs/" + id + "/video", "alice-key", "Range", "bytes=-10");
        assertThat(tail.body()).isEqualTo(Arrays.copyOfRange(file, file.length - 10, file.length));

        HttpResponse<byte[]> beyond = api.get("/api/jobs/" + id + "/video", "alice-key", "Range",
                "bytes=" + file.length + "-");
        assertError(beyond, 416, "invalid_input", "Range");
        assertThat(beyond.headers().firstValue("Content-Range")).hasValue("bytes */" + file.length);
        assertError(api.get("/api/jobs/" + id + "/video", "alice-key", "Range", "bytes=0-1,5-9"),
                416, "invalid_input", "Range");
    }

    @Test
    void multipartRequestsCarryTheSpecAndTheFilesAsParts() throws IOException {
        byte[] png = Files.readAllBytes(Path.of("samples/test-card.png"));
        HttpResponse<byte[]> posted = api.postMultipart("/api/jobs", "bob-key",
                new ApiClient.Part("spec", null, null, "{\"model\": \"local-preview\", \"duration\": 1}"
                        .getBytes(StandardCharsets.UTF_8)),
                new ApiClient.Part("image", "card.png", "image/png", png));
        assertThat(posted.statusCode()).as(new String(posted.body(), StandardCharsets.UTF_8)).isEqualTo(202);
        String id = json(posted).get("job_id").asText();
        assertThat(jobs.inputs(id)).singleElement().satisfies(input -> {
            assertThat(input.role()).isEqualTo("image");
            assertThat(input.sha256()).isEqualTo(io.reelroute.files.Hashing.sha256(png));
        });
        assertThat(uploadFolders()).as("file parts are moved, then deleted with the request's folder").isEmpty();

        // the spec as a file part, with an audio part: the estimate of a talking avatar as long as its audio
        JsonNode estimate = json(api.postMultipart("/api/estimate", "bob-key",
                new ApiClient.Part("spec", "spec.json", "application/json",
                        "{\"operation\": \"talking-avatar\", \"model\": \"local-preview\"}".getBytes(StandardCharsets.UTF_8)),
                new ApiClient.Part("image", "host.png", "image/png", Files.readAllBytes(Path.of("samples/media/host.png"))),
                new ApiClient.Part("audio", "voice.m4a", "audio/mp4",
                        Files.readAllBytes(Path.of("samples/media/voice.m4a")))));
        assertThat(estimate.get("operation").asText()).as(estimate.toString()).isEqualTo("talking-avatar");
        assertThat(estimate.get("billed_seconds").asDouble()).isBetween(3.5, 4.5);

        assertError(api.postMultipart("/api/jobs", "bob-key", new ApiClient.Part("image", "card.png", "image/png", png)),
                400, "invalid_input", "spec");
        assertError(api.postMultipart("/api/jobs", "bob-key",
                new ApiClient.Part("spec", null, null, "{}".getBytes(StandardCharsets.UTF_8)),
                new ApiClient.Part("picture", "card.png", "image/png", png)), 400, "unknown_field", "picture");
        assertError(api.postMultipart("/api/jobs", null, new ApiClient.Part("image", "card.png", "image/png", png)),
                401, "unauthorized", "Authorization");
        assertThat(uploadFolders()).as("a refused request's parts are deleted").isEmpty();
    }

    private static boolean isEmpty(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.findAny().isEmpty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void eventsStreamTheProgressUntilTheJobEnds() {
        String id = json(api.post("/api/jobs", "bob-key", "{\"prompt\": \"Streamed\", \"duration\": 1}"))
                .get("job_id").asText();
        HttpResponse<Stream<String>> stream = api.lines("/api/jobs/" + id + "/events", "bob-key");
        assertThat(stream.statusCode()).isEqualTo(200);
        assertThat(stream.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("text/event-stream"));
        List<String> lines = stream.body().toList(); // ends when the job does
        assertThat(lines).contains("event: progress").endsWith("event: done", "data: " + lines.get(lines.size() - 2)
                .substring(6), "");
        JsonNode last = ApiClient.json(lines.get(lines.size() - 2).substring(6));
        assertThat(last.get("status").asText()).isEqualTo("completed");
        assertThat(last.get("result").get("job_id").asText()).isEqualTo(id);
        assertThat(api.lines("/api/jobs/" + id + "/events", "alice-key").statusCode()).isEqualTo(404);
    }

    @Test
    void eventsArriveAsTheyHappenAndAStreamEndsWhenItsClientLeaves() throws Exception {
        // the plan of "stuck" runs no job at once: its job stays queued, so its stream has no end of its own
        String id = json(api.post("/api/jobs", "stuck-key", "{\"prompt\": \"Watched\", \"duration\": 1}"))
                .get("job_id").asText();
        HttpResponse<InputStream> first = api.stream("/api/jobs/" + id + "/events", "stuck-key");
        BufferedReader reader = new BufferedReader(new InputStreamReader(first.body(), StandardCharsets.UTF_8));
        // each frame is sent as it is made, not when enough of them fill a buffer
        List<String> frame = CompletableFuture.supplyAsync(() -> List.of(readLine(reader), readLine(reader)))
                .get(20, TimeUnit.SECONDS);
        assertThat(frame.get(0)).isEqualTo("event: progress");
        assertThat(ApiClient.json(frame.get(1).substring(6)).get("status").asText()).isEqualTo("queued");
        assertThat(eventStreams.open()).isEqualTo(1);

        HttpResponse<InputStream> second = api.stream("/api/jobs/" + id + "/events", "stuck-key");
        assertThat(second.statusCode()).isEqualTo(200);
        // reelroute.http.max-event-streams=2 here: a third is refused while two are open
        HttpResponse<byte[]> third = api.get("/api/jobs/" + id + "/events", "stuck-key");
        assertError(third, 429, "too_many_requests", null);
        assertThat(ApiClient.json(third).get("message").asText()).contains("reelroute.http.max-event-streams");

        first.body().close();
        second.body().close();
        await().atMost(Duration.ofSeconds(10)).until(() -> eventStreams.open() == 0);
        assertThat(api.stream("/api/jobs/" + id + "/events", "stuck-key").statusCode())
                .as("a departed client's stream is free for another").isEqualTo(200);
        assertThat(api.post("/api/jobs/" + id + "/cancel", "stuck-key", "").statusCode()).isEqualTo(200);
    }

    private static String readLine(BufferedReader reader) {
        try {
            return reader.readLine();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void aBodyOverTheServersCapIsCutOffWith413AndLeavesNothingOnDisk() {
        int bobsJobs = jobs.ofUser("bob", null, 200).size();
        // 3 MB of file part against reelroute.http.max-body-bytes=2000000: refused while it arrives
        HttpResponse<byte[]> refused = api.postMultipart("/api/jobs", "bob-key",
                new ApiClient.Part("spec", null, null, "{\"duration\": 1}".getBytes(StandardCharsets.UTF_8)),
                new ApiClient.Part("image", "huge.png", "image/png", new byte[3_000_000]));
        assertError(refused, 413, "invalid_input", null);
        assertThat(ApiClient.json(refused).get("message").asText()).contains("reelroute.http.max-body-bytes");
        assertThat(uploadFolders()).isEmpty();
        assertThat(partsOnDisk()).as("no part of the refused body stays on disk").isEmpty();
        assertThat(jobs.ofUser("bob", null, 200)).hasSize(bobsJobs);
    }

    private static List<Path> partsOnDisk() {
        Path parts = HOME.resolve("state/uploads/parts");
        if (!Files.isDirectory(parts)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(parts)) {
            return files.filter(Files::isRegularFile).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void theNotifyUrlGetsTheSignedResultAgainAfterAFailure() throws IOException {
        List<String> signatures = new CopyOnWriteArrayList<>();
        List<byte[]> bodies = new CopyOnWriteArrayList<>();
        AtomicInteger calls = new AtomicInteger();
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hook", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            // the first call fails, so the result must come again
            int status = calls.incrementAndGet() == 1 ? 503 : 204;
            if (status == 204) {
                bodies.add(body);
                signatures.add(exchange.getRequestHeaders().getFirst("X-Reelroute-Signature"));
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        receiver.start();
        try {
            String id = json(api.post("/api/jobs", "alice-key", "{\"prompt\": \"Hooked\", \"duration\": 1,"
                    + " \"notify_url\": \"http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook\"}"))
                    .get("job_id").asText();
            await().atMost(Duration.ofSeconds(60)).until(() -> !bodies.isEmpty());
            JsonNode result = ApiClient.json(new String(bodies.get(0), StandardCharsets.UTF_8));
            assertThat(result.get("job_id").asText()).isEqualTo(id);
            assertThat(result.get("status").asText()).isEqualTo("completed");
            assertThat(signatures.get(0)).isEqualTo(ResultNotifier.signature(
                    "test-secret".getBytes(StandardCharsets.UTF_8), bodies.get(0)));
            assertThat(calls.get()).isEqualTo(2);
            await().atMost(Duration.ofSeconds(10)).until(() -> json(api.get("/api/jobs/" + id, "alice-key"))
                    .get("timeline").findValuesAsText("stage").contains("notify"));
        } finally {
            receiver.stop(0);
        }
    }

    @Test
    void callsWithoutAKnownKeyAre401AndTheKeyIsNeverEchoed() {
        assertError(api.get("/api/models", null), 401, "unauthorized", "Authorization");
        HttpResponse<byte[]> bad = api.get("/api/jobs", "not-a-key");
        assertError(bad, 401, "unauthorized", "Authorization");
        assertThat(new String(bad.body(), StandardCharsets.UTF_8)).doesNotContain("not-a-key");
        HttpResponse<byte[]> good = api.get("/api/models", "alice-key");
        assertThat(good.statusCode()).isEqualTo(200);
        good.headers().map().forEach((name, values) -> assertThat(values).as(name)
                .noneMatch(v -> v.contains("alice-key")));
        assertThat(good.headers().firstValue("Authorization")).isEmpty();
    }

    @Test
    void healthIsOpenAndSaysWhichProvidersCanTakeJobs() {
        HttpResponse<byte[]> health = api.get("/health", null);
        assertThat(health.statusCode()).isEqualTo(200);
        JsonNode body = json(health);
        assertThat(body.get("status").asText()).isEqualTo("UP");
        assertThat(body.at("/providers/local/available").asBoolean()).isTrue();
        assertThat(body.at("/providers/wavespeed/available").asBoolean()).isFalse();
        assertThat(body.at("/providers/wavespeed/reason").asText()).contains("WAVESPEED_API_KEY");
    }

    @Test
    void theCatalogAndTheOpenApiDocument() {
        JsonNode models = json(api.get("/api/models", "bob-key")).get("models");
        JsonNode local = Stream.of(models).flatMap(m -> {
            List<JsonNode> all = new ArrayList<>();
            m.forEach(all::add);
            return all.stream();
        }).filter(m -> m.get("id").asText().equals("local-preview")).findFirst().orElseThrow();
        assertThat(local.get("available").asBoolean()).isTrue();
        assertThat(local.get("operations").findValuesAsText("operations")).isEmpty();
        assertThat(local.at("/parameters/duration/max").asInt()).isEqualTo(30);
        assertThat(local.get("pricing")).isNotEmpty();

        HttpResponse<byte[]> doc = api.get("/api-doc", null);
        assertThat(doc.statusCode()).isEqualTo(200);
        assertThat(new String(doc.body(), StandardCharsets.UTF_8)).contains("/api/jobs/{id}/video");
    }

    @Test
    void specErrorsAreJsonWithTheirCodeStatusAndField() {
        assertError(api.post("/api/jobs", "bob-key", "{\"prompt\": \"x\", \"durration\": 2}"),
                400, "unknown_field", "durration");
        assertError(api.post("/api/jobs", "bob-key", "{\"prompt\": "), 400, "invalid_input", null);
        assertError(api.post("/api/jobs", "bob-key", "{\"model\": \"no-such-model\", \"prompt\": \"x\"}"),
                422, "unknown_model", "model");
        assertError(api.post("/api/jobs", "bob-key", "{\"model\": \"local-preview\", \"prompt\": \"x\", \"duration\": 99}"),
                422, "unsupported_parameter", "duration");
        assertError(api.post("/api/jobs", "bob-key", "{\"operation\": \"talking-avatar\", \"model\": \"local-preview\","
                + " \"image\": \"" + dataUri("samples/test-card.png", "image/png") + "\"}"), 422, "missing_input", "audio");
        assertError(api.post("/api/jobs", "bob-key", "{\"image\": \"photo.png\"}"), 400, "invalid_input", "image");
        assertError(api.post("/api/jobs", "bob-key", "{\"image\": \"data:image/png;base64,AAAA\"}"),
                400, "invalid_input", "image");
        assertError(api.post("/api/jobs", "bob-key", "{\"image\": \"data:text/plain;base64,AAAA\"}"),
                400, "invalid_input", "image");
        assertError(api.post("/api/jobs", "bob-key", "{\"model\": \"wan-2.5\", \"image\": \""
                + dataUri("samples/test-card.png", "image/png") + "\"}"), 422, "provider_unavailable", null);
        // larger than reelroute.http.max-upload-mb (1 MB here)
        String big = Base64.getEncoder().encodeToString(new byte[1_200_000]);
        assertError(api.post("/api/jobs", "bob-key", "{\"image\": \"data:image/png;base64," + big + "\"}"),
                413, "invalid_input", null);
        assertThat(uploadFolders()).as("refused requests leave no uploads behind").isEmpty();
    }

    @Test
    void estimatesRecordNothingAndQuotaRefusalsAre429() {
        String spec = "{\"model\": \"local-preview\", \"prompt\": \"A title\", \"duration\": 1}";
        JsonNode estimate = json(api.post("/api/estimate", "once-key", spec));
        assertThat(estimate.get("estimate_usd").decimalValue()).isZero();
        assertThat(estimate.get("within_quota").asBoolean()).isTrue();
        assertThat(estimate.get("model").asText()).isEqualTo("local-preview");
        assertThat(jobs.ofUser("once", null, 10)).as("an estimate records nothing").isEmpty();

        assertThat(api.post("/api/jobs", "once-key", spec).statusCode()).isEqualTo(202);
        String another = "{\"model\": \"local-preview\", \"prompt\": \"Another title\", \"duration\": 1}";
        JsonNode over = json(api.post("/api/estimate", "once-key", another));
        assertThat(over.get("within_quota").asBoolean()).isFalse();
        assertThat(over.get("quota_message").asText()).contains("daily");
        assertError(api.post("/api/jobs", "once-key", another), 429, "quota_exceeded", null);
        assertError(api.post("/api/estimate", "once-key", "{\"model\": \"wan-2.5\", \"prompt\": \"x\"}"),
                422, "unsupported_parameter", "operation");
    }

    @Test
    void aQueuedJobIsCancelledOnceAndCannotBeResumed() {
        // the plan of "stuck" runs no job at once, so its jobs stay queued
        String id = json(api.post("/api/jobs", "stuck-key", "{\"prompt\": \"Wait\", \"duration\": 1}"))
                .get("job_id").asText();
        HttpResponse<byte[]> cancelled = api.post("/api/jobs/" + id + "/cancel", "stuck-key", "");
        assertThat(cancelled.statusCode()).as(new String(cancelled.body())).isEqualTo(200);
        assertThat(json(cancelled).get("status").asText()).isEqualTo("cancelled");
        assertThat(json(cancelled).at("/error/code").asText()).isEqualTo("cancelled");
        assertError(api.post("/api/jobs/" + id + "/cancel", "stuck-key", ""), 409, "conflict", "job_id");
        assertError(api.post("/api/jobs/" + id + "/resume", "stuck-key", ""), 409, "conflict", "job_id");
        assertError(api.get("/api/jobs/" + id + "/video", "stuck-key"), 409, "conflict", "job_id");
        assertError(api.get("/api/jobs/nope", "stuck-key"), 404, "not_found", "job_id");
    }

    @Test
    void usageOfAMonthWithTheQuota() {
        String id = json(api.post("/api/jobs", "bob-key", "{\"prompt\": \"Usage\", \"duration\": 1}"))
                .get("job_id").asText();
        await().atMost(Duration.ofSeconds(60)).until(() -> json(api.get("/api/usage", "bob-key")).get("lines")
                .findValuesAsText("job_id").contains(id));
        JsonNode usage = json(api.get("/api/usage", "bob-key"));
        assertThat(usage.get("lines").findValuesAsText("user_id")).containsOnly("bob");
        assertThat(usage.at("/quota/budget_usd").decimalValue()).isEqualByComparingTo("50");
        assertThat(usage.at("/quota/remaining_usd").decimalValue()).isEqualByComparingTo("50");
        JsonNode old = json(api.get("/api/usage?month=2020-01", "bob-key"));
        assertThat(old.get("jobs").asInt()).isZero();
        assertThat(old.has("quota")).isFalse();
        assertError(api.get("/api/usage?month=November", "bob-key"), 400, "invalid_input", "month");
    }

    @Test
    void aStoryPostedWithDataUrisIsMadeForTheKeysOwnerAndOnlyThemToSee() {
        HttpResponse<byte[]> posted = api.post("/api/stories", "alice-key", """
                {"title": "Over HTTP", "model": "local-preview", "resolution": "480p", "user_id": "bob",
                 "shots": [ {"id": "a", "image": "%s", "prompt": "zoom in", "duration": 1},
                            {"id": "b", "prompt": "pan left", "duration": 1} ],
                 "export": {"stills_preview": false}}""".formatted(dataUri("samples/test-card.png", "image/png")));
        assertThat(posted.statusCode()).as(new String(posted.body(), StandardCharsets.UTF_8)).isEqualTo(202);
        String id = json(posted).get("story_id").asText();
        assertThat(uploadFolders()).as("the story keeps its own copies; the decoded uploads are deleted").isEmpty();

        JsonNode story = await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200))
                .until(() -> json(api.get("/api/stories/" + id, "alice-key")),
                        view -> !view.path("status").asText().equals("running"));
        assertThat(story.get("status").asText()).as(story.toString()).isEqualTo("completed");
        assertThat(story.get("user_id").asText()).as("the key's owner, never the story's user_id").isEqualTo("alice");
        assertThat(story.get("source").asText()).isEqualTo("http");
        assertThat(story.get("shots").findValuesAsText("input")).containsExactly("image", "last-frame");
        assertThat(HOME.resolve("output").resolve(id).resolve("final.mp4")).isNotEmptyFile();

        assertError(api.get("/api/stories/" + id, "bob-key"), 404, "not_found", null);
        assertThat(api.get("/api/stories/" + id, null).statusCode()).isEqualTo(401);
        assertError(api.post("/api/stories", "alice-key", """
                {"model": "local-preview", "shots": [ {"image": "media/x.png", "prompt": "p"} ]}"""), 400,
                "invalid_input", null);
    }

    @Test
    void aBatchPostedAsCsvRunsForTheKeysOwnerAndABadRowRefusesIt() throws IOException {
        HttpResponse<byte[]> posted = api.post("/api/batches", "alice-key", "text/csv", """
                row_id,prompt,duration,user_id
                one,"A title, with a comma",1,bob
                two,Another title,1,
                """);
        assertThat(posted.statusCode()).as(new String(posted.body(), StandardCharsets.UTF_8)).isEqualTo(202);
        String id = json(posted).get("batch_id").asText();
        assertThat(json(posted).get("rows").asInt()).isEqualTo(2);
        assertThat(json(posted).get("status").asText()).isEqualTo("importing");

        JsonNode batch = await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200))
                .until(() -> json(api.get("/api/batches/" + id, "alice-key")),
                        view -> view.get("results").size() == 2 && view.get("results").findValuesAsText("status")
                                .stream().allMatch("completed"::equals));
        assertThat(batch.get("estimate").get("total_usd").decimalValue()).isZero();
        for (String job : batch.get("results").findValuesAsText("job_id")) {
            assertThat(jobs.find(job).orElseThrow().userId()).as("the key's owner, never a row's user_id")
                    .isEqualTo("alice");
        }
        assertError(api.get("/api/batches/" + id, "bob-key"), 404, "not_found", null);
        assertThat(HOME.resolve("archive").resolve(id).resolve(id + ".csv")).as("the posted CSV is archived").exists();
        try (Stream<Path> staged = Files.list(HOME.resolve("state/api-batches"))) {
            assertThat(staged.map(f -> f.getFileName().toString())).noneMatch(name -> name.endsWith(".csv"));
        }

        // alice's results.csv posted by bob: bob may not run alice's rows (nor see what they make)
        String results = Files.readString(HOME.resolve("output").resolve(id).resolve("results.csv"));
        String stolen = json(api.post("/api/batches", "bob-key", "text/csv", results)).get("batch_id").asText();
        JsonNode refusedToBob = awaitBatch(stolen, "bob-key", "rejected");
        assertThat(refusedToBob.at("/error/message").asText()).contains("not yours");

        // a bad row rejects the whole batch, at no cost; the CSV and its reason are in rejected/
        HttpResponse<byte[]> withBadRow = api.post("/api/batches", "alice-key", "text/csv", """
                row_id,prompt,model
                good,A title,local-preview
                bad,A title,no-such-model
                """);
        assertThat(withBadRow.statusCode()).isEqualTo(202);
        String badId = json(withBadRow).get("batch_id").asText();
        JsonNode refused = awaitBatch(badId, "alice-key", "rejected");
        assertThat(refused.at("/error/error").asText()).isEqualTo("unknown_model");
        assertThat(refused.at("/error/message").asText()).contains("row bad").contains("nothing was submitted");
        assertThat(refused.at("/estimate/rows")).hasSize(2);
        assertThat(HOME.resolve("rejected").resolve(badId + ".csv")).exists();
        assertThat(jobs.ofUser("alice", null, 200)).noneMatch(job -> job.source().contains(badId));

        // what a process killed after its 202 leaves behind is imported by whichever service runs next
        Path staging = HOME.resolve("state/api-batches");
        Files.writeString(staging.resolve("batch-left-by-a-kill.owner"), "alice");
        Files.writeString(staging.resolve("batch-left-by-a-kill.csv"), "row_id,prompt,duration\nr1,Left behind,1\n");
        JsonNode leftBehind = awaitBatch("batch-left-by-a-kill", "alice-key", "completed");
        assertThat(leftBehind.at("/results/0/status").asText()).isEqualTo("completed");
        assertThat(jobs.find(leftBehind.at("/results/0/job_id").asText()).orElseThrow().userId()).isEqualTo("alice");

        // a body that is no batch at all is refused at once
        assertError(api.post("/api/batches", "alice-key", "text/csv", "row_id,prompt,colour\nr1,A title,red\n"),
                400, "unknown_field", "colour");
    }

    private JsonNode awaitBatch(String id, String key, String status) {
        return await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> json(api.get("/api/batches/" + id, key)), view -> view.get("status").asText().equals(status));
    }

    private static void assertError(HttpResponse<byte[]> response, int status, String error, String field) {
        String text = new String(response.body(), StandardCharsets.UTF_8);
        assertThat(response.statusCode()).as(text).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        JsonNode body = json(response);
        assertThat(body.get("error").asText()).as(text).isEqualTo(error);
        assertThat(body.get("message").asText()).isNotBlank();
        if (field != null) {
            assertThat(body.get("field").asText()).as(text).isEqualTo(field);
        }
    }

    private static String dataUri(String file, String type) {
        try {
            return "data:" + type + ";base64," + Base64.getEncoder().encodeToString(Files.readAllBytes(Path.of(file)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Path> uploadFolders() {
        Path uploads = HOME.resolve("state/uploads");
        if (!Files.isDirectory(uploads)) {
            return List.of();
        }
        try (Stream<Path> folders = Files.list(uploads)) {
            // parts/ is where the server writes file parts first; only what is in it counts
            return folders.filter(dir -> !dir.getFileName().toString().equals("parts") || !isEmpty(dir)).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
