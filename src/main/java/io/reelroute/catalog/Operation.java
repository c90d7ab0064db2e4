package io.reelroute.catalog;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What a job asks for (CONTRACT section 3, field {@code operation}), with the inputs each one needs. The
 * set is fixed by the contract; which model does which lives in {@code models.yaml}.
 */
public enum Operation {
    IMAGE_TO_VIDEO("image-to-video", Need.REQUIRED, false),
    TEXT_TO_VIDEO("text-to-video", Need.REFUSED, false),
    /** Image plus audio: lip-sync. The video is as long as the audio, so no {@code duration}. */
    TALKING_AVATAR("talking-avatar", Need.REQUIRED, true),
    /** Image-to-video whose prompt is written from {@code scene} and {@code story_context}. */
    SCENE_ANIMATION("scene-animation", Need.REQUIRED, false),
    /** Image generation, or editing when an image is given. */
    KEYFRAME("keyframe", Need.OPTIONAL, false);

    /** Whether an operation needs, may take or must not get an input image. */
    public enum Need { REQUIRED, OPTIONAL, REFUSED }

    private final String id;
    private final Need image;
    private final boolean needsAudio;

    Operation(String id, Need image, boolean needsAudio) {
        this.id = id;
        this.image = image;
        this.needsAudio = needsAudio;
    }

    /** The wire form users write: {@code image-to-video}, ... */
    public String id() {
        return id;
    }

    public Need image() {
        return image;
    }

    public boolean needsAudio() {
        return needsAudio;
    }

    /** True for operations that make a video (billed by seconds), false for {@link #KEYFRAME}. */
    public boolean makesVideo() {
        return this != KEYFRAME;
    }

    public static Optional<Operation> fromId(String id) {
        if (id == null) {
            return Optional.empty();
        }
        String wanted = id.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(op -> op.id.equals(wanted)).findFirst();
    }

    public static List<String> ids() {
        return Arrays.stream(values()).map(Operation::id).toList();
    }
}
