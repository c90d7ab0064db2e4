package io.reelroute.batch;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.reelroute.error.ErrorCode;
import io.reelroute.error.ReelrouteException;
import io.reelroute.files.Workspace;
import io.reelroute.intake.Rejections;
import io.reelroute.job.JobDraft;
import io.reelroute.spec.JobSpec;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a recorded batch's pending rows into job drafts for the shared accept path, a few at a time from a timer,
 * so that a large batch never holds up the import's Quartz thread or the inbox. Each job draws its hold from the
 * batch's reservation and is linked to its row in the transaction that records it.
 */
public final class BatchRows {
    private static final Logger LOG = LoggerFactory.getLogger(BatchRows.class);

    private final Workspace workspace;
    private final BatchStore store;
    private final ObjectMapper json;

    public BatchRows(Workspace workspace, BatchStore store, ObjectMapper json) {
        this.workspace = workspace;
        this.store = store;
        this.json = json;
    }

    /** Up to {@code limit} rows waiting for their jobs, as drafts marked with their batch row. */
    public List<JobDraft> next(int limit) {
        return store.pending(limit).stream().map(this::draft).toList();
    }

    private JobDraft draft(BatchStore.PendingRow row) {
        JobSpec spec;
        try {
            spec = json.readValue(row.specJson(), JobSpec.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored spec of batch " + row.batchId() + " row " + row.rowId(), e);
        }
        return new JobDraft("batch:" + row.source() + "#" + row.rowId(), spec, workspace.batches(), null, row.userId())
                .forBatch(new JobDraft.BatchRow(row.batchId(), row.number()));
    }

    /** A row whose job could not be recorded: the row fails with the reason, the batch goes on. */
    public void fail(JobDraft draft, Throwable error) {
        Map<String, Object> body = Rejections.errorBody(draft.source(), error);
        LOG.warn("{} could not be submitted: {} {}", draft.source(), body.get("error"), body.get("message"));
        ErrorCode code = error instanceof ReelrouteException re ? re.code() : ErrorCode.INTERNAL;
        store.failRow(draft.batchRow().batchId(), draft.batchRow().rowNumber(), code, (String) body.get("message"));
    }
}
