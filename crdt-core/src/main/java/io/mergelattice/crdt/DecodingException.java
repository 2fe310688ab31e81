package io.mergelattice.crdt;

import java.util.Objects;

/**
 * Thrown by {@link ORSetCodec} when bytes are not a canonical encoding. The {@link Reason} is stable and meant for
 * callers (metrics, a problem-detail {@code type}); the message adds the detail and byte offset for humans.
 */
public final class DecodingException extends RuntimeException {
    /** Why the input was rejected. */
    public enum Reason {
        /** The input ends before the structure it announces. */
        TRUNCATED,
        /** The input, a count or an element is larger than the {@link DecodeLimits} allow. */
        OVERSIZED,
        /** The first four bytes are not {@code "MLOR"}. */
        BAD_MAGIC,
        /** The format version byte is not one this code reads. */
        UNSUPPORTED_VERSION,
        /** A state was expected and a delta found, or the kind byte is unknown. */
        WRONG_KIND,
        /** A field holds an impossible value: an invalid replica id, a counter of 0, an undecodable element. */
        INVALID_VALUE,
        /** The value is well formed but not written the one canonical way (unsorted, duplicated, uncompacted). */
        NOT_CANONICAL,
        /** The parts contradict each other: a dot outside the context, or one dot on two elements. */
        INCONSISTENT,
        /** Bytes remain after the structure ends. */
        TRAILING_BYTES
    }

    private final Reason reason;
    private final long offset;

    public DecodingException(Reason reason, long offset, String detail) {
        super(Objects.requireNonNull(reason, "reason") + " at byte " + offset + ": " + detail);
        this.reason = reason;
        this.offset = offset;
    }

    public Reason reason() {
        return reason;
    }

    /** The byte offset at which the problem was detected. */
    public long offset() {
        return offset;
    }
}
