package io.reelroute.files;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The folders under REELROUTE_HOME (CONTRACT 1). */
public record Workspace(Path home) {

    public Workspace {
        home = home.toAbsolutePath().normalize();
    }

    public Path inbox() {
        return home.resolve("inbox");
    }

    public Path batches() {
        return home.resolve("batches");
    }

    public Path output() {
        return home.resolve("output");
    }

    public Path archive() {
        return home.resolve("archive");
    }

    public Path rejected() {
        return home.resolve("rejected");
    }

    public Path usage() {
        return home.resolve("usage");
    }

    public Path state() {
        return home.resolve("state");
    }

    /** Content-addressed copies of every job input: a job's inputs never change under it. */
    public Path blobs() {
        return state().resolve("blobs");
    }

    /** Scratch space of jobs in progress (clips before delivery). */
    public Path work(String jobId) {
        return state().resolve("work").resolve(jobId);
    }

    public Path outputOf(String jobId) {
        return output().resolve(jobId);
    }

    public Workspace create() {
        try {
            for (Path dir : List.of(inbox(), batches(), output(), archive(), rejected(), usage(), state(), blobs())) {
                Files.createDirectories(dir);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the folders under " + home, e);
        }
        return this;
    }
}
