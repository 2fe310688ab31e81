package io.mergelattice.crdt;

import java.util.Objects;

/**
 * A live replica's report, for one departed replica, of what its <em>persisted</em> state says: how far it has
 * seen the departed replica's dots, and whether any element still carries one. Computed by {@link Pruning#ack}.
 *
 * @param replica    who acknowledges
 * @param departed   the replica being pruned
 * @param seen       the departed replica's counter in {@code replica}'s version vector
 * @param holdsDots  whether {@code replica}'s store still holds a dot of {@code departed}
 */
public record PruneAck(ReplicaId replica, ReplicaId departed, long seen, boolean holdsDots) {
    public PruneAck {
        Objects.requireNonNull(replica, "replica");
        Objects.requireNonNull(departed, "departed");
        if (seen < 0) {
            throw new IllegalArgumentException("seen is >= 0, got " + seen);
        }
    }
}
