package io.reelroute.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.reelroute.support.TestDatabases;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A batch row gets one job, however many submitters reach for it at once. */
class BatchRowLinkTest {
    @TempDir
    Path dir;

    private Database db;
    private JobStore jobs;

    @BeforeEach
    void setUp() {
        db = TestDatabases.h2(dir);
        jobs = new JobStore(db, Clock.systemUTC());
        db.inTransaction(c -> {
            try (PreparedStatement batch = c.prepareStatement("insert into batch (id, user_id, source, intake_key,"
                    + " state, estimate_usd, created_at) values ('batch-1', 'alice', 'b.csv', 'k', 'running', 1,"
                    + " current_timestamp)");
                 PreparedStatement row = c.prepareStatement("insert into batch_row (batch_id, row_number, row_id,"
                         + " row_key, spec_json, estimate_usd, state) values ('batch-1', 1, 'r1', 'rk', '{}', 1,"
                         + " 'pending')")) {
                batch.executeUpdate();
                return row.executeUpdate();
            }
        });
    }

    @AfterEach
    void tearDown() {
        db.close();
    }

    @Test
    void aRowThatHasItsJobRefusesASecond() {
        db.inTransaction(c -> {
            jobs.linkToBatchRow(c, "batch-1", 1, "job-first");
            return null;
        });
        // a second submitter (another process on the same database) came for the same pending row
        assertThatThrownBy(() -> db.inTransaction(c -> {
            jobs.linkToBatchRow(c, "batch-1", 1, "job-second");
            return null;
        })).hasStackTraceContaining("not submitted twice");
        assertThat(jobOfRow()).isEqualTo("job-first");
    }

    private String jobOfRow() {
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement("select job_id from batch_row where batch_id = 'batch-1'");
                 ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        });
    }
}
