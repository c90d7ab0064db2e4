package io.reelroute.store;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;

/** One row of the job table, as read. */
public record JobRecord(
        String id,
        String userId,
        String source,
        String intakeKey,
        String fingerprint,
        JobState state,
        String operation,
        String model,
        String provider,
        String specJson,
        String prompt,
        String parametersJson,
        Double billedSeconds,
        BigDecimal estimateUsd,
        BigDecimal costUsd,
        String predictionId,
        String errorCode,
        String errorMessage,
        String reuseOf,
        boolean inputsArchived,
        boolean resultWritten,
        boolean usageWritten,
        Instant createdAt,
        Instant updatedAt,
        Instant submittedAt,
        Instant generatedAt,
        Instant finishedAt,
        String handlesJson,
        String providerStatus,
        Integer queuePosition,
        String outputUrl,
        Instant nextAttemptAt,
        int attempts,
        Instant deadlineAt) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The handles that follow the job's prediction at its provider (fal's status_url, ...), never a key. */
    public Map<String, String> handles() {
        if (handlesJson == null) {
            return Map.of();
        }
        try {
            return JSON.readValue(handlesJson, new TypeReference<>() { });
        } catch (IOException e) {
            throw new UncheckedIOException("job " + id + " has unreadable handles", e);
        }
    }

    /** The parameters the job runs with (normalized by the catalog), from parameters_json. */
    public Map<String, Object> parameters() {
        try {
            return JSON.readValue(parametersJson, new TypeReference<>() { });
        } catch (IOException e) {
            throw new UncheckedIOException("job " + id + " has unreadable parameters", e);
        }
    }
}
