package io.reelroute.provider;

import io.reelroute.catalog.ModelDef;
import java.nio.file.Path;
import java.util.Map;

/**
 * What a provider client needs to start one generation.
 *
 * @param inputs     role (image, audio, mask_image, end_image, reference_N) to the local file (content-addressed
 *                   copy) or https URL the job named
 * @param parameters the job's normalized parameters, in spec-field terms (duration, resolution, ...)
 * @param workDir    where a synchronous model writes its output
 */
public record SubmitRequest(String jobId, ModelDef model, String operation, String prompt,
                            Map<String, Object> parameters, Map<String, InputFile> inputs, Path workDir) {

    /** A job input: a local file with its content hash, or an https URL. */
    public record InputFile(String role, Path file, String url, String sha256) {
        public boolean isUrl() {
            return url != null;
        }
    }
}
