package io.reelroute.store;

import java.math.BigDecimal;
import java.time.Instant;

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
        Instant finishedAt) {
}
