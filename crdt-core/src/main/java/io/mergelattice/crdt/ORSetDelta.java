package io.mergelattice.crdt;

import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/**
 * A delta of an {@link ORSet}: a dot store and the causal context it speaks for. It says "of the dots in my
 * context, exactly these are alive": a dot in the context but not in the store was removed (or retired by a
 * newer add). Deltas are produced by {@link ORSet#add}, {@link ORSet#remove} and the {@link AntiEntropyPlanner},
 * joined into states with {@link ORSet#mergeDelta}, and may be joined with each other first ({@link #merge}) to
 * send one message for several operations.
 *
 * <p>Example: {@code add(a, x)} on a state where {@code x} has dots {@code [b:3]} gives the delta
 * {@code ({x:[a:7]}, context {a:7, b:3})}: at any receiver {@code a:7} keeps {@code x} and {@code b:3} goes.
 */
public final class ORSetDelta<E extends Comparable<? super E>> {
    private static final ORSetDelta<String> EMPTY = new ORSetDelta<>(Collections.<String, List<Dot>>emptySortedMap(), CausalContext.empty());

    // Invariant: as for ORSet, every dot in entries is in context.
    private final SortedMap<E, List<Dot>> entries;
    private final CausalContext context;

    ORSetDelta(SortedMap<E, List<Dot>> entries, CausalContext context) {
        this.entries = entries;
        this.context = context;
    }

    @SuppressWarnings("unchecked") // holds no element, so it is an ORSetDelta<E> for every E
    public static <E extends Comparable<? super E>> ORSetDelta<E> empty() {
        return (ORSetDelta<E>) (ORSetDelta<?>) EMPTY;
    }

    /**
     * A delta from its parts, validated.
     *
     * @throws IllegalArgumentException under the same conditions as {@link ORSet#of}
     */
    public static <E extends Comparable<? super E>> ORSetDelta<E> of(
            Map<E, ? extends Collection<Dot>> entries, CausalContext context) {
        return new ORSetDelta<>(DotStores.checkedCopy(entries, context), context);
    }

    public SortedMap<E, List<Dot>> entries() {
        return entries;
    }

    public CausalContext context() {
        return context;
    }

    /** Whether joining this delta can change nothing: no entries and an empty context. */
    public boolean isEmpty() {
        return entries.isEmpty() && context.isEmpty();
    }

    /** The join of two deltas (a delta group). */
    public ORSetDelta<E> merge(ORSetDelta<E> other) {
        if (other.isEmpty()) {
            return this;
        }
        if (isEmpty()) {
            return other;
        }
        return new ORSetDelta<>(DotStores.join(entries, context, other.entries, other.context),
                context.merge(other.context));
    }

    /** The state {@code empty().mergeDelta(this)}. */
    public ORSet<E> toState() {
        return new ORSet<>(entries, context);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ORSetDelta<?> d && entries.equals(d.entries) && context.equals(d.context);
    }

    @Override
    public int hashCode() {
        return 31 * entries.hashCode() + context.hashCode();
    }

    @Override
    public String toString() {
        return "ORSetDelta{" + entries + ", context=" + context + "}";
    }
}
