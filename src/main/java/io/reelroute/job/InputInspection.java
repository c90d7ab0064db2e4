package io.reelroute.job;

import io.reelroute.catalog.InputFacts;
import io.reelroute.files.BlobStore;
import io.reelroute.media.ImageInspector;
import io.reelroute.media.MediaProbe;
import java.nio.file.Path;
import java.util.Map;

/**
 * Looks into each local input (integrity and size of every image, reference images included; audio length)
 * and keeps a content-addressed copy, so a damaged or oversized file is refused before anything is reserved
 * or paid.
 */
public final class InputInspection {
    private final ImageInspector images;
    private final MediaProbe probe;
    private final BlobStore blobs;

    public InputInspection(ImageInspector images, MediaProbe probe, BlobStore blobs) {
        this.images = images;
        this.probe = probe;
        this.blobs = blobs;
    }

    public JobDraft inspect(JobDraft draft) {
        Integer width = null;
        Integer height = null;
        Double audioSeconds = null;
        Map<String, JobDraft.ResolvedInput> inputs = draft.inputs();
        for (JobDraft.ResolvedInput input : inputs.values().stream().toList()) {
            if (input.isUrl()) {
                continue;
            }
            Path file = input.file();
            switch (input.role()) {
                case "image" -> {
                    var info = images.inspect(file, "image");
                    width = info.width();
                    height = info.height();
                }
                case "audio" -> audioSeconds = probe.audioSeconds(file, "audio");
                default -> {
                    if (!JobDraft.INPUT_ROLES.contains(input.role())) {
                        throw new IllegalStateException("unknown input role " + input.role());
                    }
                    images.inspect(file, input.role()); // mask_image and the reference images
                }
            }
            BlobStore.Blob blob = blobs.put(file);
            inputs.put(input.role(), new JobDraft.ResolvedInput(input.role(), blob.path(), null,
                    input.originalName(), blob.sha256()));
        }
        draft.setFacts(new InputFacts(inputs.containsKey("image"), inputs.containsKey("audio"),
                inputs.containsKey("mask_image"), audioSeconds, width, height));
        return draft;
    }
}
