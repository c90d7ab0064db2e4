package io.reelroute.files;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Content-addressed copies under state/blobs: {@code <sha256>.<ext>}. A job refers to its inputs by these
 * copies, so archiving or deleting the user's file never breaks a job, and the same content is kept once.
 */
public final class BlobStore {
    private final Path root;

    public BlobStore(Path root) {
        this.root = root;
    }

    public record Blob(String sha256, Path path) {
    }

    public Blob put(Path file) {
        String sha = Hashing.sha256(file);
        Path target = root.resolve(sha.substring(0, 2)).resolve(sha + extensionOf(file));
        if (!Files.exists(target)) {
            AtomicFiles.copy(file, target);
        }
        return new Blob(sha, target);
    }

    private static String extensionOf(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot).toLowerCase(Locale.ROOT);
    }
}
