package io.reelroute.store;

import io.reelroute.provider.UploadCache;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/** The upload cache in the database, so an uploaded input is reused across jobs and restarts until it expires. */
public final class StoredUploadCache implements UploadCache {
    private final Database db;
    private final Clock clock;

    public StoredUploadCache(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    @Override
    public Optional<String> find(String provider, String sha256) {
        return db.withConnection(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "select url from upload_cache where provider = ? and sha256 = ? and expires_at > ?")) {
                ps.setString(1, provider);
                ps.setString(2, sha256);
                ps.setTimestamp(3, Timestamp.from(clock.instant()));
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
                }
            }
        });
    }

    @Override
    public void put(String provider, String sha256, String url, Duration lifetime) {
        db.inTransaction(c -> {
            delete(c, provider, sha256);
            try (PreparedStatement ps = c.prepareStatement(
                    "insert into upload_cache (provider, sha256, url, expires_at) values (?,?,?,?)")) {
                ps.setString(1, provider);
                ps.setString(2, sha256);
                ps.setString(3, url);
                ps.setTimestamp(4, Timestamp.from(clock.instant().plus(lifetime)));
                ps.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public void forget(String provider, String sha256) {
        db.withConnection(c -> {
            delete(c, provider, sha256);
            return null;
        });
    }

    private static void delete(java.sql.Connection c, String provider, String sha256) throws java.sql.SQLException {
        try (PreparedStatement ps = c.prepareStatement("delete from upload_cache where provider = ? and sha256 = ?")) {
            ps.setString(1, provider);
            ps.setString(2, sha256);
            ps.executeUpdate();
        }
    }
}
