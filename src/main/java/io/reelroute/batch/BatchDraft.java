package io.reelroute.batch;

import java.math.BigDecimal;
import java.util.List;

/**
 * A CSV batch after reading and pricing, before it is recorded: every row with its estimate, or its error, or the
 * earlier job that already completed it.
 *
 * @param fileName  the CSV's name, for sources ({@code batch:<file>#<row>}) and messages
 * @param intakeKey the CSV's content hash, to recognise a crash between recording and archiving
 */
public record BatchDraft(String batchId, String fileName, String intakeKey, String userId, List<BatchRowPlan> rows) {

    /** The rows that are new work: valid and not completed by an earlier import. */
    public List<BatchRowPlan> toRun() {
        return rows.stream().filter(r -> r.error() == null && r.doneBy() == null).toList();
    }

    public List<BatchRowPlan> invalid() {
        return rows.stream().filter(r -> r.error() != null).toList();
    }

    public BigDecimal totalUsd() {
        return toRun().stream().map(BatchRowPlan::estimateUsd).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    /** One line for the log. */
    public String summary() {
        return "batch " + batchId + " accepted from " + fileName + ": " + toRun().size() + " of " + rows.size()
                + " rows to run, estimate $" + totalUsd().toPlainString();
    }
}
