package io.reelroute.batch;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import io.reelroute.delivery.JobOutcomes;
import io.reelroute.files.AtomicFiles;
import io.reelroute.files.Workspace;
import io.reelroute.store.JobState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Keeps output/&lt;batch-id&gt;/results.csv up to date: one line per row with its job, status, cost, video and
 * error, rewritten atomically when something changed. A batch whose rows have all ended is finished, which gives
 * back what its reservation still held (rows that were repeats, or refused at submission).
 */
public final class BatchReport {
    private static final CsvMapper CSV = new CsvMapper();
    private static final CsvSchema SCHEMA = CsvSchema.builder().addColumns(BatchCsv.RESULT_COLUMNS,
            CsvSchema.ColumnType.STRING).build().withHeader().withLineSeparator("\r\n");

    private final Workspace workspace;
    private final BatchStore store;

    public BatchReport(Workspace workspace, BatchStore store) {
        this.workspace = workspace;
        this.store = store;
    }

    /** Every running batch: results.csv rewritten where it changed; batches whose rows all ended finished. */
    public void refreshAll() {
        for (String batchId : store.running()) {
            refresh(batchId);
        }
    }

    public void refresh(String batchId) {
        List<BatchStore.ReportRow> rows = store.report(batchId);
        List<List<String>> lines = new ArrayList<>();
        for (BatchStore.ReportRow row : rows) {
            lines.add(line(row));
        }
        Path target = workspace.outputOf(batchId).resolve("results.csv");
        byte[] content;
        try {
            content = CSV.writer(SCHEMA).writeValueAsBytes(lines);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        if (!sameContent(target, content)) {
            AtomicFiles.write(target, content);
        }
        if (rows.stream().allMatch(BatchStore.ReportRow::isFinal)) {
            store.finish(batchId);
        }
    }

    private List<String> line(BatchStore.ReportRow row) {
        return switch (row.state()) {
            case BatchStore.PENDING -> Arrays.asList(row.rowId(), "", "pending", "", "", "");
            case BatchStore.FAILED -> Arrays.asList(row.rowId(), "", "failed", "", "",
                    row.errorCode() + ": " + row.errorMessage());
            // completed by an earlier import: nothing was charged in this one
            case BatchStore.DONE_BEFORE -> Arrays.asList(row.rowId(), row.jobId(), "completed", "0",
                    video(row.jobId()), "");
            default -> Arrays.asList(row.rowId(), row.jobId(), row.jobState().dbValue(),
                    row.jobState().isFinal() && row.jobCost() != null ? row.jobCost().stripTrailingZeros().toPlainString()
                            : "",
                    row.jobState() == JobState.COMPLETED ? video(row.jobId()) : "",
                    row.jobErrorCode() == null ? "" : row.jobErrorCode() + ": " + row.jobErrorMessage());
        };
    }

    /** The job's delivered file, relative to the home folder. */
    private String video(String jobId) {
        return JobOutcomes.primaryOutput(workspace.outputOf(jobId))
                .map(p -> workspace.home().relativize(p).toString().replace('\\', '/')).orElse("");
    }

    private static boolean sameContent(Path file, byte[] content) {
        try {
            return Files.exists(file) && Arrays.equals(Files.readAllBytes(file), content);
        } catch (IOException e) {
            return false;
        }
    }
}
