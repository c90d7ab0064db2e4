package io.reelroute.quota;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.reelroute.error.ErrorCode;
import io.reelroute.error.ReelrouteException;
import io.reelroute.store.Database;
import io.reelroute.store.JobState;
import io.reelroute.store.JobStore;
import io.reelroute.store.NewJob;
import io.reelroute.support.MutableClock;
import io.reelroute.support.TestDatabases;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QuotaLedgerTest {
    @TempDir
    Path dir;

    private Database db;
    private JobStore jobs;
    private QuotaLedger ledger;
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-21T10:00:00Z"));
    private final AtomicInteger ids = new AtomicInteger();

    @BeforeEach
    void setUp() throws Exception {
        Path plansFile = dir.resolve("plans.yaml");
        Files.writeString(plansFile, """
                plans:
                  free: { monthly_budget_usd: 5, daily_jobs: 20, concurrent_jobs: 1, models: [local-preview, wan-2.5] }
                  tiny: { monthly_budget_usd: 100, daily_jobs: 3, concurrent_jobs: 1, models: ["*"] }
                users:
                  bob: { plan: free }
                  tina: { plan: tiny }
                """);
        db = TestDatabases.h2(dir);
        jobs = new JobStore(db, clock);
        ledger = new QuotaLedger(Plans.load(plansFile), jobs, clock, ZoneOffset.UTC);
    }

    @AfterEach
    void tearDown() {
        db.close();
    }

    /** The reserve path of the quota enricher: lock, check, record, hold, in one transaction. */
    private String reserve(String user, String model, String usd) {
        String id = "job-" + ids.incrementAndGet();
        BigDecimal amount = new BigDecimal(usd);
        ledger.ensureAccount(user);
        db.inTransaction(c -> {
            ledger.lock(c, user);
            ledger.check(c, user, model, amount);
            jobs.insert(c, new NewJob(id, user, "test", null, id, JobState.QUEUED, "image-to-video", model, "x",
                    "{}", "p", "{}", 5, amount, null, List.of()));
            ledger.hold(c, id, user, amount);
            return null;
        });
        return id;
    }

    @Test
    void concurrentReservationsNeverOverrunTheBudget() throws Exception {
        int threads = 24;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Boolean>> results = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            Callable<Boolean> attempt = () -> {
                start.await();
                try {
                    reserve("bob", "wan-2.5", "0.75");
                    return true;
                } catch (ReelrouteException e) {
                    assertThat(e.code()).isEqualTo(ErrorCode.QUOTA_EXCEEDED);
                    return false;
                }
            };
            results.add(pool.submit(attempt));
        }
        start.countDown();
        int accepted = 0;
        for (Future<Boolean> result : results) {
            accepted += result.get() ? 1 : 0;
        }
        pool.shutdown();

        assertThat(accepted).isEqualTo(6); // 6 x 0.75 = 4.50 fits in 5.00; a 7th would be 5.25
        QuotaLedger.Balance balance = ledger.balance("bob");
        assertThat(balance.heldUsd()).isEqualByComparingTo("4.50");
        assertThat(balance.remainingUsd()).isEqualByComparingTo("0.50");
    }

    @Test
    void theRefusalSaysTheEstimateAndWhatRemains() {
        reserve("bob", "wan-2.5", "4.00");
        assertThatThrownBy(() -> reserve("bob", "wan-2.5", "1.50"))
                .isInstanceOf(ReelrouteException.class)
                .satisfies(e -> assertThat(((ReelrouteException) e).code()).isEqualTo(ErrorCode.QUOTA_EXCEEDED))
                .hasMessageContaining("$1.50").hasMessageContaining("$1.00").hasMessageContaining("nothing was charged");
        assertThat(ledger.balance("bob").heldUsd()).isEqualByComparingTo("4.00");
    }

    @Test
    void chargeKeepsTheRealCostAndReleaseGivesTheHoldBack() {
        String charged = reserve("bob", "wan-2.5", "2.00");
        String released = reserve("bob", "wan-2.5", "2.00");
        db.inTransaction(c -> {
            ledger.charge(c, charged, new BigDecimal("1.25"));
            ledger.release(c, released);
            ledger.release(c, charged); // settled already: no effect
            return null;
        });
        QuotaLedger.Balance balance = ledger.balance("bob");
        assertThat(balance.spentUsd()).isEqualByComparingTo("1.25");
        assertThat(balance.heldUsd()).isEqualByComparingTo("0");
        assertThat(balance.remainingUsd()).isEqualByComparingTo("3.75");
    }

    @Test
    void aNewMonthStartsWithTheWholeBudget() {
        reserve("bob", "wan-2.5", "4.50");
        clock.advance(Duration.ofDays(10)); // 2026-12-01
        reserve("bob", "wan-2.5", "4.50");
        assertThat(ledger.balance("bob").remainingUsd()).isEqualByComparingTo("0.50");
    }

    @Test
    void theDailyJobLimitHoldsAndResetsTheNextDay() {
        for (int i = 0; i < 3; i++) {
            reserve("tina", "veo-3", "1");
        }
        assertThatThrownBy(() -> reserve("tina", "veo-3", "1"))
                .hasMessageContaining("daily limit");
        clock.advance(Duration.ofDays(1));
        reserve("tina", "veo-3", "1");
    }

    @Test
    void aModelOutsideThePlanIsRefusedNamingThePlan() {
        assertThatThrownBy(() -> reserve("bob", "veo-3", "0.10"))
                .isInstanceOf(ReelrouteException.class)
                .hasMessageContaining("not in plan free")
                .satisfies(e -> assertThat(((ReelrouteException) e).field()).isEqualTo("model"));
    }

    @Test
    void anUnknownUserIsAnInputError() {
        assertThatThrownBy(() -> reserve("mallory", "local-preview", "0"))
                .isInstanceOf(ReelrouteException.class)
                .satisfies(e -> assertThat(((ReelrouteException) e).field()).isEqualTo("user_id"));
    }
}
