package io.mergelattice.crdt;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * An add-wins observed-remove set without tombstones (ORSWOT), as a delta-state CRDT. In MergeLattice the
 * elements are contribution ids ({@link io.mergelattice.identity.Hash32}); the type is generic for tests.
 *
 * <p>State: a dot store (element → the dots of the adds that keep it alive) plus a {@link CausalContext} (every
 * dot this replica has seen). {@link #add} tags the element with a fresh dot of the adding replica and retires
 * the element's older dots; {@link #remove} drops the element's dots from the store, and the context alone
 * remembers them, so no tombstone is kept. {@link #merge} keeps a dot if both sides hold it or if the side
 * without it has never seen it. A remove therefore only cancels the adds it observed, and a concurrent add wins.
 *
 * <p>Worked example (replicas {@code a} and {@code b}):
 * <pre>
 * a: add(a, x)          store {x:[a:1]}            context {a:1}
 * b: merge(a)           store {x:[a:1]}            context {a:1}
 * b: remove(x)          store {}                   context {a:1}        delta ({}, {a:1})
 * a: add(a, x) again    store {x:[a:2]}            context {a:2}        delta ({x:[a:2]}, {a:1,a:2})   (concurrent)
 * a.merge(b) = b.merge(a) = store {x:[a:2]}, context {a:2}: x stays, because b never saw a:2 (add wins);
 * without a's second add, the merge would drop a:1 (b has seen it and no longer holds it): x is removed.
 * </pre>
 *
 * <p>{@link #add} and {@link #remove} return a {@link Mutation}: the new state and the delta to send. Deltas are
 * joined with {@link #mergeDelta}; joining deltas in any order, any number of times, gives the same state as
 * joining the full states.
 *
 * <p>References: Bieniusa et al., "An Optimized Conflict-free Replicated Set", arXiv:1210.3368, 2012 (ORSWOT);
 * Almeida, Shoker, Baquero, "Delta State Replicated Data Types", JPDC 2018, §6 (add-wins set with dot stores).
 */
public final class ORSet<E extends Comparable<? super E>> {
    // Invariant: every dot in entries is in context; each element's dots are ascending, distinct and non-empty;
    // no dot belongs to two elements. Checked by checkedCopy for outside input, asserted in tests.
    private final SortedMap<E, List<Dot>> entries;
    private final CausalContext context;

    ORSet(SortedMap<E, List<Dot>> entries, CausalContext context) {
        this.entries = entries;
        this.context = context;
    }

    public static <E extends Comparable<? super E>> ORSet<E> empty() {
        return new ORSet<>(Collections.<E, List<Dot>>emptySortedMap(), CausalContext.empty());
    }

    /**
     * A state from its parts, validated (used by decoders and tests).
     *
     * @throws IllegalArgumentException if an element has no dots, a dot belongs to two elements, or the context
     *                                  lacks a dot of the store
     */
    public static <E extends Comparable<? super E>> ORSet<E> of(
            Map<E, ? extends Collection<Dot>> entries, CausalContext context) {
        return new ORSet<>(DotStores.checkedCopy(entries, context), context);
    }

    /** The visible elements, ascending. */
    public Set<E> elements() {
        return entries.keySet();
    }

    public boolean contains(E element) {
        return entries.containsKey(element);
    }

    public int size() {
        return entries.size();
    }

    public boolean isEmpty() {
        return entries.isEmpty();
    }

    /** The dots keeping {@code element} alive, ascending; empty if it is not in the set. */
    public List<Dot> dots(E element) {
        return entries.getOrDefault(element, List.of());
    }

    /** The dot store: element → dots, ascending by element. */
    public SortedMap<E, List<Dot>> entries() {
        return entries;
    }

    /** Every dot this state has seen, including those of removed elements. */
    public CausalContext context() {
        return context;
    }

    /**
     * Adds {@code element} on behalf of {@code replica}: a fresh dot {@code replica:n+1} replaces the element's
     * current dots. The delta carries the new dot and, in its context, the dots it retires.
     */
    public Mutation<E> add(ReplicaId replica, E element) {
        Objects.requireNonNull(element, "element");
        Dot dot = context.nextDot(replica);
        // Invariant: a fresh dot has never been seen, so it cannot collide with an existing add.
        assert !context.contains(dot) : "fresh dot " + dot + " already in " + context;
        List<Dot> retired = dots(element);
        CausalContext deltaContext = CausalContext.ofDots(concat(retired, dot));
        ORSetDelta<E> delta = new ORSetDelta<>(singleton(element, dot), deltaContext);
        TreeMap<E, List<Dot>> next = new TreeMap<>(entries);
        next.put(element, List.of(dot));
        ORSet<E> state = new ORSet<>(Collections.unmodifiableSortedMap(next), context.add(dot));
        return new Mutation<>(state, delta);
    }

    /**
     * Removes {@code element} as observed here: its dots leave the store and stay only in the context. The delta
     * is an empty store with those dots as context. Removing an absent element changes nothing (empty delta).
     */
    public Mutation<E> remove(E element) {
        List<Dot> observed = dots(element);
        if (observed.isEmpty()) {
            return new Mutation<>(this, ORSetDelta.<E>empty());
        }
        TreeMap<E, List<Dot>> next = new TreeMap<>(entries);
        next.remove(element);
        ORSetDelta<E> delta = new ORSetDelta<>(Collections.<E, List<Dot>>emptySortedMap(), CausalContext.ofDots(observed));
        return new Mutation<>(new ORSet<>(Collections.unmodifiableSortedMap(next), context), delta);
    }

    /** The join: commutative, associative, idempotent. */
    public ORSet<E> merge(ORSet<E> other) {
        if (other == this) {
            return this;
        }
        return new ORSet<>(DotStores.join(entries, context, other.entries, other.context), context.merge(other.context));
    }

    /** The join with a delta (a delta is a fragment of some state, so the rule is the same as {@link #merge}). */
    public ORSet<E> mergeDelta(ORSetDelta<E> delta) {
        if (delta.isEmpty()) {
            return this;
        }
        return new ORSet<>(DotStores.join(entries, context, delta.entries(), delta.context()),
                context.merge(delta.context()));
    }

    /** This whole state as a delta (what a full-state transfer sends). */
    public ORSetDelta<E> toDelta() {
        return new ORSetDelta<>(entries, context);
    }

    static <E> SortedMap<E, List<Dot>> singleton(E element, Dot dot) {
        return Collections.unmodifiableSortedMap(new TreeMap<>(Map.of(element, List.of(dot))));
    }

    private static List<Dot> concat(List<Dot> dots, Dot dot) {
        List<Dot> out = new ArrayList<>(dots.size() + 1);
        out.addAll(dots);
        out.add(dot);
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ORSet<?> s && entries.equals(s.entries) && context.equals(s.context);
    }

    @Override
    public int hashCode() {
        return 31 * entries.hashCode() + context.hashCode();
    }

    @Override
    public String toString() {
        return "ORSet{" + entries + ", context=" + context + "}";
    }
}
