package io.reelroute.provider;

import io.reelroute.error.ErrorCode;
import io.reelroute.error.ReelrouteException;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A job's local input (its content-addressed copy) for an upload: its size and a streamed request body
 * ({@link MediaFiles} has its type and its bytes inline). A copy that cannot be read is nothing the provider
 * did and nothing the user can fix, so it fails as {@code internal}.
 */
public final class InputFiles {
    private InputFiles() {
    }

    public static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw unreadable(file, e);
        }
    }

    /** The file as a request body, streamed rather than read into memory. */
    public static HttpRequest.BodyPublisher body(Path file) {
        try {
            return HttpRequest.BodyPublishers.ofFile(file);
        } catch (FileNotFoundException e) {
            throw unreadable(file, e);
        }
    }

    private static ReelrouteException unreadable(Path file, IOException e) {
        return new ReelrouteException(ErrorCode.INTERNAL, "cannot read the input file " + file.getFileName() + ": "
                + e.getMessage(), null, e);
    }
}
