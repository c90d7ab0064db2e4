package io.reelroute.provider.local;

import io.reelroute.error.ErrorCode;
import io.reelroute.error.ReelrouteException;
import io.reelroute.files.Workspace;
import io.reelroute.media.LocalPreviewRenderer;
import io.reelroute.media.RenderRequest;
import io.reelroute.media.RenderResult;
import io.reelroute.store.JobInput;
import io.reelroute.store.JobRecord;
import io.reelroute.store.JobState;
import io.reelroute.store.JobStore;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * The built-in {@code local-preview} provider: renders the clip with FFmpeg into the job's work folder and
 * records that it was generated. Nothing is paid, so an interrupted render simply runs again.
 */
public final class LocalPreviewProvider {
    private static final int FPS = 30;

    private final JobStore jobs;
    private final Workspace workspace;
    private final LocalPreviewRenderer renderer;

    public LocalPreviewProvider(JobStore jobs, Workspace workspace, LocalPreviewRenderer renderer) {
        this.jobs = jobs;
        this.workspace = workspace;
        this.renderer = renderer;
    }

    /** Renders the job's clip; returns the job id for delivery. */
    public String generate(JobRecord job) {
        Map<String, Object> parameters = job.parameters();
        Path image = null;
        Path audio = null;
        for (JobInput input : jobs.inputs(job.id())) {
            if (input.isUrl()) {
                throw new ReelrouteException(ErrorCode.INVALID_INPUT, "local-preview renders local files only, and "
                        + input.role() + " is a URL", input.role());
            }
            switch (input.role()) {
                case "image" -> image = Path.of(input.location());
                case "audio" -> audio = Path.of(input.location());
                default -> { }
            }
        }
        double duration = parameters.get("duration") instanceof Number n ? n.doubleValue() : 0;
        RenderResult result = renderer.render(new RenderRequest(job.operation(), image, audio, job.prompt(), duration,
                (String) parameters.get("resolution"), (String) parameters.get("aspect"), FPS,
                workspace.work(job.id()).resolve("clip.mp4")));
        jobs.database().inTransaction(c -> {
            if (jobs.transition(c, job.id(), JobState.RUNNING, JobState.GENERATED)) {
                jobs.event(c, job.id(), "rendered", String.format(Locale.ROOT, "camera %s, FFmpeg %.2f s",
                        result.cameraMove(), result.ffmpegTime().toMillis() / 1000.0));
            }
            return null;
        });
        return job.id();
    }
}
