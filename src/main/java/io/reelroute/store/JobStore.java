package io.reelroute.store;

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
 * Durable job records. Every state change is a compare-and-set on the current state, so two threads (or a
 * recovery pass and a live route) can never both move a job forward.
 */
public final class JobStore {
    private static final String COLUMNS = "id, user_id, source, intake_key, fingerprint, state, operation, model,"
            + " provider, spec_json, prompt, parameters_json, billed_seconds, estimate_usd, cost_usd, prediction_id,"
            + " error_code, error_message, reuse_of, inputs_archived, result_written, usage_written, created_at,"
            + " updated_at, submitted_at, generated_at, finished_at, handles_json, provider_status, queue_position,"
            + " output_url, next_attempt_at, attempts, deadline_at";

    private final Database db;
    private final Clock clock;

    public JobStore(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    public Database database() {
        return db;
    }

    public void insert(Connection c, NewJob job) throws SQLException {
        Timestamp now = now();
        try (PreparedStatement ps = c.prepareStatement("insert into job (id, user_id, source, intake_key, fingerprint,"
                + " state, operation, model, provider, spec_json, prompt, parameters_json, billed_seconds,"
                + " estimate_usd, reuse_of, created_at, updated_at) values (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)")) {
            ps.setString(1, job.id());
            ps.setString(2, job.userId());
            ps.setString(3, job.source());
            ps.setString(4, job.intakeKey());
            ps.setString(5, job.fingerprint());
            ps.setString(6, job.state().dbValue());
            ps.setString(7, job.operation());
            ps.setString(8, job.model());
            ps.setString(9, job.provider());
            ps.setString(10, job.specJson());
            ps.setString(11, job.prompt());
            ps.setString(12, job.parametersJson());
            ps.setDouble(13, job.billedSeconds());
            ps.setBigDecimal(14, job.estimateUsd());
            ps.setString(15, job.reuseOf());
            ps.setTimestamp(16, now);
            ps.setTimestamp(17, now);
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement(
                "insert into job_input (job_id, role, sha256, location, original_name) values (?,?,?,?,?)")) {
            for (JobInput input : job.inputs()) {
                ps.setString(1, job.id());
                ps.setString(2, input.role());
                ps.setString(3, input.sha256());
                ps.setString(4, input.location());
                ps.setString(5, input.originalName());
                ps.addBatch();
            }
            ps.executeBatch();
        }
        event(c, job.id(), "received", job.source());
    }

    public Optional<JobRecord> find(String id) {
        return db.withConnection(c -> find(c, id));
    }

    public Optional<JobRecord> find(Connection c, String id) throws SQLException {
        List<JobRecord> rows = query(c, "select " + COLUMNS + " from job where id = ?", id);
        return rows.stream().findFirst();
    }

    /** The newest job with this fingerprint that has not failed: a repeat is answered from it. */
    public Optional<JobRecord> findRepeatable(Connection c, String fingerprint) throws SQLException {
        return query(c, "select " + COLUMNS + " from job where fingerprint = ? and reuse_of is null"
                + " and state in ('queued','submitting','running','downloading','generated','completed')"
                + " order by created_at desc", fingerprint)
                .stream().findFirst();
    }

    /** Records that a job runs a story's step, in the transaction that records the job. */
    public void linkToStory(Connection c, String storyId, String step, String jobId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "insert into story_job (story_id, step, job_id, created_at) values (?,?,?,?)")) {
            ps.setString(1, storyId);
            ps.setString(2, step);
            ps.setString(3, jobId);
            ps.setTimestamp(4, now());
            ps.executeUpdate();
        }
    }

    /**
     * Records that a job runs a batch's row, in the transaction that records the job. Only a row still pending
     * takes it: a row another thread or process has just given a job refuses, and the second job is never recorded.
     */
    public void linkToBatchRow(Connection c, String batchId, int rowNumber, String jobId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("update batch_row set job_id = ?, state = 'submitted'"
                + " where batch_id = ? and row_number = ? and state = 'pending'")) {
            ps.setString(1, jobId);
            ps.setString(2, batchId);
            ps.setInt(3, rowNumber);
            if (ps.executeUpdate() == 0) {
                throw new IllegalStateException("row " + rowNumber + " of batch " + batchId
                        + " has its job already; it is not submitted twice");
            }
        }
    }

    /** The newest job of a story's step (a shot's keyframe or video), if it has one. */
    public Optional<JobRecord> latestOfStoryStep(String storyId, String step) {
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("select " + prefixed("j") + " from job j join story_job s"
                    + " on s.job_id = j.id where s.story_id = ? and s.step = ? order by j.created_at desc, j.id desc")) {
                ps.setString(1, storyId);
                ps.setString(2, step);
                return read(ps).stream().findFirst();
            }
        });
    }

    /** Every job a story ran, oldest first. */
    public List<JobRecord> ofStory(String storyId) {
        return db.withConnection(c -> query(c, "select " + prefixed("j") + " from job j join story_job s"
                + " on s.job_id = j.id where s.story_id = ? order by j.created_at, j.id", storyId));
    }

    /** A job recorded from these very inbox files whose files were not yet moved to archive/ (a crash in between). */
    public Optional<JobRecord> findUnarchivedIntake(String intakeKey) {
        return db.withConnection(c -> query(c, "select " + COLUMNS + " from job where intake_key = ?"
                + " and inputs_archived = false", intakeKey).stream().findFirst());
    }

    /** A user's jobs, newest first, of one state or (null) of all, at most {@code limit}. */
    public List<JobRecord> ofUser(String userId, JobState state, int limit) {
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("select " + COLUMNS + " from job where user_id = ?"
                    + (state == null ? "" : " and state = ?") + " order by created_at desc, id desc")) {
                ps.setString(1, userId);
                if (state != null) {
                    ps.setString(2, state.dbValue());
                }
                ps.setMaxRows(limit);
                return read(ps);
            }
        });
    }

    public List<JobRecord> inState(JobState state) {
        return db.withConnection(c -> query(c, "select " + COLUMNS + " from job where state = ? order by created_at",
                state.dbValue()));
    }

    public List<JobRecord> waitingOn(Connection c, String originalId) throws SQLException {
        return query(c, "select " + COLUMNS + " from job where reuse_of = ? and state = 'waiting'", originalId);
    }

    /** Final jobs whose result file or usage line was not yet written (a crash right after the final commit). */
    public List<JobRecord> unsettledFinals() {
        return db.withConnection(c -> query(c, "select " + COLUMNS + " from job where state in"
                + " ('completed','failed','cancelled') and (result_written = false or usage_written = false)"));
    }

    /** Repeats whose earlier job has reached a final state, so they can be answered now. */
    public List<JobRecord> answerableRepeats() {
        return db.withConnection(c -> query(c, "select " + prefixed("j") + " from job j join job o on o.id = j.reuse_of"
                + " where j.state = 'waiting' and o.state in ('completed','failed','cancelled') order by j.created_at"));
    }

    /** Jobs left in {@code state} by a process that stopped before {@code before} (the current start-up). */
    public List<JobRecord> leftInState(JobState state, Instant before) {
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("select " + COLUMNS + " from job where state = ?"
                    + " and updated_at < ? order by created_at")) {
                ps.setString(1, state.dbValue());
                ps.setTimestamp(2, Timestamp.from(before));
                return read(ps);
            }
        });
    }

    public List<JobRecord> queued(Connection c, int limit) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select " + COLUMNS + " from job where state = 'queued'"
                + " order by created_at, id")) {
            ps.setMaxRows(limit);
            return read(ps);
        }
    }

    public int countRunningByUser(Connection c, String userId) throws SQLException {
        return count(c, "select count(*) from job where user_id = ? and state in ('submitting','running')", userId);
    }

    public int countRunningByProvider(Connection c, String provider) throws SQLException {
        return count(c, "select count(*) from job where provider = ? and state in ('submitting','running')", provider);
    }

    /** Jobs a user started since {@code since}, repeats answered from earlier results not counted. */
    public int countCreatedSince(Connection c, String userId, Instant since) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "select count(*) from job where user_id = ? and created_at >= ? and reuse_of is null")) {
            ps.setString(1, userId);
            ps.setTimestamp(2, Timestamp.from(since));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    public List<JobInput> inputs(String jobId) {
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "select role, sha256, location, original_name from job_input where job_id = ? order by role")) {
                ps.setString(1, jobId);
                List<JobInput> inputs = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        inputs.add(new JobInput(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)));
                    }
                }
                return inputs;
            }
        });
    }

    public List<JobEvent> events(String jobId) {
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "select ts, stage, detail from job_event where job_id = ? order by id")) {
                ps.setString(1, jobId);
                List<JobEvent> events = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        events.add(new JobEvent(rs.getTimestamp(1).toInstant(), rs.getString(2), rs.getString(3)));
                    }
                }
                return events;
            }
        });
    }

    public void event(Connection c, String jobId, String stage, String detail) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "insert into job_event (job_id, ts, stage, detail) values (?,?,?,?)")) {
            ps.setString(1, jobId);
            ps.setTimestamp(2, now());
            ps.setString(3, stage);
            ps.setString(4, detail);
            ps.executeUpdate();
        }
    }

    public void event(String jobId, String stage, String detail) {
        db.withConnection(c -> {
            event(c, jobId, stage, detail);
            return null;
        });
    }

    /** Moves a job from one state to another; false when it was not in {@code from} (someone else moved it). */
    public boolean transition(Connection c, String id, JobState from, JobState to) throws SQLException {
        return transition(c, id, from, to, null, null);
    }

    /**
     * As {@link #transition(Connection, String, JobState, JobState)}, with the step that led to it recorded
     * first on the timeline (for example "downloaded" before "generated"), only when the move happens.
     */
    public boolean transition(Connection c, String id, JobState from, JobState to, String leadStage, String leadDetail)
            throws SQLException {
        String stamp = switch (to) {
            case SUBMITTING, RUNNING -> ", submitted_at = coalesce(submitted_at, ?)";
            case GENERATED -> ", generated_at = ?";
            case COMPLETED, FAILED, CANCELLED -> ", finished_at = ?";
            default -> "";
        };
        try (PreparedStatement ps = c.prepareStatement(
                "update job set state = ?, updated_at = ?" + stamp + " where id = ? and state = ?")) {
            Timestamp now = now();
            int i = 1;
            ps.setString(i++, to.dbValue());
            ps.setTimestamp(i++, now);
            if (!stamp.isEmpty()) {
                ps.setTimestamp(i++, now);
            }
            ps.setString(i++, id);
            ps.setString(i, from.dbValue());
            boolean moved = ps.executeUpdate() == 1;
            if (moved) {
                if (leadStage != null) {
                    event(c, id, leadStage, leadDetail);
                }
                event(c, id, to.dbValue(), null);
            }
            return moved;
        }
    }

    /** Remote jobs whose next status call or download is due; each is leased for {@code lease} so no other
     * tick takes it while it is being worked on. */
    public List<JobRecord> leaseDue(Connection c, Instant now, java.time.Duration lease, int limit)
            throws SQLException {
        List<JobRecord> due;
        try (PreparedStatement ps = c.prepareStatement("select " + COLUMNS + " from job where state in"
                + " ('running','downloading') and provider <> 'local' and next_attempt_at <= ?"
                + " order by next_attempt_at")) {
            ps.setTimestamp(1, Timestamp.from(now));
            ps.setMaxRows(limit);
            due = read(ps);
        }
        for (JobRecord job : due) {
            update(c, "update job set next_attempt_at = ? where id = ?", Timestamp.from(now.plus(lease)), job.id());
        }
        return due;
    }

    public void recordPrediction(Connection c, String id, String predictionId, String handlesJson, Instant deadline,
                                 Instant nextAttempt) throws SQLException {
        update(c, "update job set prediction_id = ?, handles_json = ?, deadline_at = ?, next_attempt_at = ?,"
                + " attempts = 0 where id = ?", predictionId, handlesJson, Timestamp.from(deadline),
                Timestamp.from(nextAttempt), id);
    }

    public void recordProviderStatus(Connection c, String id, String status, Integer queuePosition)
            throws SQLException {
        update(c, "update job set provider_status = ?, queue_position = ? where id = ?", status, queuePosition, id);
    }

    public void setOutputUrl(Connection c, String id, String url) throws SQLException {
        update(c, "update job set output_url = ? where id = ?", url, id);
    }

    /** When to try the job's next status call or download; {@code attempts} counts failures in a row. */
    public void scheduleAttempt(Connection c, String id, Instant at, int attempts) throws SQLException {
        update(c, "update job set next_attempt_at = ?, attempts = ? where id = ?", Timestamp.from(at), attempts, id);
    }

    /** A failed job taken up again from its prediction: error cleared, result and usage to be written anew. */
    public void reopen(Connection c, String id, Instant deadline, Instant nextAttempt) throws SQLException {
        update(c, "update job set error_code = null, error_message = null, result_written = false,"
                + " usage_written = false, finished_at = null, deadline_at = ?, next_attempt_at = ?, attempts = 0"
                + " where id = ?", Timestamp.from(deadline), Timestamp.from(nextAttempt), id);
    }

    public void setCost(Connection c, String id, BigDecimal cost) throws SQLException {
        update(c, "update job set cost_usd = ? where id = ?", cost, id);
    }

    public void setError(Connection c, String id, String code, String message) throws SQLException {
        update(c, "update job set error_code = ?, error_message = ? where id = ?", code, message, id);
    }

    public void markInputsArchived(String id) {
        db.withConnection(c -> update(c, "update job set inputs_archived = true where id = ?", id));
    }

    /** Flags a job's result.json as written; false when it already was (another settle got there first). */
    public boolean markResultWritten(Connection c, String id) throws SQLException {
        return update(c, "update job set result_written = true where id = ? and result_written = false", id) == 1;
    }

    public void markUsageWritten(String id) {
        db.withConnection(c -> update(c, "update job set usage_written = true where id = ?", id));
    }

    private static String prefixed(String alias) {
        return alias + "." + COLUMNS.replace(", ", ", " + alias + ".");
    }

    private static int update(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            return ps.executeUpdate();
        }
    }

    private static int count(Connection c, String sql, String arg) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, arg);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    private static List<JobRecord> query(Connection c, String sql, String arg) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            if (arg != null) {
                ps.setString(1, arg);
            }
            return read(ps);
        }
    }

    private static List<JobRecord> query(Connection c, String sql) throws SQLException {
        return query(c, sql, null);
    }

    private static List<JobRecord> read(PreparedStatement ps) throws SQLException {
        List<JobRecord> rows = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                rows.add(new JobRecord(rs.getString("id"), rs.getString("user_id"), rs.getString("source"),
                        rs.getString("intake_key"), rs.getString("fingerprint"),
                        JobState.fromDb(rs.getString("state")), rs.getString("operation"), rs.getString("model"),
                        rs.getString("provider"), rs.getString("spec_json"), rs.getString("prompt"),
                        rs.getString("parameters_json"), (Double) rs.getObject("billed_seconds", Double.class),
                        rs.getBigDecimal("estimate_usd"), rs.getBigDecimal("cost_usd"), rs.getString("prediction_id"),
                        rs.getString("error_code"), rs.getString("error_message"), rs.getString("reuse_of"),
                        rs.getBoolean("inputs_archived"), rs.getBoolean("result_written"),
                        rs.getBoolean("usage_written"), Database.instant(rs, "created_at"),
                        Database.instant(rs, "updated_at"), Database.instant(rs, "submitted_at"),
                        Database.instant(rs, "generated_at"), Database.instant(rs, "finished_at"),
                        rs.getString("handles_json"), rs.getString("provider_status"),
                        (Integer) rs.getObject("queue_position", Integer.class), rs.getString("output_url"),
                        Database.instant(rs, "next_attempt_at"), rs.getInt("attempts"),
                        Database.instant(rs, "deadline_at")));
            }
        }
        return rows;
    }

    private Timestamp now() {
        return Timestamp.from(clock.instant());
    }
}
