package io.reelroute.job;

import io.reelroute.catalog.InputFacts;
import io.reelroute.catalog.PlannedJob;
import io.reelroute.catalog.RequestMapping;
import io.reelroute.spec.JobSpec;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A job on its way in: what the intake read, then what each step of the accept route adds (inputs, facts,
 * plan, prompt) until it is recorded and gets an id. Every intake channel produces one of these.
 */
public final class JobDraft {
    private final String source;
    private final JobSpec spec;
    private final Path baseDir;
    private final String intakeKey;
    private String userId;
    private final Map<String, ResolvedInput> inputs = new LinkedHashMap<>();
    private InputFacts facts;
    private PlannedJob plan;
    private String prompt;
    private String promptNote;
    private Object promptBasis;
    private String jobId;
    private String repeatOf;
    private StoryStep storyStep;
    private BatchRow batchRow;

    /**
     * @param source    where it came from: inbox:photo.png, batch:x.csv#3, http
     * @param baseDir   the folder that relative input paths are resolved in, and must stay inside
     * @param intakeKey a hash of the intake files, to recognise a crash between recording and archiving
     */
    public JobDraft(String source, JobSpec spec, Path baseDir, String intakeKey, String userId) {
        this.source = source;
        this.spec = spec;
        this.baseDir = baseDir;
        this.intakeKey = intakeKey;
        this.userId = userId;
    }

    /** An input after resolution: a local file (copied into the blob store) or an https URL. */
    public record ResolvedInput(String role, Path file, String url, String originalName, String sha256) {
        public boolean isUrl() {
            return url != null;
        }
    }

    /** The story step a job runs for: a shot's keyframe or video; such a job draws on the story's reservation. */
    public record StoryStep(String storyId, String step) {
    }

    /** The CSV batch row a job runs for; such a job draws on the batch's reservation. */
    public record BatchRow(String batchId, int rowNumber) {
    }

    public BatchRow batchRow() {
        return batchRow;
    }

    /** Marks the draft as the job of a batch's row. */
    public JobDraft forBatch(BatchRow row) {
        this.batchRow = row;
        return this;
    }

    public StoryStep storyStep() {
        return storyStep;
    }

    /** Marks the draft as a story's step, with inputs the story chose beyond the spec's (an end frame, say). */
    public JobDraft forStory(StoryStep step, Map<String, Path> extraInputs) {
        this.storyStep = step;
        extraInputs.forEach((role, file) -> inputs.put(role, new ResolvedInput(role, file, null,
                file.getFileName().toString(), null)));
        return this;
    }


    /**
     * Every input role: the spec's files, the last frame a story gives a first-and-last-frame model
     * ({@code end_image}), then the reference images ({@link RequestMapping#REFERENCE_INPUTS}),
     * which are not spec fields but added by story code with {@link #addReference}.
     */
    public static final List<String> INPUT_ROLES = Stream.concat(
            Stream.of("image", "audio", "mask_image", "end_image"),
            RequestMapping.REFERENCE_INPUTS.stream()).toList();

    public String source() {
        return source;
    }

    public JobSpec spec() {
        return spec;
    }

    public Path baseDir() {
        return baseDir;
    }

    public String intakeKey() {
        return intakeKey;
    }

    public String userId() {
        return userId;
    }

    public Map<String, ResolvedInput> inputs() {
        return inputs;
    }

    /**
     * Adds a reference image (a character, a place) in the next free role, reference_1 to reference_4; it is
     * inspected, stored and fingerprinted like any input. Models that map no such role refuse the job.
     *
     * @return the role it was given
     * @throws IllegalStateException when all four are taken
     */
    public String addReference(Path file) {
        String role = RequestMapping.REFERENCE_INPUTS.stream().filter(r -> !inputs.containsKey(r)).findFirst()
                .orElseThrow(() -> new IllegalStateException("a job takes at most "
                        + RequestMapping.REFERENCE_INPUTS.size() + " reference images"));
        inputs.put(role, new ResolvedInput(role, file, null, file.getFileName().toString(), null));
        return role;
    }

    public InputFacts facts() {
        return facts;
    }

    public void setFacts(InputFacts value) {
        this.facts = value;
    }

    public PlannedJob plan() {
        return plan;
    }

    public void setPlan(PlannedJob value) {
        this.plan = value;
    }

    public String prompt() {
        return prompt;
    }

    public void setPrompt(String value) {
        setPrompt(value, null, null);
    }

    /**
     * @param note  how the prompt was made, for the job's timeline; null when there is nothing to say
     * @param basis what the prompt was made from, when that rather than its text identifies the job for
     *              repeats (a language model words the same scene differently each time); null: the text
     */
    public void setPrompt(String value, String note, Object basis) {
        this.prompt = value;
        this.promptNote = note;
        this.promptBasis = basis;
    }

    public String promptNote() {
        return promptNote;
    }

    /** What makes two jobs' prompts the same: the {@code basis} given with the prompt, else its text. */
    public Object promptIdentity() {
        return promptBasis != null ? promptBasis : prompt == null ? "" : prompt;
    }

    public String jobId() {
        return jobId;
    }

    public void recorded(String id, String repeatOfJob) {
        this.jobId = id;
        this.repeatOf = repeatOfJob;
    }

    /** One line for the log: id, source, operation, model and estimate. */
    public String summary() {
        return "job " + jobId + " accepted from " + source + ": " + plan.operation() + " on " + plan.model().id()
                + ", estimate $" + plan.estimateUsd().toPlainString() + (repeatOf == null ? "" : ", repeats " + repeatOf);
    }

    /** The earlier job this one repeats (same inputs, same spec), or null. */
    public String repeatOf() {
        return repeatOf;
    }
}
