package io.reelroute.delivery;

import io.reelroute.files.AtomicFiles;
import io.reelroute.files.Workspace;
import io.reelroute.media.FrameGrabber;
import io.reelroute.quota.QuotaLedger;
import io.reelroute.store.JobRecord;
import io.reelroute.store.JobState;
import io.reelroute.store.JobStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Delivers a generated clip: poster.jpg (first frame) and last.png (the exact last frame) beside it, the clip
 * moved to output/&lt;job&gt;/video.mp4, then the job completed and its cost charged in one transaction, then
 * result.json and the usage line. Every step can run again after a crash without harm.
 */
public final class Delivery {
    private final Workspace workspace;
    private final JobStore jobs;
    private final QuotaLedger ledger;
    private final FrameGrabber frames;
    private final JobOutcomes outcomes;

    public Delivery(Workspace workspace, JobStore jobs, QuotaLedger ledger, FrameGrabber frames, JobOutcomes outcomes) {
        this.workspace = workspace;
        this.jobs = jobs;
        this.ledger = ledger;
        this.frames = frames;
        this.outcomes = outcomes;
    }

    public void deliver(String jobId) {
        JobRecord job = jobs.find(jobId).orElseThrow();
        if (job.state() != JobState.GENERATED) {
            return;
        }
        Path out = workspace.outputOf(jobId);
        if ("keyframe".equals(job.operation())) {
            deliverImage(job, out);
            return;
        }
        Path clip = workspace.work(jobId).resolve("clip.mp4");
        Path video = out.resolve("video.mp4");
        Path source = Files.exists(clip) ? clip : video;
        if (!Files.exists(source)) {
            throw new IllegalStateException("the generated clip of job " + jobId + " is missing from " + clip);
        }
        Duration framesTime = frames.firstFrame(source, out.resolve("poster.jpg")).ffmpegTime()
                .plus(frames.lastFrame(source, out.resolve("last.png")).ffmpegTime());
        if (source == clip) {
            AtomicFiles.move(clip, video);
        }
        complete(job, String.format(Locale.ROOT, "poster and last frame, FFmpeg %.2f s", framesTime.toMillis() / 1000.0));
    }

    /** A keyframe job's output is an image: keyframe.png (or .jpg), no poster or last frame. */
    private void deliverImage(JobRecord job, Path out) {
        Path work = workspace.work(job.id());
        for (String name : List.of("keyframe.png", "keyframe.jpg")) {
            if (Files.exists(work.resolve(name))) {
                AtomicFiles.move(work.resolve(name), out.resolve(name));
            }
        }
        if (JobOutcomes.primaryOutput(out).isEmpty()) {
            throw new IllegalStateException("the generated keyframe of job " + job.id() + " is missing from " + work);
        }
        complete(job, "keyframe image");
    }

    /** Completes and charges the job in one transaction, then writes its usage line and result.json. */
    private void complete(JobRecord job, String detail) {
        BigDecimal cost = job.estimateUsd();
        jobs.database().inTransaction(c -> {
            if (jobs.transition(c, job.id(), JobState.GENERATED, JobState.COMPLETED, "delivered", detail)) {
                jobs.setCost(c, job.id(), cost);
                ledger.charge(c, job.id(), cost);
            }
            return null;
        });
        outcomes.settle(job.id(), false);
        AtomicFiles.deleteTree(workspace.work(job.id()));
    }
}
