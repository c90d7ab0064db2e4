package io.reelroute.batch;

import java.math.BigDecimal;

/**
 * One row of a batch, priced: what it would run (operation, model, estimate), or why it cannot run.
 *
 * @param number   1-based position among the data rows
 * @param rowKey   owner, row id and spec hashed: the same row in a re-import has the same key
 * @param specJson the row's spec, kept so the row can be submitted (or re-imported) later from the database
 * @param doneBy   the job that already completed this very row in an earlier import, or null
 * @param error    why the row cannot run, or null
 */
public record BatchRowPlan(int number, String rowId, String rowKey, String specJson, String operation, String model,
                           BigDecimal estimateUsd, String doneBy, Throwable error) {
}
