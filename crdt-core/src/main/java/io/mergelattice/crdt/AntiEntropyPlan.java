package io.mergelattice.crdt;

import java.util.Objects;

/**
 * What {@link AntiEntropyPlanner#plan} decides to send to one peer.
 *
 * @param kind     nothing, a delta of what the peer lacks, or the whole state
 * @param delta    what to send (empty for {@link Kind#NOTHING}); the peer applies it with {@link ORSet#mergeDelta}
 * @param complete whether the peer, after merging {@code delta}, is guaranteed to be {@code ⊒} the local state.
 *                 False only when the peer is ahead of us on some replica and we have removals among the dots it
 *                 has seen: those reach it in a later exchange, once the vectors are comparable.
 */
public record AntiEntropyPlan<E extends Comparable<? super E>>(Kind kind, ORSetDelta<E> delta, boolean complete) {
    /** The shape of a plan. */
    public enum Kind {
        /** The peer already has everything we have. */
        NOTHING,
        /** The dots the peer has not seen, with the part of our context that covers them. */
        DELTA,
        /** Our whole state: the peer holds dots we removed, and a digest cannot say which. */
        FULL_STATE
    }

    public AntiEntropyPlan {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(delta, "delta");
        if ((kind == Kind.NOTHING) != delta.isEmpty()) {
            throw new IllegalArgumentException("a plan sends nothing exactly when its delta is empty: " + kind + " " + delta);
        }
    }
}
