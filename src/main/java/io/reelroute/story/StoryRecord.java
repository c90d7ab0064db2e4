package io.reelroute.story;

import java.math.BigDecimal;
import java.time.Instant;

/** One row of the story table, as read. */
public record StoryRecord(
        String id,
        String userId,
        String source,
        String intakeKey,
        StoryState state,
        String specJson,
        String planJson,
        BigDecimal estimateUsd,
        boolean previewMade,
        String errorCode,
        String errorMessage,
        boolean inputsArchived,
        Instant createdAt,
        Instant updatedAt,
        Instant finishedAt) {
}
