package io.reelroute.batch;

import io.reelroute.error.ReelrouteException;
import java.util.List;
import java.util.stream.Collectors;

/** A batch with invalid rows: nothing of it is recorded; the message names every bad row. */
public final class BatchRejected extends ReelrouteException {
    private final transient BatchDraft draft;

    public BatchRejected(BatchDraft draft) {
        super(firstCode(draft), message(draft), firstField(draft));
        this.draft = draft;
    }

    public BatchDraft draft() {
        return draft;
    }

    private static String message(BatchDraft draft) {
        List<BatchRowPlan> bad = draft.invalid();
        return bad.size() + " of " + draft.rows().size() + " rows of " + draft.fileName() + " are invalid, so"
                + " nothing was submitted: " + bad.stream().map(r -> "row " + r.rowId() + ": " + r.error().getMessage())
                .collect(Collectors.joining("; "));
    }

    private static io.reelroute.error.ErrorCode firstCode(BatchDraft draft) {
        Throwable first = draft.invalid().get(0).error();
        return first instanceof ReelrouteException re ? re.code() : io.reelroute.error.ErrorCode.INTERNAL;
    }

    private static String firstField(BatchDraft draft) {
        Throwable first = draft.invalid().get(0).error();
        return first instanceof ReelrouteException re ? re.field() : null;
    }
}
