package io.reelroute.store;

import java.math.BigDecimal;
import java.util.List;

/** What is known of a job when it is first recorded. */
public record NewJob(
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
        double billedSeconds,
        BigDecimal estimateUsd,
        String reuseOf,
        List<JobInput> inputs) {
}
