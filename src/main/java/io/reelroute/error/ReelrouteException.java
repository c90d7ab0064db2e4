package io.reelroute.error;

/**
 * A failure a person can act on: a CONTRACT error code, a message that says what was wrong and what is
 * accepted instead, and the spec field it concerns (null when it concerns no single field).
 */
public class ReelrouteException extends RuntimeException {
    private final ErrorCode code;
    private final String field;

    public ReelrouteException(ErrorCode code, String message) {
        this(code, message, null, null);
    }

    public ReelrouteException(ErrorCode code, String message, String field) {
        this(code, message, field, null);
    }

    public ReelrouteException(ErrorCode code, String message, String field, Throwable cause) {
        super(message, cause);
        this.code = code;
        this.field = field;
    }

    public ErrorCode code() {
        return code;
    }

    public String field() {
        return field;
    }
}
