package io.mergelattice.crdt;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The name of a replica: the {@code replica} part of every {@link Dot} it issues.
 *
 * <p>Representation: 1 to 64 characters of {@code [a-z0-9][a-z0-9._-]*} (the design's name rule), so the
 * UTF-8 bytes are plain ASCII, {@link #compareTo} (UTF-16 order) equals the unsigned-byte order used by the
 * encoding, and there is no Unicode normalisation question. A replica can use, for example, the lowercase hex of
 * a hash of its public key (64 characters). Wire format: {@code u8 length ‖ ASCII bytes}.
 *
 * <p>A replica id is used for one incarnation only: a replica that lost its state, or that was pruned away
 * ({@link Pruning}), rejoins under a fresh id.
 */
public record ReplicaId(String value) implements Comparable<ReplicaId> {
    /** Longest id, in bytes (= characters). */
    public static final int MAX_LENGTH = 64;

    private static final Pattern VALID = Pattern.compile("[a-z0-9][a-z0-9._-]{0," + (MAX_LENGTH - 1) + "}");

    public ReplicaId {
        Objects.requireNonNull(value, "value");
        if (!VALID.matcher(value).matches()) {
            throw new IllegalArgumentException(
                    "a replica id is 1-64 characters of [a-z0-9][a-z0-9._-]*, got '" + value + "'");
        }
    }

    /** Same as the constructor. */
    public static ReplicaId of(String value) {
        return new ReplicaId(value);
    }

    @Override
    public int compareTo(ReplicaId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
