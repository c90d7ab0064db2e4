package io.reelroute.batch;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.reelroute.error.ErrorCode;
import io.reelroute.error.ReelrouteException;
import io.reelroute.files.AtomicFiles;
import io.reelroute.files.Hashing;
import io.reelroute.files.Workspace;
import io.reelroute.intake.Rejections;
import io.reelroute.job.InputInspection;
import io.reelroute.job.InputResolver;
import io.reelroute.job.JobDraft;
import io.reelroute.job.JobIds;
import io.reelroute.job.Planning;
import io.reelroute.quota.QuotaLedger;
import io.reelroute.spec.JobSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The batches/ side of CSV batches: finds the CSV files that are ready, reads and prices every row the way the
 * accept route would (inputs resolved and inspected, spec checked against the catalog) without recording
 * anything, writes estimate.json, then records the batch with its whole estimate reserved and archives the CSV;
 * or sets it aside in rejected/ naming every bad row, having recorded and charged nothing.
 */
public final class BatchIntake {
    private static final Logger LOG = LoggerFactory.getLogger(BatchIntake.class);

    private final Workspace workspace;
    private final BatchCsv csv;
    private final BatchStore store;
    private final BatchReport report;
    private final InputResolver resolver;
    private final InputInspection inspection;
    private final Planning planning;
    private final QuotaLedger ledger;
    private final Rejections rejections;
    private final JobIds ids;
    private final ObjectMapper json;
    private final ObjectMapper specJson;
    private final String defaultUser;
    private final Duration stable;
    private final Clock clock;

