package io.reelroute.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.reelroute.delivery.JobOutcomes;
import io.reelroute.error.ErrorCode;
import io.reelroute.files.Workspace;
import io.reelroute.media.Ffmpeg;
import io.reelroute.media.MediaProbe;
import io.reelroute.quota.Plans;
import io.reelroute.quota.QuotaLedger;
import io.reelroute.quota.UsageLog;
import io.reelroute.store.Database;
import io.reelroute.store.JobEvent;
import io.reelroute.store.JobState;
import io.reelroute.store.JobStore;
import io.reelroute.store.NewJob;
import io.reelroute.store.StoreException;
import io.reelroute.support.MutableClock;
import io.reelroute.support.TestDatabases;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * notify_url deliveries without Camel: recorded with the result flag in one transaction, claimed when due,
 * retried with doubling delays, given up after the last attempt. A real database, a clock moved by hand and a
 * JDK HttpServer as the receiver.
 */
class ResultNotifierTest {
    private static final String SECRET = "s3cret";
    private static final Duration BACKOFF = Duration.ofSeconds(2);
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-21T10:00:00Z"));
    private final Queue<Integer> answers = new ConcurrentLinkedQueue<>();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private Database db;
    private JobStore jobs;
    private Workspace workspace;
    private NotifyStore deliveries;
    private JobOutcomes outcomes;
    private HttpServer receiver;
    private String hook;

    private record Received(String job, String signature, String contentType, byte[] body) {
    }

