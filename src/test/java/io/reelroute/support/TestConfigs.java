package io.reelroute.support;

import io.reelroute.files.Hashing;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Variants of the real config/ files for tests: the same catalog with other cadence or caps, test users. */
public final class TestConfigs {
    private TestConfigs() {
    }

    /** config/models.yaml with every model's poll cadence and timeout replaced, and every provider cap set. */
    public static Path catalog(Path target, String intervalSeconds, String timeoutSeconds, int concurrency) {
        try {
            String yaml = Files.readString(Path.of("config/models.yaml"))
                    .replaceAll("poll: \\{ interval_seconds: [0-9.]+, timeout_seconds: [0-9.]+ }",
                            "poll: { interval_seconds: " + intervalSeconds + ", timeout_seconds: " + timeoutSeconds + " }")
                    .replaceAll("concurrency: [0-9]+", "concurrency: " + concurrency);
            Files.createDirectories(target.getParent());
            return Files.writeString(target, yaml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A plans file whose default user may use every model with a large budget. */
    public static Path plans(Path target, String budgetUsd) {
        try {
            Files.createDirectories(target.getParent());
            return Files.writeString(target, """
                    plans:
                      studio: { monthly_budget_usd: %s, daily_jobs: 100000, concurrent_jobs: 1000, models: ["*"] }
                    users:
                      default: { plan: studio }
                    """.formatted(budgetUsd));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A plans file for the HTTP API: alice and bob with keys {@code alice-key} and {@code bob-key}; {@code stuck},
     * whose plan runs no job at once (its jobs stay queued); {@code once}, one job a day. Digests only, as in
     * production.
     */
    public static Path apiPlans(Path target) {
        try {
            Files.createDirectories(target.getParent());
            return Files.writeString(target, """
                    plans:
                      studio: { monthly_budget_usd: 50, daily_jobs: 1000, concurrent_jobs: 4, models: ["*"] }
                      frozen: { monthly_budget_usd: 50, daily_jobs: 1000, concurrent_jobs: 0, models: ["*"] }
                      single: { monthly_budget_usd: 50, daily_jobs: 1, concurrent_jobs: 1, models: [local-preview] }
                    users:
                      default: { plan: studio }
                      alice: { plan: studio, api_keys: [ { sha256: "%s" } ] }
                      bob:   { plan: studio, api_keys: [ { sha256: "%s" } ] }
                      stuck: { plan: frozen, api_keys: [ { sha256: "%s" } ] }
                      once:  { plan: single, api_keys: [ { sha256: "%s" } ] }
                    """.formatted(Hashing.sha256("alice-key"), Hashing.sha256("bob-key"),
                    Hashing.sha256("stuck-key"), Hashing.sha256("once-key")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
