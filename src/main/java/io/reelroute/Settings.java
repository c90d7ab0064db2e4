package io.reelroute;

import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Optional;
import java.util.function.Function;

/**
 * reelroute's own settings (the reelroute.* keys of config/application.properties). Each can be overridden
 * from the environment: REELROUTE_HOME for reelroute.home, REELROUTE_INBOX_STABLE_MS for
 * reelroute.inbox.stable-ms, and so on.
 */
public record Settings(
        Path home,
        Path modelsFile,
        Path plansFile,
        String defaultUser,
        String dbUrl,
        String dbUser,
        String dbPassword,
        String ffmpegPath,
        Duration inboxStable,
        Duration sidecarGrace,
        Duration orphanSidecarGrace,
        int imageMaxSide,
        ZoneId quotaZone,
        String storyTextFallbackModel,
        String sceneLlmModel,
        Duration sceneLlmTimeout,
        long httpMaxUploadBytes,
        long httpMaxBodyBytes,
        int httpMaxEventStreams,
        String notifySecret,
        int notifyAttempts,
        Duration notifyBackoff,
        int notifyConsumers,
        Duration notifyTimeout) {

    public static Settings from(Function<String, Optional<String>> property) {
        Function<String, String> get = key -> property.apply(key).map(String::trim).filter(v -> !v.isEmpty())
                .orElse(null);
        Path home = Path.of(orElse(get.apply("reelroute.home"), "workspace")).toAbsolutePath().normalize();
        String dbUrl = orElse(get.apply("reelroute.db.url"),
                "jdbc:h2:file:" + home.resolve("state/db/reelroute") + ";WRITE_DELAY=0");
        return new Settings(home,
                Path.of(orElse(get.apply("reelroute.config.models"), "config/models.yaml")),
                Path.of(orElse(get.apply("reelroute.config.plans"), "config/plans.yaml")),
                orElse(get.apply("reelroute.default-user"), "default"),
                dbUrl,
                orElse(get.apply("reelroute.db.user"), "sa"),
                orElse(get.apply("reelroute.db.password"), ""),
                get.apply("reelroute.ffmpeg.path"),
                millis(get.apply("reelroute.inbox.stable-ms"), 1000),
                millis(get.apply("reelroute.inbox.sidecar-grace-ms"), 2000),
                millis(get.apply("reelroute.inbox.orphan-sidecar-ms"), 60000),
                Integer.parseInt(orElse(get.apply("reelroute.image.max-side"), "8192")),
                ZoneId.of(orElse(get.apply("reelroute.quota.zone"), "UTC")),
                orElse(get.apply("reelroute.story.text-fallback-model"), "auto"),
                orElse(get.apply("reelroute.scene.llm-model"), "gemini-2.5-flash"),
                millis(get.apply("reelroute.scene.llm-timeout-ms"), 20000),
                Long.parseLong(orElse(get.apply("reelroute.http.max-upload-mb"), "64")) * 1024 * 1024,
                Long.parseLong(orElse(get.apply("reelroute.http.max-body-bytes"), "100000000")),
                Integer.parseInt(orElse(get.apply("reelroute.http.max-event-streams"), "8")),
                get.apply("reelroute.notify.secret"),
                Integer.parseInt(orElse(get.apply("reelroute.notify.attempts"), "6")),
                millis(get.apply("reelroute.notify.backoff-ms"), 2000),
                Integer.parseInt(orElse(get.apply("reelroute.notify.consumers"), "4")),
                millis(get.apply("reelroute.notify.timeout-ms"), 10000));
    }

    private static Duration millis(String value, long fallback) {
        return Duration.ofMillis(value == null ? fallback : Long.parseLong(value));
    }

    private static String orElse(String value, String fallback) {
        return value == null ? fallback : value;
    }
}
