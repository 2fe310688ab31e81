package io.mergelattice.strategy;

/** A merge that cannot be done, with the spec's error code (§2.16) and a message a user can act on. */
public final class MergeException extends Exception {
    private static final long serialVersionUID = 1L;
    private final ErrorCode code;

    public MergeException(ErrorCode code, String message) {
        super(message);
        this.code = code;
    }

    public ErrorCode code() {
        return code;
    }

    @Override
    public String getMessage() {
        return code + ": " + super.getMessage();
    }
}
