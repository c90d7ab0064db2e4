package io.reelroute.quota;

import io.reelroute.error.ErrorCode;
import io.reelroute.error.ReelrouteException;
import io.reelroute.store.JobStore;
import io.reelroute.store.StoreException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;

/**
 * Holds, charges and releases money against a user's monthly budget. A reservation first locks the user's
 * row in quota_account, so reservations of one user run one after another inside the database and
 * concurrent jobs can never together spend more than the budget, even across processes.
 */
public final class QuotaLedger {
    private static final String HELD = "held";
    private static final String CHARGED = "charged";
    private static final String RELEASED = "released";

    private final Plans plans;
    private final JobStore jobs;
    private final Clock clock;
    private final ZoneId zone;

    public QuotaLedger(Plans plans, JobStore jobs, Clock clock, ZoneId zone) {
        this.plans = plans;
        this.jobs = jobs;
        this.clock = clock;
        this.zone = zone;
    }

    public Plans plans() {
        return plans;
    }

    /**
     * Inside the caller's transaction, after {@link #lock}: checks plan, daily job count and budget. The caller
     * then records the job and calls {@link #hold}; the lock lasts until its commit.
     */
    public void check(Connection c, String userId, String model, BigDecimal amount) throws SQLException {
        checkModel(userId, model);
        checkDaily(c, userId, 1);
        checkBudget(c, userId, amount, "this job");
    }

    /** The plan of {@code userId} may use {@code model}. */
    public void checkModel(String userId, String model) {
        Plans.Plan plan = plans.planOf(userId);
        if (!plan.allowsModel(model)) {
            throw new ReelrouteException(ErrorCode.UNSUPPORTED_PARAMETER, "model " + model + " is not in plan "
                    + planName(userId) + " of user " + userId + " (it has " + String.join(", ", plan.models())
                    + ")", "model");
        }
    }

    /** {@code jobs} more jobs today stay within the plan's daily limit. */
    public void checkDaily(Connection c, String userId, int jobCount) throws SQLException {
        Plans.Plan plan = plans.planOf(userId);
        Instant startOfDay = LocalDate.now(clock.withZone(zone)).atStartOfDay(zone).toInstant();
        int today = jobs.countCreatedSince(c, userId, startOfDay);
        if (today + jobCount > plan.dailyJobs()) {
            throw new ReelrouteException(ErrorCode.QUOTA_EXCEEDED, "user " + userId + " has started " + today
                    + " jobs today" + (jobCount > 1 ? " and this needs " + jobCount + " more" : "")
                    + "; the daily limit of plan " + planName(userId) + " is " + plan.dailyJobs()
                    + "; more can start tomorrow");
        }
    }

    /** {@code amount} fits in what remains of the month's budget; {@code what} names it in the message. */
    public void checkBudget(Connection c, String userId, BigDecimal amount, String what) throws SQLException {
        Plans.Plan plan = plans.planOf(userId);
        BigDecimal remaining = plan.monthlyBudgetUsd().subtract(committed(c, userId, period()));
        if (amount.compareTo(remaining) > 0) {
            throw new ReelrouteException(ErrorCode.QUOTA_EXCEEDED, what + " is estimated at " + usd(amount)
                    + " but only " + usd(remaining.max(BigDecimal.ZERO)) + " of user " + userId + "'s "
                    + usd(plan.monthlyBudgetUsd()) + " monthly budget (plan " + planName(userId) + ") remains for "
                    + period() + "; nothing was charged");
        }
    }

    private String planName(String userId) {
        return plans.user(userId).orElseThrow().plan();
    }

    /**
     * A reservation made for a unit of several jobs before its first job: the jobs draw their own holds from it.
     * Stories and CSV batches keep theirs in tables of the same columns, keyed by the unit's id.
     */
    private enum Reservation {
        STORY("story_hold", "story_id"),
        BATCH("batch_hold", "batch_id");

        final String table;
        final String key;

        Reservation(String table, String key) {
            this.table = table;
            this.key = key;
        }
    }

