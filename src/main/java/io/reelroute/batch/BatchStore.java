package io.reelroute.batch;

import io.reelroute.error.ErrorCode;
import io.reelroute.quota.QuotaLedger;
import io.reelroute.store.Database;
import io.reelroute.store.JobState;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Batch records and their rows. A batch is recorded with all its rows and the reservation of its whole estimate
 * in one transaction under the user's quota lock. The database is the queue of rows to submit, so rows that a
 * stopped service had not submitted yet are submitted after a restart.
 */
public final class BatchStore {
    static final String PENDING = "pending";
    static final String SUBMITTED = "submitted";
    static final String DONE_BEFORE = "done_before";
    static final String FAILED = "failed";
    private static final String RUNNING = "running";

    private final Database db;
    private final QuotaLedger ledger;
    private final Clock clock;

    public BatchStore(Database db, QuotaLedger ledger, Clock clock) {
        this.db = db;
        this.ledger = ledger;
        this.clock = clock;
    }

    /** A row waiting for its job, with what is needed to build the job. */
    public record PendingRow(String batchId, String userId, String source, int number, String rowId, String specJson) {
    }

    /** A row as results.csv shows it: the row's own state, and its job's when it has one. */
    public record ReportRow(String rowId, String state, String jobId, String errorCode, String errorMessage,
                            JobState jobState, BigDecimal jobCost, String jobErrorCode, String jobErrorMessage) {
        public boolean isFinal() {
            return !state.equals(PENDING) && (jobState == null || jobState.isFinal());
        }
    }

    /**
     * Checks the user's plan (every model, the daily job count, the budget for the whole estimate), then records
     * the batch and its rows and reserves the estimate; nothing is recorded when a check fails.
     */
    public void record(BatchDraft draft) {
        ledger.ensureAccount(draft.userId());
        db.inTransaction(c -> {
            ledger.lock(c, draft.userId());
            List<BatchRowPlan> toRun = draft.toRun();
            for (BatchRowPlan row : toRun) {
                ledger.checkModel(draft.userId(), row.model());
            }
            ledger.checkDaily(c, draft.userId(), toRun.size());
            ledger.checkBudget(c, draft.userId(), draft.totalUsd(), "this batch (" + toRun.size() + " rows to run)");
            insert(c, draft);
            ledger.holdBatch(c, draft.batchId(), draft.userId(), draft.totalUsd());
            return null;
        });
    }

