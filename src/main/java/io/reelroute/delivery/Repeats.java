package io.reelroute.delivery;

import io.reelroute.error.ErrorCode;
import io.reelroute.files.AtomicFiles;
import io.reelroute.files.Workspace;
import io.reelroute.store.JobRecord;
import io.reelroute.store.JobState;
import io.reelroute.store.JobStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Answers a repeated job from the job it repeats: the same files (hard links where the file system allows,
 * so no space is used twice) and a result of its own that costs nothing.
 */
public final class Repeats {
    private static final List<String> FILES = List.of("video.mp4", "poster.jpg", "last.png", "keyframe.png",
            "keyframe.jpg");

    private final Workspace workspace;
    private final JobStore jobs;
    private final JobOutcomes outcomes;

    public Repeats(Workspace workspace, JobStore jobs, JobOutcomes outcomes) {
        this.workspace = workspace;
        this.jobs = jobs;
        this.outcomes = outcomes;
    }

    public List<String> answerable() {
        return jobs.answerableRepeats().stream().map(JobRecord::id).toList();
    }

    public void answer(String jobId) {
        JobRecord job = jobs.find(jobId).orElseThrow();
        if (job.state() != JobState.WAITING) {
            return;
        }
        JobRecord original = jobs.find(job.reuseOf()).orElseThrow();
        if (original.state() != JobState.COMPLETED) {
            outcomes.fail(jobId, ErrorCode.fromCode(original.errorCode() == null ? "cancelled" : original.errorCode()),
                    "this job repeats job " + original.id() + ", which ended " + original.state().dbValue()
                            + (original.errorMessage() == null ? "" : ": " + original.errorMessage())
                            + "; drop the input again to try anew");
            return;
        }
        for (String name : FILES) {
            Path source = workspace.outputOf(original.id()).resolve(name);
            if (Files.exists(source)) {
                AtomicFiles.linkOrCopy(source, workspace.outputOf(jobId).resolve(name));
            }
        }
        boolean moved = jobs.database().inTransaction(c -> {
            boolean done = jobs.transition(c, jobId, JobState.WAITING, JobState.COMPLETED);
            if (done) {
                jobs.setCost(c, jobId, BigDecimal.ZERO);
            }
            return done;
        });
        if (moved) {
            outcomes.settle(jobId, false);
        }
    }
}
