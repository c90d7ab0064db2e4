package io.reelroute.api;

import java.util.Map;
import java.util.Optional;

/**
 * One byte range of an HTTP {@code Range} header (RFC 9110 14.1.2): {@code bytes=a-b}, {@code bytes=a-} or the
 * suffix {@code bytes=-n}. Several ranges in one header are answered
 * with 416: players ask for one, and a multipart answer is not worth its weight.
 */
public record ByteRange(long start, long end) {

    public long length() {
        return end - start + 1;
    }

    public String contentRange(long size) {
        return "bytes " + start + "-" + end + "/" + size;
    }

    /**
     * @return empty without a header (the whole file); the range, its end cut to the file
     * @throws ApiException 416 for a range that is malformed or starts beyond the file
     */
    public static Optional<ByteRange> parse(String header, long size) {
        if (header == null || header.isBlank()) {
            return Optional.empty();
        }
        String spec = header.trim();
        if (!spec.startsWith("bytes=") || spec.contains(",")) {
            throw unsatisfiable(header, size);
        }
        String[] parts = spec.substring(6).trim().split("-", -1);
        try {
            if (parts.length != 2) {
                throw unsatisfiable(header, size);
            }
            if (parts[0].isBlank()) {
                long suffix = Long.parseLong(parts[1].trim());
                if (suffix <= 0 || size == 0) {
                    throw unsatisfiable(header, size);
                }
                return Optional.of(new ByteRange(Math.max(0, size - suffix), size - 1));
            }
            long start = Long.parseLong(parts[0].trim());
            long end = parts[1].isBlank() ? size - 1 : Math.min(Long.parseLong(parts[1].trim()), size - 1);
            if (start < 0 || start >= size || end < start) {
                throw unsatisfiable(header, size);
            }
            return Optional.of(new ByteRange(start, end));
        } catch (NumberFormatException e) {
            throw unsatisfiable(header, size);
        }
    }

    private static ApiException unsatisfiable(String header, long size) {
        // RFC 9110 15.5.17: the size goes with the refusal, so a client can ask again within it
        return new ApiException(416, "invalid_input", "range '" + header + "' cannot be served from " + size
                + " bytes; ask for one range, e.g. bytes=0-1023", "Range", Map.of("Content-Range", "bytes */" + size));
    }
}
