package io.reelroute.store;

import java.sql.SQLException;

/** A database failure; unchecked so that callers in routes see it through Camel's error handling. */
public class StoreException extends RuntimeException {
    public StoreException(SQLException cause) {
        super(cause.getMessage(), cause);
    }

    public StoreException(String message) {
        super(message);
    }

    /** SQLState 23505 is a unique-key violation in both H2 and PostgreSQL. */
    public static boolean isDuplicateKey(SQLException e) {
        return "23505".equals(e.getSQLState());
    }
}
