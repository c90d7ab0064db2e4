package io.reelroute.intake;

import io.reelroute.error.ErrorCode;
import io.reelroute.files.AtomicFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Top-level inbox files that make one intake: an image alone, an image with its sidecar, a job file, or
 * something that cannot be accepted (then {@code problem} says why and every file goes to rejected/).
 */
public record InboxGroup(Kind kind, Path primary, Path sidecar, ErrorCode problemCode, String problem) {

    public enum Kind { IMAGE, JOB_FILE, STORY_FILE, NOT_ACCEPTED }

    public static InboxGroup image(Path image, Path sidecar) {
        return new InboxGroup(Kind.IMAGE, image, sidecar, null, null);
    }

    public static InboxGroup jobFile(Path file) {
        return new InboxGroup(Kind.JOB_FILE, file, null, null, null);
    }

    public static InboxGroup storyFile(Path file) {
        return new InboxGroup(Kind.STORY_FILE, file, null, null, null);
    }

    public boolean isStory() {
        return kind == Kind.STORY_FILE;
    }

    public static InboxGroup notAccepted(Path file, ErrorCode code, String problem) {
        return new InboxGroup(Kind.NOT_ACCEPTED, file, null, code, problem);
    }

    public List<Path> files() {
        List<Path> files = new ArrayList<>();
        files.add(primary);
        if (sidecar != null) {
            files.add(sidecar);
        }
        return files;
    }

    /** Moves the group's files that are still there into {@code dir}, never overwriting a file there. */
    public void moveFilesTo(Path dir) {
        for (Path file : files()) {
            if (Files.exists(file)) {
                AtomicFiles.move(file, AtomicFiles.freeName(dir, file.getFileName().toString()));
            }
        }
    }

    /** The CONTRACT source form: inbox:&lt;file&gt;. */
    public String source() {
        return "inbox:" + primary.getFileName();
    }

    @Override
    public String toString() {
        return kind + " " + files().stream().map(p -> p.getFileName().toString()).toList();
    }
}
