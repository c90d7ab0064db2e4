package io.reelroute.api;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import io.reelroute.batch.BatchIntake;
import io.reelroute.batch.BatchStore;
import io.reelroute.files.Workspace;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * CSV batches over HTTP (CONTRACT 2.2 and 2.3). {@code POST /api/batches} takes the CSV as the body, reads it
 * (a body that is no CSV, or names an unknown column, is refused at once) and answers 202 with the batch's id
 * while the batch is imported as the Quartz import would (every row priced, one reservation) for the key's
 * owner, whatever the rows' {@code user_id}: pricing inspects every row's inputs, which for a large batch takes
 * longer than a client should wait. Inputs are https URLs (or paths of files already in batches/).
 * {@code GET /api/batches/{id}} answers the batch's state ({@code importing}, then {@code rejected} with the
 * reason naming the rows, or the state of the recorded batch), its estimate and its results.
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
        BatchIntake.Staged staged = intake.stage(body == null ? new byte[0] : body, userId);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("batch_id", staged.batchId());
        out.put("status", "importing");
        out.put("rows", staged.rows());
        return replies.json(202, out);
    }

    public ApiReply view(String userId, String batchId) {
        Optional<String[]> recorded = store.ownerAndState(batchId);
        String owner = recorded.map(b -> b[0]).or(() -> intake.stagedOwner(batchId))
                .orElseThrow(() -> ApiException.notFound(batchId));
        if (!owner.equals(userId)) {
            throw ApiException.notFound(batchId);
        }
        Path dir = workspace.output().resolve(batchId);
        Path refusal = workspace.rejected().resolve(batchId + ".csv.error.json");
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("batch_id", batchId);
        try {
            if (recorded.isPresent()) {
                out.put("status", recorded.get()[1]);
            } else if (intake.importing(batchId)) {
                out.put("status", "importing");
            } else {
                out.put("status", "rejected");
                out.put("error", Files.exists(refusal) ? json.readTree(refusal.toFile()) : null);
            }
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
