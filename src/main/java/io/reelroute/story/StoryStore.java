package io.reelroute.story;

import io.reelroute.quota.QuotaLedger;
import io.reelroute.store.Database;
import io.reelroute.store.StoreException;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Story records and their shots. A story is recorded together with its shots and the reservation of its
 * whole estimate, in one transaction under the user's quota lock; afterwards every change is one statement,
 * and a shot is marked completed only after its files are in place, so a story resumes from what the
 * database says after any crash.
 */
public final class StoryStore {
    private static final String COLUMNS = "id, user_id, source, intake_key, state, spec_json, plan_json, estimate_usd,"
            + " preview_made, error_code, error_message, inputs_archived, created_at, updated_at, finished_at";

    private final Database db;
    private final QuotaLedger ledger;
    private final Clock clock;

    public StoryStore(Database db, QuotaLedger ledger, Clock clock) {
        this.db = db;
        this.ledger = ledger;
        this.clock = clock;
    }

    /**
     * Checks the user's plan (every model, the daily job count, the budget for the whole estimate), then records
     * the story and its shots and reserves the estimate; nothing is recorded when a check fails.
     */
    public void record(StoryDraft draft) {
        ledger.ensureAccount(draft.userId());
        db.inTransaction(c -> {
            ledger.lock(c, draft.userId());
            for (String model : draft.plan().models()) {
                ledger.checkModel(draft.userId(), model);
            }
            ledger.checkDaily(c, draft.userId(), draft.plan().jobCount());
            ledger.checkBudget(c, draft.userId(), draft.plan().estimateUsd(), "this story ("
                    + draft.spec().shots().size() + " shots)");
            insert(c, draft);
            ledger.holdStory(c, draft.storyId(), draft.userId(), draft.plan().estimateUsd());
            return null;
        });
    }

    private void insert(Connection c, StoryDraft draft) throws SQLException {
        Timestamp now = now();
        try (PreparedStatement ps = c.prepareStatement("insert into story (id, user_id, source, intake_key, state,"
                + " spec_json, plan_json, estimate_usd, created_at, updated_at) values (?,?,?,?,?,?,?,?,?,?)")) {
            ps.setString(1, draft.storyId());
            ps.setString(2, draft.userId());
            ps.setString(3, draft.source());
            ps.setString(4, draft.intakeKey());
            ps.setString(5, StoryState.RUNNING.dbValue());
            ps.setString(6, draft.specJson());
            ps.setString(7, draft.planJson());
            ps.setBigDecimal(8, draft.plan().estimateUsd());
            ps.setTimestamp(9, now);
            ps.setTimestamp(10, now);
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("insert into story_shot (story_id, shot_id, position, state)"
                + " values (?,?,?,'pending')")) {
            for (int i = 0; i < draft.spec().shots().size(); i++) {
                ps.setString(1, draft.storyId());
                ps.setString(2, draft.spec().shots().get(i).id());
                ps.setInt(3, i);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    public Optional<StoryRecord> find(String id) {
        return db.withConnection(c -> query(c, "select " + COLUMNS + " from story where id = ?", id).stream()
                .findFirst());
    }

    public List<String> running() {
        return db.withConnection(c -> query(c, "select " + COLUMNS + " from story where state = 'running'"
                + " order by created_at", null).stream().map(StoryRecord::id).toList());
    }

    /** A story recorded from these very inbox files whose files were not yet archived (a crash in between). */
    public Optional<StoryRecord> findUnarchivedIntake(String intakeKey) {
        return db.withConnection(c -> query(c, "select " + COLUMNS + " from story where intake_key = ?"
                + " and inputs_archived = false", intakeKey).stream().findFirst());
    }

    public List<ShotRecord> shots(String storyId) {
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("select story_id, shot_id, position, state, keyframe,"
                    + " keyframe_note, fallback, last_frame from story_shot where story_id = ? order by position")) {
                ps.setString(1, storyId);
                List<ShotRecord> shots = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        shots.add(new ShotRecord(rs.getString(1), rs.getString(2), rs.getInt(3),
                                "completed".equals(rs.getString(4)), rs.getString(5), rs.getString(6),
                                rs.getString(7), rs.getString(8)));
                    }
                }
                return shots;
            }
        });
    }

    public void setKeyframe(String storyId, String shotId, String path, String note) {
        updateShot("keyframe = ?, keyframe_note = ?", storyId, shotId, path, note);
    }

    public void setFallback(String storyId, String shotId, String reason) {
        updateShot("fallback = ?", storyId, shotId, reason);
    }

    public void setLastFrame(String storyId, String shotId, String path) {
        updateShot("last_frame = ?", storyId, shotId, path);
    }

    public void completeShot(String storyId, String shotId) {
        updateShot("state = 'completed'", storyId, shotId);
    }

    public void markPreviewMade(String storyId) {
        update("update story set preview_made = true, updated_at = ? where id = ?", storyId);
    }

    public void markInputsArchived(String storyId) {
        update("update story set inputs_archived = true, updated_at = ? where id = ?", storyId);
    }

    /** Ends a running story and gives back what it still had reserved; false when it had already ended. */
    public boolean finish(String storyId, StoryState state, String errorCode, String errorMessage) {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("update story set state = ?, error_code = ?,"
                    + " error_message = ?, finished_at = ?, updated_at = ? where id = ? and state = 'running'")) {
                Timestamp now = now();
                ps.setString(1, state.dbValue());
                ps.setString(2, errorCode);
                ps.setString(3, errorMessage);
                ps.setTimestamp(4, now);
                ps.setTimestamp(5, now);
                ps.setString(6, storyId);
                if (ps.executeUpdate() == 0) {
                    return false;
                }
            }
            ledger.releaseStory(c, storyId);
            return true;
        });
    }

    /** What the story still has reserved for shots without a job. */
    public BigDecimal reserved(String storyId) {
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "select amount_usd from story_hold where story_id = ? and state = 'held'")) {
                ps.setString(1, storyId);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? rs.getBigDecimal(1) : BigDecimal.ZERO;
                }
            }
        });
    }

    private void updateShot(String set, String storyId, String shotId, String... values) {
        db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("update story_shot set " + set
                    + " where story_id = ? and shot_id = ?")) {
                int i = 1;
                for (String value : values) {
                    ps.setString(i++, value);
                }
                ps.setString(i++, storyId);
                ps.setString(i, shotId);
                if (ps.executeUpdate() != 1) {
                    throw new StoreException("no shot " + shotId + " in story " + storyId);
                }
            }
            return null;
        });
    }

    private void update(String sql, String storyId) {
        db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setTimestamp(1, now());
                ps.setString(2, storyId);
                return ps.executeUpdate();
            }
        });
    }

    private static List<StoryRecord> query(Connection c, String sql, String arg) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            if (arg != null) {
                ps.setString(1, arg);
            }
            List<StoryRecord> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(new StoryRecord(rs.getString("id"), rs.getString("user_id"), rs.getString("source"),
                            rs.getString("intake_key"), StoryState.fromDb(rs.getString("state")),
                            rs.getString("spec_json"), rs.getString("plan_json"), rs.getBigDecimal("estimate_usd"),
                            rs.getBoolean("preview_made"), rs.getString("error_code"),
                            rs.getString("error_message"), rs.getBoolean("inputs_archived"),
                            Database.instant(rs, "created_at"), Database.instant(rs, "updated_at"),
                            Database.instant(rs, "finished_at")));
                }
            }
            return rows;
        }
    }

    private Timestamp now() {
        return Timestamp.from(clock.instant());
    }
}
