package io.reelroute.error;

import java.util.Locale;

/** The error codes of CONTRACT section 8, as users see them in error files, results and HTTP answers. */
public enum ErrorCode {
    INVALID_INPUT,
    UNKNOWN_FIELD,
    UNKNOWN_MODEL,
    UNSUPPORTED_PARAMETER,
    MISSING_INPUT,
    QUOTA_EXCEEDED,
    PROVIDER_UNAVAILABLE,
    PROVIDER_REJECTED,
    PROVIDER_FAILED,
    TIMEOUT,
    CANCELLED,
    INTERNAL;

    /** The wire form: {@code invalid_input}, {@code unknown_field}, ... */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ErrorCode fromCode(String code) {
        return valueOf(code.toUpperCase(Locale.ROOT));
    }
}