    /** Reserves a whole story's estimate, before its first paid shot; its shot jobs draw on it. */
    public void holdStory(Connection c, String storyId, String userId, BigDecimal amount) throws SQLException {
        reserve(c, Reservation.STORY, storyId, userId, amount);
    }

    /**
     * Moves up to {@code amount} of the story's reservation to a job of the story (which then holds it itself).
     * Call under the user's lock. @return the part of {@code amount} the story's reservation covered
     */
    public BigDecimal drawFromStory(Connection c, String storyId, BigDecimal amount) throws SQLException {
        return draw(c, Reservation.STORY, storyId, amount);
    }

    /** Gives back what a finished (or failed) story still had reserved. */
    public void releaseStory(Connection c, String storyId) throws SQLException {
        release(c, Reservation.STORY, storyId);
    }

    /** Reserves a whole CSV batch's estimate at import, as one hold; its rows' jobs draw on it. */
    public void holdBatch(Connection c, String batchId, String userId, BigDecimal amount) throws SQLException {
        reserve(c, Reservation.BATCH, batchId, userId, amount);
    }

    /** Like {@link #drawFromStory}, for a job of a batch's row. */
    public BigDecimal drawFromBatch(Connection c, String batchId, BigDecimal amount) throws SQLException {
        return draw(c, Reservation.BATCH, batchId, amount);
    }

    /** Gives back what a finished batch still had reserved (rows that were repeats, or refused). */
    public void releaseBatch(Connection c, String batchId) throws SQLException {
        release(c, Reservation.BATCH, batchId);
    }

