package io.mergelattice.crdt;

import java.util.Collections;
import java.util.Iterator;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A version vector: for each replica, the highest counter {@code n} such that all of its dots {@code 1..n} have
 * been seen. Absent replicas stand at 0. Immutable; {@link #merge} is the pointwise maximum (a join).
 *
 * <p>Example: {@code {a:2, b:1}.merge({a:1, c:4}) = {a:2, b:1, c:4}}; {@code {a:2}} is {@link Causality#BEFORE}
 * {@code {a:2, b:1}} and {@link Causality#CONCURRENT} with {@code {b:1}}.
 *
 * <p>Reference: Parker et al., "Detection of Mutual Inconsistency in Distributed Systems", IEEE TSE 1983.
 */
public final class VersionVector {
    private static final VersionVector EMPTY = new VersionVector(new TreeMap<>());

    // Invariant: every value is >= 1 (a 0 entry is the same as an absent one and is never stored).
    private final SortedMap<ReplicaId, Long> counters;

    private VersionVector(TreeMap<ReplicaId, Long> counters) {
        this.counters = Collections.unmodifiableSortedMap(counters);
    }

    /** The vector that has seen nothing. */
    public static VersionVector empty() {
        return EMPTY;
    }

    /** A vector with the given counters; zero counters are dropped, negative ones rejected. */
    public static VersionVector of(Map<ReplicaId, Long> counters) {
        TreeMap<ReplicaId, Long> copy = new TreeMap<>();
        counters.forEach((replica, counter) -> {
            if (counter < 0) {
                throw new IllegalArgumentException("a version vector counter is >= 0, got " + replica + ":" + counter);
            }
            if (counter > 0) {
                copy.put(replica, counter);
            }
        });
        return copy.isEmpty() ? EMPTY : new VersionVector(copy);
    }

    /** Trusted constructor: the map is owned by the new vector and holds only counters >= 1. */
    static VersionVector wrap(TreeMap<ReplicaId, Long> counters) {
        assert counters.values().stream().allMatch(c -> c >= 1) : "zero or negative counter in " + counters;
        return counters.isEmpty() ? EMPTY : new VersionVector(counters);
    }

    /** The counter of {@code replica}, 0 if absent. */
    public long get(ReplicaId replica) {
        Long c = counters.get(replica);
        return c == null ? 0 : c;
    }

    /** Whether this vector has seen {@code dot}. */
    public boolean contains(Dot dot) {
        return get(dot.replica()) >= dot.counter();
    }

    /** This vector with {@code replica}'s counter raised to at least {@code counter}. */
    public VersionVector advance(ReplicaId replica, long counter) {
        if (get(replica) >= counter) {
            return this;
        }
        TreeMap<ReplicaId, Long> copy = new TreeMap<>(counters);
        copy.put(replica, counter);
        return new VersionVector(copy);
    }

    /** This vector with one more event of {@code replica}. */
    public VersionVector increment(ReplicaId replica) {
        return advance(replica, get(replica) + 1);
    }

    /** The pointwise maximum. */
    public VersionVector merge(VersionVector other) {
        if (other.counters.isEmpty() || this == other) {
            return this;
        }
        if (counters.isEmpty()) {
            return other;
        }
        TreeMap<ReplicaId, Long> copy = new TreeMap<>(counters);
        other.counters.forEach((r, c) -> copy.merge(r, c, Math::max));
        return new VersionVector(copy);
    }

    /** Where this vector stands relative to {@code other}. */
    public Causality compare(VersionVector other) {
        boolean thisAhead = false;
        boolean otherAhead = false;
        Iterator<Map.Entry<ReplicaId, Long>> a = counters.entrySet().iterator();
        Iterator<Map.Entry<ReplicaId, Long>> b = other.counters.entrySet().iterator();
        Map.Entry<ReplicaId, Long> ea = a.hasNext() ? a.next() : null;
        Map.Entry<ReplicaId, Long> eb = b.hasNext() ? b.next() : null;
        while ((ea != null || eb != null) && !(thisAhead && otherAhead)) {
            int cmp = ea == null ? 1 : eb == null ? -1 : ea.getKey().compareTo(eb.getKey());
            if (cmp < 0) {
                thisAhead = true;
                ea = a.hasNext() ? a.next() : null;
            } else if (cmp > 0) {
                otherAhead = true;
                eb = b.hasNext() ? b.next() : null;
            } else {
                int c = Long.compare(ea.getValue(), eb.getValue());
                thisAhead |= c > 0;
                otherAhead |= c < 0;
                ea = a.hasNext() ? a.next() : null;
                eb = b.hasNext() ? b.next() : null;
            }
        }
        if (thisAhead && otherAhead) {
            return Causality.CONCURRENT;
        }
        return thisAhead ? Causality.AFTER : otherAhead ? Causality.BEFORE : Causality.EQUAL;
    }

    /** Whether this vector has seen everything {@code other} has ({@code this ⊒ other}). */
    public boolean dominates(VersionVector other) {
        Causality c = compare(other);
        return c == Causality.AFTER || c == Causality.EQUAL;
    }

    /** This vector without {@code replica}'s entry (used by {@link Pruning}). */
    public VersionVector without(ReplicaId replica) {
        if (!counters.containsKey(replica)) {
            return this;
        }
        TreeMap<ReplicaId, Long> copy = new TreeMap<>(counters);
        copy.remove(replica);
        return wrap(copy);
    }

    /** The entries, ascending by replica id; every counter is >= 1. */
    public SortedMap<ReplicaId, Long> entries() {
        return counters;
    }

    public boolean isEmpty() {
        return counters.isEmpty();
    }

    /** Number of replicas with a counter >= 1. */
    public int size() {
        return counters.size();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof VersionVector v && counters.equals(v.counters);
    }

    @Override
    public int hashCode() {
        return counters.hashCode();
    }

    @Override
    public String toString() {
        return counters.toString();
    }
}
