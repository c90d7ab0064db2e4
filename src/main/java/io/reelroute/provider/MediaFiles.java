package io.reelroute.provider;

import io.reelroute.error.ErrorCode;
import io.reelroute.error.ReelrouteException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What provider clients need to send a local input: its media type (from the file name: inputs are
 * content-addressed copies that keep the extension of the user's file) and its bytes as base64 or a data URI,
 * for providers that take files inline. Also the other way round, the file extension for a media type a
 * provider answered with.
 */
public final class MediaFiles {
    /** The media type of a file whose extension is not one of ours. */
    public static final String UNKNOWN_TYPE = "application/octet-stream";

    private static final Map<String, String> TYPES = Map.ofEntries(
            Map.entry("png", "image/png"),
            Map.entry("jpg", "image/jpeg"),
            Map.entry("jpeg", "image/jpeg"),
            Map.entry("webp", "image/webp"),
            Map.entry("gif", "image/gif"),
            Map.entry("avif", "image/avif"),
            Map.entry("heic", "image/heic"),
            Map.entry("heif", "image/heif"),
            Map.entry("mp3", "audio/mpeg"),
            Map.entry("wav", "audio/wav"),
            Map.entry("m4a", "audio/mp4"),
            Map.entry("aac", "audio/aac"),
            Map.entry("ogg", "audio/ogg"),
            Map.entry("flac", "audio/flac"),
            Map.entry("mp4", "video/mp4"),
            Map.entry("mov", "video/quicktime"),
            Map.entry("webm", "video/webm"));

    /** The usual extension of each type (jpg rather than jpeg), for naming files a provider returned. */
    private static final Map<String, String> EXTENSIONS = Map.of(
            "image/png", "png",
            "image/jpeg", "jpg",
            "image/webp", "webp",
            "audio/mpeg", "mp3",
            "audio/wav", "wav",
            "video/mp4", "mp4");

    private MediaFiles() {
    }

    /** image/png for frame.png, ...; {@link #UNKNOWN_TYPE} for an extension not listed. */
    public static String contentType(Path file) {
        return contentType(file.getFileName().toString());
    }

    public static String contentType(String fileName) {
        int dot = fileName.lastIndexOf('.');
        String extension = dot < 0 ? "" : fileName.substring(dot + 1).toLowerCase(Locale.ROOT);
        return TYPES.getOrDefault(extension, UNKNOWN_TYPE);
    }

    /** png for image/png, jpg for image/jpeg (parameters such as "; charset" ignored); empty if not ours. */
    public static Optional<String> extension(String mediaType) {
        if (mediaType == null) {
            return Optional.empty();
        }
        String bare = mediaType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        return Optional.ofNullable(EXTENSIONS.get(bare));
    }

    /** The whole file; an unreadable content-addressed copy is our fault, not the user's: internal. */
    public static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new ReelrouteException(ErrorCode.INTERNAL, "cannot read the input file " + file.getFileName() + ": "
                    + e.getMessage(), null, e);
        }
    }

    /** The file's bytes in standard base64 (no line breaks), as inline-bytes APIs take them. */
    public static String base64(Path file) {
        return Base64.getEncoder().encodeToString(read(file));
    }

    /** {@code data:image/png;base64,...}: a file as a URL, for fields that accept data URIs. */
    public static String dataUri(Path file) {
        return "data:" + contentType(file) + ";base64," + base64(file);
    }
}
