package io.reelroute.intake;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.reelroute.error.ErrorCode;
import io.reelroute.error.ReelrouteException;
import io.reelroute.files.AtomicFiles;
import io.reelroute.files.Workspace;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sets aside inputs that cannot be accepted: each file moves to rejected/ and gets
 * {@code <file name>.error.json} beside it with source, error, message and field (CONTRACT 2.1).
 */
public final class Rejections {
    private static final Logger LOG = LoggerFactory.getLogger(Rejections.class);

    private final Workspace workspace;
    private final ObjectMapper json;

    public Rejections(Workspace workspace, ObjectMapper json) {
        this.workspace = workspace;
        this.json = json;
    }

    public void reject(InboxGroup group, Throwable error) {
        Map<String, Object> body = errorBody(group.source(), error);
        LOG.warn("rejected {}: {} {}", group, body.get("error"), body.get("message"));
        for (Path file : group.files()) {
            reject(file, body);
        }
    }

    /** Moves one file to rejected/ with {@code body} as its error file; a file that is gone is skipped. */
    public void reject(Path file, Map<String, Object> body) {
        if (!Files.exists(file, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Path target = AtomicFiles.freeName(workspace.rejected(), file.getFileName().toString());
        AtomicFiles.move(file, target);
        try {
            AtomicFiles.write(target.resolveSibling(target.getFileName() + ".error.json"),
                    json.writerWithDefaultPrettyPrinter().writeValueAsBytes(body));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The CONTRACT error object; anything that is not a ReelrouteException is an internal error. */
    public static Map<String, Object> errorBody(String source, Throwable error) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("source", source);
        if (error instanceof ReelrouteException re) {
            body.put("error", re.code().code());
            body.put("message", re.getMessage());
            body.put("field", re.field());
        } else {
            LOG.error("unexpected failure on {}", source, error);
            body.put("error", ErrorCode.INTERNAL.code());
            body.put("message", "reelroute failed unexpectedly (" + error.getClass().getSimpleName() + ": "
                    + error.getMessage() + "); the input was set aside unchanged, drop it again to retry");
            body.put("field", null);
        }
        return body;
    }
}
