package io.reelroute.catalog;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A job checked against the catalog and ready to run: what it does, where, with which values, and what it
 * should cost.
 *
 * @param operation     operation id ({@code image-to-video}, ...)
 * @param model         the chosen model (for {@code auto}: the one chosen)
 * @param parameters    the values the job runs with, defaults applied, spec field names as keys, only fields
 *                      the model takes: duration (Integer, or Double when fractional), resolution, aspect
 *                      (W:H), negative_prompt, seed (Long), guidance_scale (Double), prompt_expansion,
 *                      generate_audio. Input files (image, audio, mask_image) are not parameters.
 * @param billedSeconds the seconds the price is for: the duration, or for talking-avatar the audio rounded up
 *                      to whole seconds and raised to the model's minimum; 0 for keyframes
 * @param estimateUsd   the estimate from the model's price rules, scale 4, half-up
 */
public record PlannedJob(String operation, ModelDef model, Map<String, Object> parameters, double billedSeconds,
                         BigDecimal estimateUsd) {

    public PlannedJob {
        // keep the planner's order (duration, resolution, aspect, ...) for result.json
        parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
    }

    /** The provider id ({@code fal}), as result files and the usage log name it. */
    public String provider() {
        return model.provider();
    }

    /** The provider's model / endpoint id for this operation. */
    public String endpoint() {
        return model.endpointFor(operation).orElseThrow();
    }

    /** The output resolution for the usage log: the parameter, else the model's fixed output, else null. */
    public String resolution() {
        Object resolution = parameters.get(SpecParameter.RESOLUTION.id());
        return resolution != null ? resolution.toString() : model.output().resolution();
    }
}
