package io.reelroute.notify;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.reelroute.store.Database;
import io.reelroute.store.JobRecord;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The notify_url deliveries in the database (table notify_delivery). A delivery is recorded in the transaction
 * that marks its job's result as written, so no crash loses it; every later change is a compare-and-set, so
 * two senders (threads, or processes sharing a PostgreSQL database) never both record an outcome.
 */
public final class NotifyStore {
    private static final String COLUMNS = "id, job_id, url, attempts, next_attempt_at, state, last_outcome";

    private final Database db;
    private final ObjectMapper json;
    private final Clock clock;

    public NotifyStore(Database db, ObjectMapper json, Clock clock) {
        this.db = db;
        this.json = json;
        this.clock = clock;
    }

    /** Records a pending delivery, due now, when the job's spec has a notify_url; inside the caller's transaction. */
    public void record(Connection c, JobRecord job) throws SQLException {
        String url = notifyUrl(job.specJson());
        if (url == null) {
            return;
        }
        Timestamp now = Timestamp.from(clock.instant());
        // a resumed job that ends again: an older delivery still pending would send this same (new) result.json
        try (PreparedStatement ps = c.prepareStatement("update notify_delivery set state = ?, last_outcome = ?,"
                + " updated_at = ? where job_id = ? and state = 'pending'")) {
            ps.setString(1, NotifyDelivery.State.GIVEN_UP.dbValue());
            ps.setString(2, "superseded: the job ended again");
            ps.setTimestamp(3, now);
            ps.setString(4, job.id());
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("insert into notify_delivery (job_id, url, attempts,"
                + " next_attempt_at, state, created_at, updated_at) values (?,?,0,?,?,?,?)")) {
            ps.setString(1, job.id());
            ps.setString(2, url);
            ps.setTimestamp(3, now);
            ps.setString(4, NotifyDelivery.State.PENDING.dbValue());
            ps.setTimestamp(5, now);
            ps.setTimestamp(6, now);
            ps.executeUpdate();
        }
    }

    /**
     * Pending deliveries due at {@code now}, oldest first, at most {@code limit}; each is leased (its next attempt
     * pushed to now + lease) so no other tick or process takes it while its call is in flight. A delivery whose
     * sender dies mid-call is due again once the lease has passed.
     */
    public List<NotifyDelivery> claimDue(Instant now, Duration lease, int limit) {
        if (limit <= 0) {
            return List.of();
        }
        return db.inTransaction(c -> {
            List<NotifyDelivery> due;
            try (PreparedStatement ps = c.prepareStatement("select " + COLUMNS + " from notify_delivery"
                    + " where state = 'pending' and next_attempt_at <= ? order by next_attempt_at, id")) {
                ps.setTimestamp(1, Timestamp.from(now));
                ps.setMaxRows(limit);
                due = read(ps);
            }
            List<NotifyDelivery> claimed = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("update notify_delivery set next_attempt_at = ?"
                    + " where id = ? and state = 'pending' and next_attempt_at <= ?")) {
                for (NotifyDelivery delivery : due) {
                    ps.setTimestamp(1, Timestamp.from(now.plus(lease)));
                    ps.setLong(2, delivery.id());
                    ps.setTimestamp(3, Timestamp.from(now));
                    if (ps.executeUpdate() == 1) {
                        claimed.add(delivery);
                    }
                }
            }
            return claimed;
        });
    }

    /**
     * Records the outcome of the call made on a claimed delivery: one more attempt, the new state, and when the
     * next call may start ({@code next} is ignored unless pending). False when the delivery moved on meanwhile
     * (another sender recorded this attempt), and then nothing is written.
     */
    public boolean recordAttempt(Connection c, NotifyDelivery claimed, NotifyDelivery.State state, String outcome,
                                 Instant next) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("update notify_delivery set attempts = attempts + 1,"
                + " state = ?, last_outcome = ?, next_attempt_at = ?, updated_at = ?"
                + " where id = ? and state = 'pending' and attempts = ?")) {
            Instant now = clock.instant();
            ps.setString(1, state.dbValue());
            ps.setString(2, outcome);
            ps.setTimestamp(3, Timestamp.from(state == NotifyDelivery.State.PENDING ? next : now));
            ps.setTimestamp(4, Timestamp.from(now));
            ps.setLong(5, claimed.id());
            ps.setInt(6, claimed.attempts());
            return ps.executeUpdate() == 1;
        }
    }

    /** A job's deliveries, oldest first (a resumed job that ends again has a second one). */
    public List<NotifyDelivery> ofJob(String jobId) {
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("select " + COLUMNS + " from notify_delivery"
                    + " where job_id = ? order by id")) {
                ps.setString(1, jobId);
                return read(ps);
            }
        });
    }

    private String notifyUrl(String specJson) {
        try {
            String url = json.readTree(specJson).path("notify_url").asText(null);
            return url == null || url.isBlank() ? null : url.trim();
        } catch (IOException e) {
            return null; // a stored spec was read and checked at intake; nothing to call without one
        }
    }

    private static List<NotifyDelivery> read(PreparedStatement ps) throws SQLException {
        List<NotifyDelivery> rows = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                rows.add(new NotifyDelivery(rs.getLong("id"), rs.getString("job_id"), rs.getString("url"),
                        rs.getInt("attempts"), Database.instant(rs, "next_attempt_at"),
                        NotifyDelivery.State.fromDb(rs.getString("state")), rs.getString("last_outcome")));
            }
        }
        return rows;
    }
}
