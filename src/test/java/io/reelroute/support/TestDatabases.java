package io.reelroute.support;

import io.reelroute.store.Database;
import java.nio.file.Path;

/** A real embedded database in a test's temporary folder, migrated like production. */
public final class TestDatabases {
    private TestDatabases() {
    }

    public static Database h2(Path dir) {
        return new Database("jdbc:h2:file:" + dir.resolve("db").toAbsolutePath() + ";WRITE_DELAY=0", "sa", "", 16);
    }
}
