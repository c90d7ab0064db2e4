package io.reelroute.job;

import io.reelroute.error.ErrorCode;
import io.reelroute.error.ReelrouteException;
import io.reelroute.spec.JobSpec;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * Finds the files a spec names (image, audio, mask_image): an https URL is kept as it is; a path is resolved
 * in the draft's base folder and must stay inside it, with no symbolic link on the way.
 */
public final class InputResolver {

    public JobDraft resolve(JobDraft draft) {
        JobSpec spec = draft.spec();
        put(draft, "image", spec.image());
        put(draft, "audio", spec.audio());
        put(draft, "mask_image", spec.maskImage());
        return draft;
    }

    private static void put(JobDraft draft, String role, String value) {
        if (value == null || value.isBlank()) {
            return;
        }
        if (value.startsWith("https://")) {
            draft.inputs().put(role, new JobDraft.ResolvedInput(role, null, value, value, null));
            return;
        }
        if (value.contains("://")) {
            throw new ReelrouteException(ErrorCode.INVALID_INPUT, role + " '" + value
                    + "' is neither a path inside the inbox nor an https:// URL", role);
        }
        Path file = localFile(draft.baseDir(), role, value);
        draft.inputs().put(role, new JobDraft.ResolvedInput(role, file, null, value, null));
    }

    /**
     * The file a relative path names inside {@code baseDir}: refused when it leads outside, goes through a
     * symbolic link, is missing or is not a regular file.
     *
     * @param role the spec field that named it, for the message
     */
    public static Path localFile(Path baseDir, String role, String value) {
        Path base = baseDir.toAbsolutePath().normalize();
        Path file = base.resolve(value).normalize();
        if (!file.startsWith(base) || file.equals(base)) {
            throw new ReelrouteException(ErrorCode.INVALID_INPUT, role + " path '" + value + "' leads outside "
                    + base.getFileName() + "/; inputs must be files inside it, for example media/voice.mp3", role);
        }
        for (Path step = base, rest = base.relativize(file); rest != null; ) {
            step = step.resolve(rest.getName(0));
            if (Files.isSymbolicLink(step)) {
                throw new ReelrouteException(ErrorCode.INVALID_INPUT, role + " '" + value + "' goes through the"
                        + " symbolic link " + base.relativize(step) + "; put the file itself in the folder", role);
            }
            rest = rest.getNameCount() > 1 ? rest.subpath(1, rest.getNameCount()) : null;
        }
        if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            throw new ReelrouteException(ErrorCode.MISSING_INPUT, role + " '" + value + "' was not found in "
                    + base.getFileName() + "/", role);
        }
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            throw new ReelrouteException(ErrorCode.INVALID_INPUT, role + " '" + value + "' is not a file", role);
        }
        return file;
    }
}
