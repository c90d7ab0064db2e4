package io.reelroute.delivery;

import io.reelroute.media.MediaInfo;
import io.reelroute.store.JobRecord;
import io.reelroute.store.JobState;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** The content of result.json (CONTRACT 4), built from the job record and the probe of the delivered file. */
public final class ResultFile {
    private ResultFile() {
    }

    public static Map<String, Object> of(JobRecord job, MediaInfo media) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("job_id", job.id());
        result.put("user_id", job.userId());
        result.put("source", job.source());
        result.put("status", job.state().dbValue());
        result.put("operation", job.operation());
        result.put("model", job.model());
        result.put("provider", job.provider());
        result.put("prediction_id", job.predictionId());
        result.put("prompt", job.prompt());
        result.put("parameters", job.parameters());
        result.put("duration_s", media == null ? null : round3(media.durationS()));
        result.put("width", media == null ? null : media.width());
        result.put("height", media == null ? null : media.height());
        result.put("fps", media == null ? null : round3(media.fps()));
        result.put("has_audio", media == null ? null : media.hasAudio());
        result.put("size_bytes", media == null ? null : media.sizeBytes());
        result.put("cost_usd", job.costUsd() == null ? BigDecimal.ZERO : job.costUsd());
        result.put("estimate_usd", job.estimateUsd());
        Map<String, Object> timings = new LinkedHashMap<>();
        timings.put("received", iso(job.createdAt()));
        timings.put("submitted", iso(job.submittedAt()));
        timings.put("completed", iso(job.generatedAt()));
        timings.put("delivered", job.state() == JobState.COMPLETED ? iso(job.finishedAt()) : null);
        result.put("timings", timings);
        if (job.reuseOf() != null) {
            result.put("reused_from", job.reuseOf());
        }
        if (job.errorCode() != null) {
            Map<String, Object> error = new LinkedHashMap<>();
            error.put("code", job.errorCode());
            error.put("message", job.errorMessage());
            result.put("error", error);
        }
        return result;
    }

    private static String iso(Instant instant) {
        return instant == null ? null : instant.toString();
    }

    private static double round3(double value) {
        return Math.round(value * 1000) / 1000.0;
    }
}
