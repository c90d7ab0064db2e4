package io.reelroute.story;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.reelroute.error.ErrorCode;
import io.reelroute.error.ReelrouteException;
import io.reelroute.quota.Plans;
import io.reelroute.quota.QuotaLedger;
import io.reelroute.store.Database;
import io.reelroute.store.JobStore;
import io.reelroute.support.MutableClock;
import io.reelroute.support.TestDatabases;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole-story reservation: checked and held with the story, drawn by its jobs, released when it ends. */
class StoryStoreTest {
    @TempDir
    Path dir;

    private Database db;
    private QuotaLedger ledger;
    private StoryStore stories;
    private int next;

    @BeforeEach
    void setUp() throws Exception {
        Path plansFile = dir.resolve("plans.yaml");
        Files.writeString(plansFile, """
                plans:
                  small: { monthly_budget_usd: 10, daily_jobs: 5, concurrent_jobs: 1, models: ["*"] }
                  narrow: { monthly_budget_usd: 10, daily_jobs: 50, concurrent_jobs: 1, models: [local-preview] }
                users:
                  sam: { plan: small }
                  nina: { plan: narrow }
                """);
        db = TestDatabases.h2(dir);
        MutableClock clock = new MutableClock(Instant.parse("2026-11-21T10:00:00Z"));
        ledger = new QuotaLedger(Plans.load(plansFile), new JobStore(db, clock), clock, ZoneOffset.UTC);
        stories = new StoryStore(db, ledger, clock);
    }

    @AfterEach
    void tearDown() {
        db.close();
    }

    @Test
    void theWholeEstimateIsReservedWithTheStory() {
        StoryDraft draft = draft("sam", "wan-2.5", 3, "2.40");
        stories.record(draft);
        assertThat(ledger.balance("sam").heldUsd()).isEqualByComparingTo("2.40");
        assertThat(stories.shots(draft.storyId())).extracting(ShotRecord::shotId).containsExactly("s01", "s02", "s03");
        assertThat(stories.running()).containsExactly(draft.storyId());
    }

    @Test
    void aStoryThatDoesNotFitTheBudgetIsRefusedAndRecordsNothing() {
        stories.record(draft("sam", "wan-2.5", 2, "8.00"));
        StoryDraft second = draft("sam", "wan-2.5", 2, "2.50");
        assertThatThrownBy(() -> stories.record(second)).isInstanceOf(ReelrouteException.class)
                .satisfies(e -> assertThat(((ReelrouteException) e).code()).isEqualTo(ErrorCode.QUOTA_EXCEEDED))
                .hasMessageContaining("this story (2 shots) is estimated at $2.50").hasMessageContaining("$2.00");
        assertThat(stories.find(second.storyId())).isEmpty();
        assertThat(ledger.balance("sam").heldUsd()).isEqualByComparingTo("8.00");
    }

    @Test
    void theDailyLimitCountsEveryJobTheStoryWillStart() {
        assertThatThrownBy(() -> stories.record(draft("sam", "wan-2.5", 6, "1.00")))
                .hasMessageContaining("this needs 6 more").hasMessageContaining("daily limit of plan small is 5");
    }

    @Test
    void everyModelOfTheStoryMustBeInThePlan() {
        assertThatThrownBy(() -> stories.record(draft("nina", "wan-2.5", 1, "0")))
                .hasMessageContaining("model wan-2.5 is not in plan narrow");
    }

    @Test
    void jobsDrawOnTheReservationAndTheRestIsReleasedWhenTheStoryEnds() {
        StoryDraft draft = draft("sam", "wan-2.5", 3, "3.00");
        stories.record(draft);
        BigDecimal covered = db.inTransaction(c -> ledger.drawFromStory(c, draft.storyId(), new BigDecimal("1.00")));
        assertThat(covered).isEqualByComparingTo("1.00");
        assertThat(stories.reserved(draft.storyId())).isEqualByComparingTo("2.00");
        BigDecimal partly = db.inTransaction(c -> ledger.drawFromStory(c, draft.storyId(), new BigDecimal("2.50")));
        assertThat(partly).as("only what is left is covered").isEqualByComparingTo("2.00");
        assertThat(stories.reserved(draft.storyId())).isZero();

        StoryDraft other = draft("sam", "wan-2.5", 1, "4.00");
        stories.record(other);
        assertThat(stories.finish(other.storyId(), StoryState.FAILED, "provider_failed", "shot s01 failed")).isTrue();
        assertThat(stories.finish(other.storyId(), StoryState.COMPLETED, null, null)).as("only once").isFalse();
        assertThat(ledger.balance("sam").heldUsd()).isZero();
        assertThat(stories.find(other.storyId()).orElseThrow().state()).isEqualTo(StoryState.FAILED);
    }

    private StoryDraft draft(String user, String model, int shots, String usd) {
        List<StorySpec.Shot> specShots = new java.util.ArrayList<>();
        List<StoryPlan.ShotPlan> plans = new java.util.ArrayList<>();
        BigDecimal each = new BigDecimal(usd).divide(BigDecimal.valueOf(shots), 4, java.math.RoundingMode.HALF_UP);
        for (int i = 1; i <= shots; i++) {
            String id = String.format("s%02d", i);
            specShots.add(new StorySpec.Shot(id, null, null, "shot " + i, null, null, null, null, null, null, null,
                    null, null, null, null, null));
            plans.add(new StoryPlan.ShotPlan(id, "text-to-video", model, 5, each, BigDecimal.ZERO, false));
        }
        StorySpec spec = new StorySpec("t", user, model, null, null, null, null, null, specShots, null);
        StoryDraft draft = new StoryDraft("inbox:t.story.yaml", spec, dir, "key-" + next, user, "story-" + next++);
        draft.planned(new StoryPlan(new BigDecimal(usd), null, null, Map.of(), plans), "{}", "{}");
        return draft;
    }
}