    public BatchIntake(Workspace workspace, BatchCsv csv, BatchStore store, BatchReport report, InputResolver resolver,
                       InputInspection inspection, Planning planning, QuotaLedger ledger, Rejections rejections,
                       JobIds ids, ObjectMapper json, String defaultUser, Duration stable, Clock clock) {
        this.workspace = workspace;
        this.csv = csv;
        this.store = store;
        this.report = report;
        this.resolver = resolver;
        this.inspection = inspection;
        this.planning = planning;
        this.ledger = ledger;
        this.rejections = rejections;
        this.ids = ids;
        this.json = json;
        // canonical: the same row always hashes to the same key
        this.specJson = json.copy().setSerializationInclusion(JsonInclude.Include.NON_NULL)
                .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);
        this.defaultUser = defaultUser;
        this.stable = stable;
        this.clock = clock;
    }

    /**
     * The top-level *.csv files of batches/ that have not changed for the inbox's stable time (so a file being
     * copied is not read half-written); subfolders hold inputs and are never imported.
     */
    public List<Path> ready() {
        return csvFiles(workspace.batches()).stream().filter(this::settled).toList();
    }

    /** The batches posted over HTTP and not imported yet (written whole, so ready at once). */
    public List<Path> staged() {
        return csvFiles(staging());
    }

    private static List<Path> csvFiles(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS))
                    .filter(f -> {
                        String name = f.getFileName().toString();
                        return !name.startsWith(".") && name.toLowerCase(Locale.ROOT).endsWith(".csv");
                    })
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }

    /**
     * A batch posted over HTTP, kept until it is imported: its CSV as {@code <batch-id>.csv} under state/, beside
     * {@code <batch-id>.owner} naming the key's owner, who owns every row whatever their {@code user_id}. The CSV is
     * read here (so a file that is no CSV, or names an unknown column, is refused at once), not priced: pricing
     * inspects every row's inputs, which for a large batch takes longer than anyone should wait for an answer.
     * Staged files are imported by their own route ({@link #staged()}) as files of batches/ are, so one a restart
     * interrupts is imported after it.
     *
     * @return the batch's id and its number of rows
     */
    public Staged stage(byte[] content, String owner) {
        String batchId = "batch-" + ids.next();
        BatchCsv.Content read = csv.read(content, "the request's body");
        int rows = read.isResults() ? read.results().size() : read.rows().size();
        AtomicFiles.write(staging().resolve(batchId + ".owner"), owner.getBytes(StandardCharsets.UTF_8));
        AtomicFiles.write(staging().resolve(batchId + ".csv"), content);
        return new Staged(batchId, rows);
    }

    /** A batch posted over HTTP and waiting to be imported. */
    public record Staged(String batchId, int rows) {
    }

    /** The owner of a batch posted over HTTP (importing, imported or refused); empty for any other id. */
    public Optional<String> stagedOwner(String batchId) {
        Path owner = staging().resolve(batchId + ".owner");
        try {
            return batchId.matches("batch-[A-Za-z0-9-]+") && Files.exists(owner)
                    ? Optional.of(Files.readString(owner, StandardCharsets.UTF_8)) : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + owner, e);
        }
    }

    /** True while a batch posted over HTTP waits for its import. */
    public boolean importing(String batchId) {
        return Files.exists(staging().resolve(batchId + ".csv"));
    }

    private Path staging() {
        return workspace.state().resolve("api-batches");
    }

    private boolean settled(Path file) {
        try {
            return Files.getLastModifiedTime(file).toInstant().plus(stable).isBefore(clock.instant());
        } catch (IOException e) {
            return false; // gone meanwhile
        }
    }

    /** The batch already recorded from this very file, when a crash came between recording and archiving. */
    public String recordedBefore(Path file) {
        return store.findUnarchivedIntake(Hashing.sha256(file)).orElse(null);
    }

    /**
     * Reads and prices every row, writes output/&lt;batch-id&gt;/estimate.json, and refuses the whole batch when a
     * row is invalid. Rows an earlier import already completed are carried over, not priced again. A batch posted
     * over HTTP keeps the id it was given and belongs to the key's owner, whatever its rows' {@code user_id}.
     */
    public BatchDraft toDraft(Path file) {
        String name = file.getFileName().toString();
        byte[] content;
        try {
            content = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        boolean posted = file.getParent().equals(staging());
        String batchId = posted ? name.substring(0, name.length() - ".csv".length()) : "batch-" + ids.next();
        String forcedOwner = posted ? stagedOwner(batchId).orElseThrow() : null;
        BatchCsv.Content read = csv.read(content, name);
        List<SpecRow> rows = read.isResults() ? rowsOfResults(read, name, forcedOwner) : rowsOf(read);
        String userId = forcedOwner != null ? forcedOwner : owner(rows, name);
        List<BatchRowPlan> plans = new ArrayList<>();
        for (SpecRow row : rows) {
            plans.add(price(name, userId, row));
        }
        BatchDraft draft = new BatchDraft(batchId, name, Hashing.sha256(content), userId, plans);
        writeEstimate(draft);
        if (!draft.invalid().isEmpty()) {
            throw new BatchRejected(draft);
        }
        return draft;
    }

    /** Records the batch and reserves its estimate (refused with quota_exceeded when it does not fit). */
    public BatchDraft record(BatchDraft draft) {
        store.record(draft);
        report.refresh(draft.batchId());
        return draft;
    }

    public void archive(Path file, String batchId) {
        if (Files.exists(file)) {
            AtomicFiles.move(file, AtomicFiles.freeName(workspace.archive().resolve(batchId),
                    file.getFileName().toString()));
        }
        store.markInputsArchived(batchId);
    }

    /**
     * The error path: a batch recorded before the failure keeps going and its file is archived; any other file goes
     * to rejected/ with an error file naming the bad rows and where the estimate is.
     */
    public void setAside(Path file, Throwable error) {
        String recorded = Files.isRegularFile(file) ? recordedBefore(file) : null;
        if (recorded != null) {
            LOG.warn("{} failed after its batch {} was recorded; archiving it, the batch goes on", file, recorded, error);
            archive(file, recorded);
            return;
        }
        Map<String, Object> body = Rejections.errorBody("batch:" + file.getFileName(), error);
        if (error instanceof BatchRejected rejected) {
            body.put("batch_id", rejected.draft().batchId());
            body.put("estimate", "output/" + rejected.draft().batchId() + "/estimate.json");
            body.put("rows", rejected.draft().invalid().stream().map(r -> rowError(r.rowId(), r.number(), r.error()))
                    .toList());
        }
        LOG.warn("rejected batch {}: {} {}", file.getFileName(), body.get("error"), body.get("message"));
        rejections.reject(file, body);
    }

    /** A row to price: its number, id and spec (from the CSV, or from the database for a results.csv). */
    private record SpecRow(int number, String rowId, JobSpec spec, ReelrouteException error) {
    }

    private static List<SpecRow> rowsOf(BatchCsv.Content read) {
        return read.rows().stream().map(r -> new SpecRow(r.number(), r.rowId(), r.spec(), r.error())).toList();
    }

    /** A results.csv names the batch by its jobs: that batch's rows are run again, minus those completed. */
    private List<SpecRow> rowsOfResults(BatchCsv.Content read, String name, String forcedOwner) {
        Set<String> batches = new LinkedHashSet<>();
        for (BatchCsv.ResultRow row : read.results()) {
            if (!row.jobId().isBlank()) {
                store.batchOfJob(row.jobId().trim()).ifPresent(batches::add);
            }
        }
        if (batches.size() != 1) {
            throw new ReelrouteException(ErrorCode.INVALID_INPUT, name + " looks like a batch's results.csv, but its"
                    + " job ids " + (batches.isEmpty() ? "belong to no batch known here" : "belong to " + batches.size()
                    + " batches " + batches) + "; re-import the original CSV instead", "job_id");
        }
        String batchId = batches.iterator().next();
        if (forcedOwner != null && !store.ownerAndState(batchId).map(b -> b[0]).orElse("").equals(forcedOwner)) {
            // the rows (and what they make) belong to the batch's owner: nobody else may run them again
            throw new ReelrouteException(ErrorCode.INVALID_INPUT, name + " is the results.csv of a batch that is not"
                    + " yours", "job_id");
        }
        List<SpecRow> rows = new ArrayList<>();
        int number = 0;
        for (String[] stored : store.rowsOf(batchId)) {
            number++;
            try {
                rows.add(new SpecRow(number, stored[0], json.readValue(stored[1], JobSpec.class), null));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("stored spec of row " + stored[0] + " cannot be read", e);
            }
        }
        return rows;
    }

    /** One owner per batch, so that the batch is one reservation against one budget. */
    private String owner(List<SpecRow> rows, String name) {
        Set<String> users = new LinkedHashSet<>();
        for (SpecRow row : rows) {
            if (row.spec() != null) {
                users.add(row.spec().userId() != null ? row.spec().userId() : defaultUser);
            }
        }
        if (users.size() > 1) {
            throw new ReelrouteException(ErrorCode.INVALID_INPUT, name + " has rows of several users " + users
                    + "; a batch is one reservation against one user's budget, so put each user's rows in a file of"
                    + " their own", "user_id");
        }
        return users.isEmpty() ? defaultUser : users.iterator().next();
    }

    /** Prices a row as the accept route would: inputs resolved and inspected, spec planned, model in the plan. */
    private BatchRowPlan price(String fileName, String userId, SpecRow row) {
        if (row.error() != null) {
            return new BatchRowPlan(row.number(), row.rowId(), null, null, null, null, null, null, row.error());
        }
        String specText = canonical(row.spec());
        String rowKey = Hashing.sha256(userId + "\n" + row.rowId() + "\n" + specText);
        String doneBy = store.completedJobOf(rowKey).orElse(null);
        if (doneBy != null) {
            return new BatchRowPlan(row.number(), row.rowId(), rowKey, specText, null, null, null, doneBy, null);
        }
        try {
            JobDraft draft = new JobDraft("batch:" + fileName + "#" + row.rowId(), row.spec(), workspace.batches(),
                    null, userId);
            planning.plan(inspection.inspect(resolver.resolve(draft)));
            ledger.checkModel(userId, draft.plan().model().id());
            return new BatchRowPlan(row.number(), row.rowId(), rowKey, specText, draft.plan().operation(),
                    draft.plan().model().id(), draft.plan().estimateUsd(), null, null);
        } catch (RuntimeException e) {
            return new BatchRowPlan(row.number(), row.rowId(), rowKey, specText, null, null, null, null, e);
        }
    }

    private void writeEstimate(BatchDraft draft) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (BatchRowPlan row : draft.rows()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("row_id", row.rowId());
            if (row.error() != null) {
                entry.put("error", rowError(null, null, row.error()));
            } else if (row.doneBy() != null) {
                entry.put("completed_by", row.doneBy());
                entry.put("estimate_usd", 0);
            } else {
                entry.put("model", row.model());
                entry.put("operation", row.operation());
                entry.put("estimate_usd", row.estimateUsd());
            }
            rows.add(entry);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("batch_id", draft.batchId());
        body.put("source", draft.fileName());
        body.put("user_id", draft.userId());
        body.put("rows", rows);
        body.put("invalid_rows", draft.invalid().size());
        body.put("total_usd", draft.totalUsd());
        try {
            AtomicFiles.write(workspace.outputOf(draft.batchId()).resolve("estimate.json"),
                    json.writerWithDefaultPrettyPrinter().writeValueAsBytes(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, Object> rowError(String rowId, Integer number, Throwable error) {
        Map<String, Object> body = Rejections.errorBody(null, error);
        body.remove("source");
        Map<String, Object> entry = new LinkedHashMap<>();
        if (rowId != null) {
            entry.put("row_id", rowId);
            entry.put("row", number);
        }
        entry.putAll(body);
        return entry;
    }

    private String canonical(JobSpec spec) {
        try {
            return specJson.writeValueAsString(spec);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
