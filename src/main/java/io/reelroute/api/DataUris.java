package io.reelroute.api;

import io.reelroute.error.ErrorCode;
import io.reelroute.error.ReelrouteException;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;

/** Reads {@code data:<media type>;base64,<data>} inputs of a JSON job request. */
public final class DataUris {
    /** File name extensions by media type, so the inspection of a decoded file sees what it is. */
    private static final Map<String, String> EXTENSIONS = Map.ofEntries(
            Map.entry("image/png", "png"), Map.entry("image/jpeg", "jpg"), Map.entry("image/jpg", "jpg"),
            Map.entry("image/webp", "webp"), Map.entry("audio/mpeg", "mp3"), Map.entry("audio/mp3", "mp3"),
            Map.entry("audio/wav", "wav"), Map.entry("audio/x-wav", "wav"), Map.entry("audio/wave", "wav"),
            Map.entry("audio/mp4", "m4a"), Map.entry("audio/m4a", "m4a"), Map.entry("audio/x-m4a", "m4a"),
            Map.entry("audio/aac", "aac"), Map.entry("audio/ogg", "ogg"));

    private DataUris() {
    }

    public record Decoded(byte[] bytes, String extension) {
    }

    public static boolean isDataUri(String value) {
        return value != null && value.regionMatches(true, 0, "data:", 0, 5);
    }

    /** @param field the spec field it came in, for the message */
    public static Decoded decode(String uri, String field) {
        int comma = uri.indexOf(',');
        String header = comma < 0 ? "" : uri.substring(5, comma).toLowerCase(Locale.ROOT);
        if (comma < 0 || !header.endsWith(";base64")) {
            throw new ReelrouteException(ErrorCode.INVALID_INPUT, field + " is a data URI that is not base64;"
                    + " write it as data:image/png;base64,<data>", field);
        }
        String type = header.substring(0, header.length() - ";base64".length());
        String extension = EXTENSIONS.get(type);
        if (extension == null) {
            throw new ReelrouteException(ErrorCode.INVALID_INPUT, field + " has media type '" + type
                    + "'; accepted: " + String.join(", ", EXTENSIONS.keySet().stream().sorted().toList()), field);
        }
        try {
            return new Decoded(Base64.getDecoder().decode(uri.substring(comma + 1).replaceAll("\\s", "")), extension);
        } catch (IllegalArgumentException e) {
            throw new ReelrouteException(ErrorCode.INVALID_INPUT, field + " is not valid base64: " + e.getMessage(),
                    field);
        }
    }
}
