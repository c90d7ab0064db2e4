package io.reelroute.api;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import io.reelroute.batch.BatchDraft;
import io.reelroute.batch.BatchIntake;
import io.reelroute.batch.BatchStore;
import io.reelroute.files.AtomicFiles;
import io.reelroute.files.Workspace;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * CSV batches over HTTP (CONTRACT 2.2 and 2.3): {@code POST /api/batches} takes the CSV as the body and imports
 * it at once, as the Quartz import would (every row priced, one reservation), for the key's owner, whatever the
 * rows' {@code user_id}; a refused batch is answered with the reason, naming the rows, rather than put in
 * rejected/. Inputs are https URLs (or paths of files already in batches/). {@code GET /api/batches/{id}} answers
 * the batch's state, estimate and results.
 */
public final class BatchRequests {
    private final Workspace workspace;
    private final BatchIntake intake;
    private final BatchStore store;
    private final ApiReplies replies;
    private final ObjectMapper json;
    private final long maxUploadBytes;

    public BatchRequests(Workspace workspace, BatchIntake intake, BatchStore store, ApiReplies replies,
                         ObjectMapper json, long maxUploadBytes) {
        this.workspace = workspace;
        this.intake = intake;
        this.store = store;
        this.replies = replies;
        this.json = json;
        this.maxUploadBytes = maxUploadBytes;
    }

    public ApiReply submit(byte[] body, String userId) {
        if (body != null && body.length > maxUploadBytes) {
            throw ApiException.tooLarge("the batch's rows", maxUploadBytes);
        }
        // a subfolder of batches/: never imported by the cron; row paths resolve in batches/ as for any batch
        Path file = workspace.batches().resolve("http").resolve("http-" + UUID.randomUUID() + ".csv");
        AtomicFiles.write(file, body == null ? new byte[0] : body);
        try {
            BatchDraft draft = intake.record(intake.toDraft(file, userId));
            intake.archive(file, draft.batchId());
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("batch_id", draft.batchId());
            out.put("rows", draft.rows().size());
            out.put("estimate_usd", draft.totalUsd());
            return replies.json(202, out);
        } finally {
            AtomicFiles.discard(file);
        }
    }

    public ApiReply view(String userId, String batchId) {
        String[] ownerAndState = store.ownerAndState(batchId).filter(b -> b[0].equals(userId))
                .orElseThrow(() -> ApiException.notFound(batchId));
        Path dir = workspace.output().resolve(batchId);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("batch_id", batchId);
        out.put("status", ownerAndState[1]);
        try {
            Path estimate = dir.resolve("estimate.json");
            out.put("estimate", Files.exists(estimate) ? json.readTree(estimate.toFile()) : null);
            out.put("results", results(dir.resolve("results.csv")));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the files of batch " + batchId, e);
        }
        return replies.json(200, out);
    }

    private static List<Map<String, String>> results(Path csv) throws IOException {
        if (!Files.exists(csv)) {
            return List.of();
        }
        try (MappingIterator<Map<String, String>> rows = new CsvMapper().readerForMapOf(String.class)
                .with(CsvSchema.emptySchema().withHeader()).readValues(csv.toFile())) {
            return rows.readAll();
        }
    }
}
