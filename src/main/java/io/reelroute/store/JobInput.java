package io.reelroute.store;

/**
 * An input of a job: {@code role} is image, audio, mask_image, end_image or reference_1..4 ({@code JobDraft.INPUT_ROLES});
 * {@code location} is the content-addressed copy under state/blobs (or the https URL the spec named);
 * {@code sha256} is the content hash.
 */
public record JobInput(String role, String sha256, String location, String originalName) {

    public boolean isUrl() {
        return location.startsWith("https://");
    }
}