    private void reserve(Connection c, Reservation kind, String id, String userId, BigDecimal amount)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("insert into " + kind.table + " (" + kind.key
                + ", user_id, period, amount_usd, state) values (?,?,?,?,?)")) {
            ps.setString(1, id);
            ps.setString(2, userId);
            ps.setString(3, period());
            ps.setBigDecimal(4, amount);
            ps.setString(5, HELD);
            ps.executeUpdate();
        }
    }

    private BigDecimal draw(Connection c, Reservation kind, String id, BigDecimal amount) throws SQLException {
        BigDecimal left;
        try (PreparedStatement ps = c.prepareStatement("select amount_usd from " + kind.table + " where "
                + kind.key + " = ? and state = 'held' and period = ?")) {
            ps.setString(1, id);
            ps.setString(2, period());
            try (ResultSet rs = ps.executeQuery()) {
                left = rs.next() ? rs.getBigDecimal(1) : BigDecimal.ZERO;
            }
        }
        BigDecimal covered = left.min(amount);
        if (covered.signum() > 0) {
            try (PreparedStatement ps = c.prepareStatement("update " + kind.table
                    + " set amount_usd = amount_usd - ? where " + kind.key + " = ?")) {
                ps.setBigDecimal(1, covered);
                ps.setString(2, id);
                ps.executeUpdate();
            }
        }
        return covered;
    }

    private static void release(Connection c, Reservation kind, String id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("update " + kind.table + " set state = 'released' where "
                + kind.key + " = ? and state = 'held'")) {
            ps.setString(1, id);
            ps.executeUpdate();
        }
    }

    public void hold(Connection c, String jobId, String userId, BigDecimal amount) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("insert into quota_hold (job_id, user_id, period, amount_usd,"
                + " state, created_at) values (?,?,?,?,?,?)")) {
            ps.setString(1, jobId);
            ps.setString(2, userId);
            ps.setString(3, period());
            ps.setBigDecimal(4, amount);
            ps.setString(5, HELD);
            ps.setTimestamp(6, Timestamp.from(clock.instant()));
            ps.executeUpdate();
        }
    }

    /** Turns the job's hold into a charge of what the job really cost. */
    public void charge(Connection c, String jobId, BigDecimal cost) throws SQLException {
        settle(c, jobId, CHARGED, cost);
    }

    /** Gives the job's hold back: the job failed or was cancelled before anything was paid. */
    public void release(Connection c, String jobId) throws SQLException {
        settle(c, jobId, RELEASED, null);
    }

    /** Holds the money of a resumed job again (its hold was released when it failed). */
    public void rehold(Connection c, String jobId, BigDecimal amount) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("update quota_hold set state = 'held', amount_usd = ?,"
                + " period = ?, settled_at = null where job_id = ? and state = 'released'")) {
            ps.setBigDecimal(1, amount);
            ps.setString(2, period());
            ps.setString(3, jobId);
            ps.executeUpdate();
        }
    }

    /** Spent plus held this month, and the plan's budget. */
    public Balance balance(String userId) {
        Plans.Plan plan = plans.planOf(userId);
        return jobs.database().withConnection(c -> new Balance(plan.monthlyBudgetUsd(),
                sum(c, userId, period(), CHARGED),
                sum(c, userId, period(), HELD).add(unitsHeld(c, userId, period()))));
    }

    public record Balance(BigDecimal budgetUsd, BigDecimal spentUsd, BigDecimal heldUsd) {
        public BigDecimal remainingUsd() {
            return budgetUsd.subtract(spentUsd).subtract(heldUsd);
        }
    }

    String period() {
        return YearMonth.now(clock.withZone(zone)).toString();
    }

    private void settle(Connection c, String jobId, String state, BigDecimal amount) throws SQLException {
        String sql = amount == null
                ? "update quota_hold set state = ?, settled_at = ? where job_id = ? and state = 'held'"
                : "update quota_hold set state = ?, settled_at = ?, amount_usd = ? where job_id = ? and state = 'held'";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            int i = 1;
            ps.setString(i++, state);
            ps.setTimestamp(i++, Timestamp.from(clock.instant()));
            if (amount != null) {
                ps.setBigDecimal(i++, amount);
            }
            ps.setString(i, jobId);
            ps.executeUpdate();
        }
    }

    /**
     * Creates the user's quota row if it is missing, in a statement of its own: outside the reservation's
     * transaction, because a duplicate-key error inside one aborts it on PostgreSQL.
     */
    public void ensureAccount(String userId) {
        jobs.database().withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("insert into quota_account (user_id) values (?)")) {
                ps.setString(1, userId);
                ps.executeUpdate();
            } catch (SQLException e) {
                if (!StoreException.isDuplicateKey(e)) {
                    throw e;
                }
            }
            return null;
        });
    }

    /**
     * Locks the user's quota row until the caller's transaction ends, so that one user's reservations happen
     * one after another (also across processes sharing a database).
     */
    public void lock(Connection c, String userId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "select user_id from quota_account where user_id = ? for update")) {
            ps.setString(1, userId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new StoreException("no quota row for user " + userId + ": call ensureAccount first");
                }
            }
        }
    }

    private static BigDecimal committed(Connection c, String userId, String period) throws SQLException {
        return sum(c, userId, period, HELD).add(sum(c, userId, period, CHARGED)).add(unitsHeld(c, userId, period));
    }

    /** What stories and batches still reserve for jobs not recorded yet. */
    private static BigDecimal unitsHeld(Connection c, String userId, String period) throws SQLException {
        BigDecimal held = BigDecimal.ZERO;
        for (Reservation kind : Reservation.values()) {
            held = held.add(sum(c, kind.table, userId, period, HELD));
        }
        return held;
    }

    private static BigDecimal sum(Connection c, String userId, String period, String state) throws SQLException {
        return sum(c, "quota_hold", userId, period, state);
    }

    /** @param table quota_hold (jobs), story_hold or batch_hold (what stories and batches still reserve): same columns */
    private static BigDecimal sum(Connection c, String table, String userId, String period, String state)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select coalesce(sum(amount_usd), 0) from " + table
                + " where user_id = ? and period = ? and state = ?")) {
            ps.setString(1, userId);
            ps.setString(2, period);
            ps.setString(3, state);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBigDecimal(1);
            }
        }
    }

    static String usd(BigDecimal amount) {
        return "$" + amount.setScale(2, RoundingMode.HALF_UP).toPlainString();
    }
}
