package io.reelroute.support;

import io.reelroute.store.Database;
import io.reelroute.store.JobState;
import io.reelroute.store.JobStore;
import io.reelroute.store.NewJob;
import java.math.BigDecimal;
import java.util.List;

/** Job rows written straight into a test database. */
public final class StoredJobs {
    private StoredJobs() {
    }

    public static void insert(JobStore jobs, String id, String user, String provider, JobState state) {
        Database db = jobs.database();
        db.inTransaction(c -> {
            jobs.insert(c, new NewJob(id, user, "inbox:" + id + ".png", null, "fp-" + id, state, "image-to-video",
                    provider.equals("local") ? "local-preview" : "ltx-2", provider, "{}", "p",
                    "{\"duration\":2,\"resolution\":\"480p\"}", 2, BigDecimal.ZERO, null, List.of()));
            return null;
        });
    }
}
