package io.mergelattice.crdt;

import java.util.Objects;

/**
 * One event: the {@code counter}-th event issued by {@code replica} (counters start at 1). Every add creates a
 * fresh dot, so a dot names exactly one add of one element. Ordered by replica, then counter.
 */
public record Dot(ReplicaId replica, long counter) implements Comparable<Dot> {
    public Dot {
        Objects.requireNonNull(replica, "replica");
        if (counter < 1) {
            throw new IllegalArgumentException("a dot's counter is >= 1, got " + counter + " for " + replica);
        }
    }

    @Override
    public int compareTo(Dot other) {
        int c = replica.compareTo(other.replica);
        return c != 0 ? c : Long.compare(counter, other.counter);
    }

    @Override
    public String toString() {
        return replica + ":" + counter;
    }
}
