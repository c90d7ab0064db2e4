package io.reelroute.catalog;

import io.reelroute.spec.JobSpec;
import java.math.BigDecimal;
import java.util.List;

/** Job specs for tests, field by field (JobSpec has twenty components). */
final class SpecBuilder {
    private String operation;
    private String model;
    private String prompt;
    private String negativePrompt;
    private JobSpec.Shot shot;
    private String image;
    private String audio;
    private String maskImage;
    private BigDecimal duration;
    private String resolution;
    private String aspect;
    private Long seed;
    private BigDecimal guidanceScale;
    private Boolean promptExpansion;
    private Boolean generateAudio;
    private String userId;
    private List<String> tags;
    private String notifyUrl;

    static SpecBuilder spec() {
        return new SpecBuilder();
    }

    SpecBuilder operation(String value) { operation = value; return this; }
    SpecBuilder model(String value) { model = value; return this; }
    SpecBuilder prompt(String value) { prompt = value; return this; }
    SpecBuilder negativePrompt(String value) { negativePrompt = value; return this; }
    SpecBuilder shot(JobSpec.Shot value) { shot = value; return this; }
    SpecBuilder image(String value) { image = value; return this; }
    SpecBuilder audio(String value) { audio = value; return this; }
    SpecBuilder maskImage(String value) { maskImage = value; return this; }
    SpecBuilder duration(String value) { duration = new BigDecimal(value); return this; }
    SpecBuilder duration(int value) { duration = BigDecimal.valueOf(value); return this; }
    SpecBuilder resolution(String value) { resolution = value; return this; }
    SpecBuilder aspect(String value) { aspect = value; return this; }
    SpecBuilder seed(long value) { seed = value; return this; }
    SpecBuilder guidanceScale(String value) { guidanceScale = new BigDecimal(value); return this; }
    SpecBuilder promptExpansion(boolean value) { promptExpansion = value; return this; }
    SpecBuilder generateAudio(boolean value) { generateAudio = value; return this; }
    SpecBuilder userId(String value) { userId = value; return this; }
    SpecBuilder tags(String... value) { tags = List.of(value); return this; }
    SpecBuilder notifyUrl(String value) { notifyUrl = value; return this; }

    JobSpec build() {
        return new JobSpec(operation, model, prompt, negativePrompt, shot, null, null, image, audio, maskImage,
                duration, resolution, aspect, seed, guidanceScale, promptExpansion, generateAudio, userId, tags,
                notifyUrl);
    }
}