    private void insert(Connection c, BatchDraft draft) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("insert into batch (id, user_id, source, intake_key, state,"
                + " estimate_usd, created_at) values (?,?,?,?,?,?,?)")) {
            ps.setString(1, draft.batchId());
            ps.setString(2, draft.userId());
            ps.setString(3, draft.fileName());
            ps.setString(4, draft.intakeKey());
            ps.setString(5, RUNNING);
            ps.setBigDecimal(6, draft.totalUsd());
            ps.setTimestamp(7, Timestamp.from(clock.instant()));
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("insert into batch_row (batch_id, row_number, row_id, row_key,"
                + " spec_json, estimate_usd, state, job_id) values (?,?,?,?,?,?,?,?)")) {
            for (BatchRowPlan row : draft.rows()) {
                ps.setString(1, draft.batchId());
                ps.setInt(2, row.number());
                ps.setString(3, row.rowId());
                ps.setString(4, row.rowKey());
                ps.setString(5, row.specJson());
                ps.setBigDecimal(6, row.doneBy() == null ? row.estimateUsd() : BigDecimal.ZERO);
                ps.setString(7, row.doneBy() == null ? PENDING : DONE_BEFORE);
                ps.setString(8, row.doneBy());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** The batch recorded from this very file whose file was not yet moved to archive/ (a crash in between). */
    public Optional<String> findUnarchivedIntake(String intakeKey) {
        return db.withConnection(c -> first(c, "select id from batch where intake_key = ? and inputs_archived = false",
                intakeKey));
    }

    public void markInputsArchived(String batchId) {
        db.withConnection(c -> update(c, "update batch set inputs_archived = true where id = ?", batchId));
    }

    /** The completed job of the same row (same owner, row id and spec) from any earlier import, if there is one. */
    public Optional<String> completedJobOf(String rowKey) {
        return db.withConnection(c -> first(c, "select r.job_id from batch_row r join job j on j.id = r.job_id"
                + " where r.row_key = ? and j.state = '" + JobState.COMPLETED.dbValue() + "'"
                + " order by j.created_at desc", rowKey));
    }

    /** Who owns a batch, and whether it is still running: {owner, state}; empty when there is no such batch. */
    public Optional<String[]> ownerAndState(String batchId) {
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("select user_id, state from batch where id = ?")) {
                ps.setString(1, batchId);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(new String[] {rs.getString(1), rs.getString(2)}) : Optional.empty();
                }
            }
        });
    }

    /** The batch a job ran a row of, for re-imports of results.csv. */
    public Optional<String> batchOfJob(String jobId) {
        return db.withConnection(c -> first(c, "select batch_id from batch_row where job_id = ?", jobId));
    }

    /** A recorded batch's rows, in order, each as its row id and its stored spec (JSON). */
    public List<String[]> rowsOf(String batchId) {
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("select row_id, spec_json from batch_row where batch_id = ?"
                    + " order by row_number")) {
                ps.setString(1, batchId);
                List<String[]> rows = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        rows.add(new String[] {rs.getString(1), rs.getString(2)});
                    }
                }
                return rows;
            }
        });
    }

    /** The next rows waiting for their jobs, oldest batch first. */
    public List<PendingRow> pending(int limit) {
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("select r.batch_id, b.user_id, b.source, r.row_number,"
                    + " r.row_id, r.spec_json from batch_row r join batch b on b.id = r.batch_id where r.state = ?"
                    + " order by b.created_at, r.batch_id, r.row_number fetch first " + limit + " rows only")) {
                ps.setString(1, PENDING);
                List<PendingRow> rows = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        rows.add(new PendingRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getInt(4),
                                rs.getString(5), rs.getString(6)));
                    }
                }
                return rows;
            }
        });
    }

    /** A row whose job could not be recorded (its input vanished, the user's plan changed, ...). */
    public void failRow(String batchId, int number, ErrorCode code, String message) {
        db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("update batch_row set state = ?, error_code = ?,"
                    + " error_message = ? where batch_id = ? and row_number = ? and state = ?")) {
                ps.setString(1, FAILED);
                ps.setString(2, code.code());
                ps.setString(3, message);
                ps.setString(4, batchId);
                ps.setInt(5, number);
                ps.setString(6, PENDING);
                return ps.executeUpdate();
            }
        });
    }

    public List<String> running() {
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("select id from batch where state = ? order by created_at")) {
                ps.setString(1, RUNNING);
                List<String> ids = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        ids.add(rs.getString(1));
                    }
                }
                return ids;
            }
        });
    }

    public List<ReportRow> report(String batchId) {
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("select r.row_id, r.state, r.job_id, r.error_code,"
                    + " r.error_message, j.state, j.cost_usd, j.error_code, j.error_message from batch_row r"
                    + " left join job j on j.id = r.job_id where r.batch_id = ? order by r.row_number")) {
                ps.setString(1, batchId);
                List<ReportRow> rows = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        String jobState = rs.getString(6);
                        rows.add(new ReportRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                                rs.getString(5), jobState == null ? null : JobState.fromDb(jobState),
                                rs.getBigDecimal(7), rs.getString(8), rs.getString(9)));
                    }
                }
                return rows;
            }
        });
    }

    /** Every row has ended: the batch is completed and gives back what it still had reserved. */
    public void finish(String batchId) {
        db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("update batch set state = 'completed', finished_at = ?"
                    + " where id = ? and state = ?")) {
                ps.setTimestamp(1, Timestamp.from(clock.instant()));
                ps.setString(2, batchId);
                ps.setString(3, RUNNING);
                ps.executeUpdate();
            }
            ledger.releaseBatch(c, batchId);
            return null;
        });
    }

    private static Optional<String> first(Connection c, String sql, String value) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, value);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.ofNullable(rs.getString(1)) : Optional.empty();
            }
        }
    }

    private static int update(Connection c, String sql, String value) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, value);
            return ps.executeUpdate();
        }
    }
}
