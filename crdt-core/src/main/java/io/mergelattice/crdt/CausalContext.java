package io.mergelattice.crdt;

import java.util.Collection;
import java.util.Collections;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The set of dots a replica has seen, kept compact: a {@link VersionVector} for the contiguous prefix of each
 * replica's dots plus a <em>dot cloud</em> for dots that arrived out of order. Adding the missing dot moves the
 * cloud's dots into the vector ({@code compaction}). Immutable; {@link #merge} is set union.
 *
 * <p>Example: {@code {a:2} + cloud {a:4, b:2}}; adding {@code a:3} compacts to {@code {a:4} + cloud {b:2}};
 * adding {@code b:1} gives {@code {a:4, b:2}} with an empty cloud.
 *
 * <p>Reference: Almeida, Shoker, Baquero, "Delta State Replicated Data Types", JPDC 2018, §5 (causal context).
 */
public final class CausalContext {
    private static final CausalContext EMPTY = new CausalContext(VersionVector.empty(), new TreeSet<>());

    private final VersionVector compact;
    // Invariant: every cloud dot d has d.counter > compact.get(d.replica) + 1 (otherwise it would be compacted).
    private final SortedSet<Dot> cloud;

    private CausalContext(VersionVector compact, TreeSet<Dot> cloud) {
        this.compact = compact;
        this.cloud = Collections.unmodifiableSortedSet(cloud);
    }

    public static CausalContext empty() {
        return EMPTY;
    }

    /** The context {@code vector ∪ dots}, compacted. */
    public static CausalContext of(VersionVector vector, Collection<Dot> dots) {
        TreeMap<ReplicaId, Long> counters = new TreeMap<>(vector.entries());
        return compact(counters, new TreeSet<>(dots));
    }

    /** The context holding exactly {@code dots}, compacted. */
    public static CausalContext ofDots(Collection<Dot> dots) {
        return of(VersionVector.empty(), dots);
    }

    /** The context of everything {@code vector} has seen. */
    public static CausalContext of(VersionVector vector) {
        return vector.isEmpty() ? EMPTY : new CausalContext(vector, new TreeSet<>());
    }

    private static CausalContext compact(TreeMap<ReplicaId, Long> counters, TreeSet<Dot> dots) {
        TreeSet<Dot> cloud = new TreeSet<>();
        // Ascending (replica, counter) order: one pass moves every run that continues the vector into it.
        for (Dot d : dots) {
            long have = counters.getOrDefault(d.replica(), 0L);
            if (d.counter() == have + 1) {
                counters.put(d.replica(), d.counter());
            } else if (d.counter() > have + 1) {
                cloud.add(d);
            }
        }
        if (counters.isEmpty() && cloud.isEmpty()) {
            return EMPTY;
        }
        return new CausalContext(VersionVector.wrap(counters), cloud);
    }

    /** The contiguous part: every dot {@code r:1..n} for each entry {@code r:n}. */
    public VersionVector versionVector() {
        return compact;
    }

    /** Seen dots that do not continue the version vector, ascending. */
    public SortedSet<Dot> cloud() {
        return cloud;
    }

    public boolean contains(Dot dot) {
        return compact.contains(dot) || (!cloud.isEmpty() && cloud.contains(dot));
    }

    /** This context with {@code dot} added, compacted. */
    public CausalContext add(Dot dot) {
        if (contains(dot)) {
            return this;
        }
        TreeMap<ReplicaId, Long> counters = new TreeMap<>(compact.entries());
        TreeSet<Dot> dots = new TreeSet<>(cloud);
        dots.add(dot);
        return compact(counters, dots);
    }

    /** The union, compacted. */
    public CausalContext merge(CausalContext other) {
        if (other == this || other.isEmpty()) {
            return this;
        }
        if (isEmpty()) {
            return other;
        }
        if (cloud.isEmpty() && other.cloud.isEmpty()) {
            return new CausalContext(compact.merge(other.compact), new TreeSet<>());
        }
        TreeMap<ReplicaId, Long> counters = new TreeMap<>(compact.merge(other.compact).entries());
        TreeSet<Dot> dots = new TreeSet<>(cloud);
        dots.addAll(other.cloud);
        return compact(counters, dots);
    }

    /** The highest counter of {@code replica} in this context (vector or cloud), 0 if none. */
    public long maxCounter(ReplicaId replica) {
        SortedSet<Dot> mine = cloud.isEmpty() ? cloud : cloud.subSet(new Dot(replica, 1), new Dot(replica, Long.MAX_VALUE));
        return mine.isEmpty() ? compact.get(replica) : Math.max(compact.get(replica), mine.last().counter());
    }

    /** The next fresh dot for {@code replica}: one past the highest counter of it seen here. */
    public Dot nextDot(ReplicaId replica) {
        return new Dot(replica, maxCounter(replica) + 1);
    }

    /**
     * The dots of this context that {@code seen} lacks. Entries the vector is entirely missing stay compact; a
     * replica the vector knows up to {@code k} contributes its dots {@code k+1..n} to the cloud, so the result is
     * O(number of missing dots).
     */
    public CausalContext notCoveredBy(VersionVector seen) {
        TreeMap<ReplicaId, Long> counters = new TreeMap<>();
        TreeSet<Dot> dots = new TreeSet<>();
        for (Map.Entry<ReplicaId, Long> e : compact.entries().entrySet()) {
            long peer = seen.get(e.getKey());
            if (peer == 0) {
                counters.put(e.getKey(), e.getValue());
            } else {
                for (long c = peer + 1; c <= e.getValue(); c++) {
                    dots.add(new Dot(e.getKey(), c));
                }
            }
        }
        for (Dot d : cloud) {
            if (!seen.contains(d)) {
                dots.add(d);
            }
        }
        return compact(counters, dots);
    }

    /** Whether every dot of {@code other} is in this context. */
    public boolean containsAll(CausalContext other) {
        if (!compact.dominates(other.compact)) {
            for (Map.Entry<ReplicaId, Long> e : other.compact.entries().entrySet()) {
                for (long c = compact.get(e.getKey()) + 1; c <= e.getValue(); c++) {
                    if (!cloud.contains(new Dot(e.getKey(), c))) {
                        return false;
                    }
                }
            }
        }
        for (Dot d : other.cloud) {
            if (!contains(d)) {
                return false;
            }
        }
        return true;
    }

    /** This context without any dot of {@code replica} (used by {@link Pruning}). */
    public CausalContext without(ReplicaId replica) {
        TreeSet<Dot> dots = new TreeSet<>(cloud);
        dots.removeIf(d -> d.replica().equals(replica));
        if (compact.get(replica) == 0 && dots.size() == cloud.size()) {
            return this;
        }
        return compact(new TreeMap<>(compact.without(replica).entries()), dots);
    }

    public boolean isEmpty() {
        return compact.isEmpty() && cloud.isEmpty();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CausalContext c && compact.equals(c.compact) && cloud.equals(c.cloud);
    }

    @Override
    public int hashCode() {
        return 31 * compact.hashCode() + cloud.hashCode();
    }

    @Override
    public String toString() {
        return cloud.isEmpty() ? compact.toString() : compact + "+" + cloud;
    }
}