    @BeforeEach
    void setUp() throws Exception {
        Path plansFile = Files.writeString(dir.resolve("plans.yaml"),
                "plans:\n  p: { monthly_budget_usd: 1, daily_jobs: 9, concurrent_jobs: 1, models: [\"*\"] }\n"
                        + "users:\n  alice: { plan: p }\n");
        db = TestDatabases.h2(dir);
        jobs = new JobStore(db, clock);
        workspace = new Workspace(dir.resolve("home")).create();
        ObjectMapper json = new ObjectMapper();
        deliveries = new NotifyStore(db, json, clock);
        outcomes = outcomes(deliveries::record);
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hook", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            received.add(new Received(exchange.getRequestHeaders().getFirst("X-Reelroute-Job"),
                    exchange.getRequestHeaders().getFirst("X-Reelroute-Signature"),
                    exchange.getRequestHeaders().getFirst("Content-Type"), body));
            Integer status = answers.poll();
            exchange.sendResponseHeaders(status == null ? 204 : status, -1);
            exchange.close();
        });
        receiver.start();
        hook = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
    }

    @AfterEach
    void tearDown() {
        receiver.stop(0);
        db.close();
    }

    @Test
    void aDeliveryIsRecordedWithTheResultFlagWhenTheSpecHasANotifyUrl() {
        ended("with-url", hook);
        ended("without-url", null);
        outcomes.settle("with-url", true); // a second settle (a recovery pass) finds the flag set

        assertThat(deliveries.ofJob("with-url")).singleElement().satisfies(d -> {
            assertThat(d.state()).isEqualTo(NotifyDelivery.State.PENDING);
            assertThat(d.attempts()).isZero();
            assertThat(d.nextAttemptAt()).isEqualTo(clock.instant());
            assertThat(d.url()).isEqualTo(hook);
        });
        assertThat(deliveries.ofJob("without-url")).isEmpty();
    }

    @Test
    void aJobThatEndsAgainAfterAResumeSupersedesItsPendingDelivery() {
        ended("resumed", hook);
        db.inTransaction(c -> {
            jobs.reopen(c, "resumed", clock.instant().plusSeconds(60), clock.instant());
            return jobs.transition(c, "resumed", JobState.FAILED, JobState.RUNNING);
        });
        outcomes.fail("resumed", ErrorCode.TIMEOUT, "again");

        assertThat(deliveries.ofJob("resumed")).extracting(NotifyDelivery::state)
                .containsExactly(NotifyDelivery.State.GIVEN_UP, NotifyDelivery.State.PENDING);
        assertThat(deliveries.ofJob("resumed").get(0).lastOutcome()).startsWith("superseded");
    }

    @Test
    void noResultFlagWithoutItsDeliveryAndNoDeliveryWithoutTheFlag() throws IOException {
        JobOutcomes broken = outcomes((c, job) -> {
            deliveries.record(c, job);
            throw new SQLException("the disk filled up");
        });
        insertRunning("torn", hook);

        assertThatThrownBy(() -> broken.fail("torn", ErrorCode.PROVIDER_FAILED, "it broke"))
                .isInstanceOf(StoreException.class);
        assertThat(jobs.find("torn").orElseThrow().resultWritten()).isFalse();
        assertThat(deliveries.ofJob("torn")).isEmpty();

        outcomes.settle("torn", true); // what the recovery pass does after a restart
        assertThat(jobs.find("torn").orElseThrow().resultWritten()).isTrue();
        assertThat(deliveries.ofJob("torn")).hasSize(1);
    }

    @Test
    void aDueDeliveryIsPostedSignedWithTheResultFileAndRecordedSent() throws IOException {
        ended("job-1", hook);
        ResultNotifier notifier = notifier(4);

        List<NotifyDelivery> due = notifier.due();
        assertThat(due).hasSize(1);
        notifier.send(due.get(0));

        byte[] result = Files.readAllBytes(workspace.outputOf("job-1").resolve("result.json"));
        assertThat(received).singleElement().satisfies(r -> {
            assertThat(r.job()).isEqualTo("job-1");
            assertThat(r.contentType()).isEqualTo("application/json");
            assertThat(r.body()).isEqualTo(result);
            assertThat(r.signature()).isEqualTo(ResultNotifier.signature(SECRET.getBytes(StandardCharsets.UTF_8),
                    result));
        });
        assertThat(deliveries.ofJob("job-1")).singleElement().satisfies(d -> {
            assertThat(d.state()).isEqualTo(NotifyDelivery.State.SENT);
            assertThat(d.attempts()).isEqualTo(1);
            assertThat(d.lastOutcome()).isEqualTo("answered 204");
        });
        assertThat(notifyEvents("job-1")).containsExactly("result sent to " + hook + " (answered 204, attempt 1)");
        clock.advance(Duration.ofHours(1));
        assertThat(notifier.due()).isEmpty();
    }

    @Test
    void withoutASecretThereIsNoSignatureHeader() {
        ended("job-1", hook);
        ResultNotifier notifier = new ResultNotifier(deliveries, jobs, workspace, new NotifySchedule(3, BACKOFF),
                "", 4, TIMEOUT, clock);

        notifier.due().forEach(notifier::send);

        assertThat(received).singleElement().satisfies(r -> assertThat(r.signature()).isNull());
    }

    @Test
    void failedCallsAreRetriedAfterDoublingDelaysThenGivenUp() {
        ended("job-1", hook);
        answers.addAll(List.of(500, 503, 502));
        ResultNotifier notifier = notifier(4);
        Instant start = clock.instant();

        notifier.due().forEach(notifier::send);
        assertThat(deliveries.ofJob("job-1").get(0)).satisfies(d -> {
            assertThat(d.state()).isEqualTo(NotifyDelivery.State.PENDING);
            assertThat(d.attempts()).isEqualTo(1);
            assertThat(d.nextAttemptAt()).isEqualTo(start.plus(BACKOFF));
            assertThat(d.lastOutcome()).isEqualTo("answered 500");
        });
        clock.advance(BACKOFF.minusMillis(1));
        assertThat(notifier.due()).as("not due before its delay").isEmpty();
        clock.advance(Duration.ofMillis(1));
        notifier.due().forEach(notifier::send);
        assertThat(deliveries.ofJob("job-1").get(0).nextAttemptAt())
                .isEqualTo(clock.instant().plus(BACKOFF.multipliedBy(2)));
        clock.advance(BACKOFF.multipliedBy(2).minusMillis(1));
        assertThat(notifier.due()).isEmpty();
        clock.advance(Duration.ofMillis(1));
        notifier.due().forEach(notifier::send);

        assertThat(received).hasSize(3);
        assertThat(deliveries.ofJob("job-1").get(0)).satisfies(d -> {
            assertThat(d.state()).isEqualTo(NotifyDelivery.State.GIVEN_UP);
            assertThat(d.attempts()).isEqualTo(3);
            assertThat(d.lastOutcome()).isEqualTo("answered 502");
        });
        assertThat(notifyEvents("job-1")).hasSize(3).last().asString()
                .isEqualTo(hook + ": answered 502; gave up after 3 attempts");
        assertThat(notifyEvents("job-1").get(0)).startsWith(hook + ": answered 500 (attempt 1 of 3); next attempt at");
        clock.advance(Duration.ofDays(1));
        assertThat(notifier.due()).isEmpty();
        assertThat(received).hasSize(3);
    }

    @Test
    void aReceiverThatIsNotThereIsAFailedAttempt() throws IOException {
        int closedPort;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        ended("job-1", "http://127.0.0.1:" + closedPort + "/hook");
        ended("job-2", "ftp://example.org/hook");
        ResultNotifier notifier = notifier(4);

        notifier.due().forEach(notifier::send);

        assertThat(deliveries.ofJob("job-1").get(0)).satisfies(d -> {
            assertThat(d.state()).isEqualTo(NotifyDelivery.State.PENDING);
            assertThat(d.attempts()).isEqualTo(1);
            assertThat(d.lastOutcome()).contains("ConnectException");
        });
        assertThat(deliveries.ofJob("job-2").get(0).lastOutcome()).isEqualTo("not an http(s) URL");
    }

    @Test
    void aClaimKeepsOtherSendersOffUntilItsLeaseHasPassed() {
        ended("job-1", hook);
        ResultNotifier crashed = notifier(4);
        ResultNotifier restarted = notifier(4);

        List<NotifyDelivery> claimed = crashed.due();
        assertThat(claimed).hasSize(1);
        assertThat(restarted.due()).as("leased while its call is in flight").isEmpty();
        clock.advance(crashed.lease().minusMillis(1));
        assertThat(restarted.due()).isEmpty();
        clock.advance(Duration.ofMillis(1));
        List<NotifyDelivery> again = restarted.due();
        assertThat(again).as("the sender died mid-call: due again once the lease has passed").hasSize(1);

        restarted.send(again.get(0));
        crashed.send(claimed.get(0)); // a sender that was only slow: its answer is not recorded a second time

        assertThat(received).hasSize(2); // at least once: the receiver dedupes on X-Reelroute-Job
        assertThat(deliveries.ofJob("job-1")).singleElement().satisfies(d -> {
            assertThat(d.state()).isEqualTo(NotifyDelivery.State.SENT);
            assertThat(d.attempts()).isEqualTo(1);
        });
        assertThat(notifyEvents("job-1")).hasSize(1);
    }

    @Test
    void claimsAreBoundedByFreeSenders() {
        ended("job-1", hook);
        ended("job-2", hook);
        ended("job-3", hook);
        ResultNotifier notifier = notifier(2);

        List<NotifyDelivery> first = notifier.due();
        assertThat(first).hasSize(2);
        assertThat(notifier.due()).as("both senders busy").isEmpty();
        notifier.send(first.get(0));
        List<NotifyDelivery> next = notifier.due();
        assertThat(next).extracting(NotifyDelivery::jobId).containsExactly("job-3");
        notifier.send(first.get(1));
        notifier.send(next.get(0));

        assertThat(received).extracting(Received::job).containsExactlyInAnyOrder("job-1", "job-2", "job-3");
    }

    @Test
    void aTokenInTheUrlStaysOutOfTheTimeline() {
        ended("job-1", hook + "?token=hush-hush");
        ResultNotifier notifier = notifier(4);

        notifier.due().forEach(notifier::send);

        assertThat(received).hasSize(1);
        assertThat(notifyEvents("job-1")).singleElement().asString().contains(hook).doesNotContain("hush-hush");
        assertThat(ResultNotifier.redacted("https://user:pw@hooks.example:8443/a/b?t=1#f"))
                .isEqualTo("https://hooks.example:8443/a/b");
        assertThat(ResultNotifier.redacted("not a url")).isEqualTo("(an unusable notify_url)");
    }

    private ResultNotifier notifier(int senders) {
        return new ResultNotifier(deliveries, jobs, workspace, new NotifySchedule(3, BACKOFF), SECRET, senders,
                TIMEOUT, clock);
    }

    private JobOutcomes outcomes(JobOutcomes.ResultWritten onResult) throws IOException {
        Path plansFile = dir.resolve("plans.yaml");
        ObjectMapper json = new ObjectMapper();
        return new JobOutcomes(workspace, jobs, new QuotaLedger(Plans.load(plansFile), jobs, clock, ZoneOffset.UTC),
                new UsageLog(workspace.usage().resolve("usage.jsonl"), json),
                new MediaProbe(Ffmpeg.locate(null, dir.resolve("cache"))), json, onResult);
    }

    /** A job that has ended (failed), its result.json written and its delivery recorded. */
    private void ended(String id, String notifyUrl) {
        insertRunning(id, notifyUrl);
        outcomes.fail(id, ErrorCode.PROVIDER_FAILED, "it broke");
    }

    private void insertRunning(String id, String notifyUrl) {
        String spec = notifyUrl == null ? "{\"prompt\": \"p\"}"
                : "{\"prompt\": \"p\", \"notify_url\": \"" + notifyUrl + "\"}";
        db.inTransaction(c -> {
            jobs.insert(c, new NewJob(id, "alice", "http", null, "fp-" + id, JobState.RUNNING, "text-to-video",
                    "local-preview", "local", spec, "p", "{\"duration\":2}", 2, BigDecimal.ZERO, null, List.of()));
            return null;
        });
    }

    private List<String> notifyEvents(String jobId) {
        return jobs.events(jobId).stream().filter(e -> e.stage().equals("notify")).map(JobEvent::detail).toList();
    }
}
