package io.mergelattice.crdt;

import java.util.Objects;

/**
 * What {@link ORSet#add} and {@link ORSet#remove} return: the new local {@code state} and the {@code delta} to send
 * to other replicas. Invariant: {@code old.mergeDelta(delta).equals(state)}.
 */
public record Mutation<E extends Comparable<? super E>>(ORSet<E> state, ORSetDelta<E> delta) {
    public Mutation {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(delta, "delta");
    }
}
