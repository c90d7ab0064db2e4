package io.reelroute.files;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.UUID;

/**
 * Files that appear whole or not at all: written under a hidden temporary name beside the target (same
 * folder, hence same file system), then renamed, so a reader never sees half a file.
 */
public final class AtomicFiles {
    private AtomicFiles() {
    }

    /** A hidden, unique name beside {@code target}, for a writer (FFmpeg, say) to fill before {@link #move}. */
    public static Path tempSibling(Path target) {
        Path absolute = target.toAbsolutePath();
        try {
            Files.createDirectories(absolute.getParent());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + absolute.getParent(), e);
        }
        return absolute.resolveSibling("." + absolute.getFileName() + "." + UUID.randomUUID() + ".part");
    }

    /** Deletes a folder and everything in it, best effort: a leftover temporary folder is harmless. */
    public static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (java.util.stream.Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(AtomicFiles::discard);
        } catch (IOException | UncheckedIOException ignored) {
            // best effort, see above
        }
    }

    /** Removes a temporary file that will not be published; best effort, a leftover is hidden and harmless. */
    public static void discard(Path temp) {
        try {
            Files.deleteIfExists(temp);
        } catch (IOException ignored) {
            // a leftover hidden .part file carries a unique name and is never read
        }
    }

    /**
     * Copies a classpath resource to {@code target} unless a copy of the same size is already there: native
     * programs (FFmpeg, the dynamic loader) can only use real files, not resources inside a jar.
     */
    public static Path extractResource(String resource, Path target) {
        try (InputStream in = AtomicFiles.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("resource " + resource + " is missing from the classpath");
            }
            byte[] bytes = in.readAllBytes();
            if (Files.isRegularFile(target) && Files.size(target) == bytes.length) {
                return target;
            }
            write(target, bytes);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("could not extract " + resource + " to " + target, e);
        }
    }

    public static void write(Path target, byte[] content) {
        try {
            Path temp = tempSibling(target);
            Files.write(temp, content);
            move(temp, target);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target, e);
        }
    }

    public static void copy(Path source, Path target) {
        try {
            Path temp = tempSibling(target);
            Files.copy(source, temp, StandardCopyOption.REPLACE_EXISTING);
            move(temp, target);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy " + source + " to " + target, e);
        }
    }

    /**
     * Gives {@code target} the content of {@code source} as a hard link (no bytes copied), or as a copy where the
     * file system cannot link; the target appears atomically, replacing what was there.
     */
    public static void linkOrCopy(Path source, Path target) {
        Path temp = tempSibling(target);
        try {
            try {
                Files.createLink(temp, source);
            } catch (IOException | UnsupportedOperationException notLinkable) {
                Files.copy(source, temp, StandardCopyOption.REPLACE_EXISTING);
            }
            move(temp, target);
        } catch (IOException e) {
            discard(temp);
            throw new UncheckedIOException("cannot give " + target + " the content of " + source, e);
        }
    }

    /** Renames atomically, replacing the target; falls back to a plain replace across file systems. */
    public static void move(Path source, Path target) {
        try {
            Files.createDirectories(target.getParent());
            try {
                Files.move(source, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(source, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot move " + source + " to " + target, e);
        }
    }

    /** A free name in {@code dir} for {@code fileName}: the name itself, else "name-2.ext", "name-3.ext", ... */
    public static Path freeName(Path dir, String fileName) {
        Path candidate = dir.resolve(fileName);
        int dot = fileName.indexOf('.', 1);
        String stem = dot < 0 ? fileName : fileName.substring(0, dot);
        String ext = dot < 0 ? "" : fileName.substring(dot);
        for (int n = 2; Files.exists(candidate, java.nio.file.LinkOption.NOFOLLOW_LINKS); n++) {
            candidate = dir.resolve(stem + "-" + n + ext);
        }
        return candidate;
    }
}
