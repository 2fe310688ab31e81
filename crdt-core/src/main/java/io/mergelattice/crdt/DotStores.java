package io.mergelattice.crdt;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * The join of two dot stores with causal contexts, shared by {@link ORSet} and {@link ORSetDelta}. A dot store maps
 * each element to the dots of the adds that keep it alive (ascending, never empty).
 *
 * <p>Join rule (Almeida et al. 2018, §6.2, "DotMap"): a dot survives if both sides hold it, or if one side holds
 * it and the other side's context has never seen it. A dot that one side has seen but no longer holds was removed
 * there, so it goes.
 */
final class DotStores {
    private DotStores() {
    }

    static <E extends Comparable<? super E>> SortedMap<E, List<Dot>> join(
            SortedMap<E, List<Dot>> a, CausalContext ca, SortedMap<E, List<Dot>> b, CausalContext cb) {
        TreeMap<E, List<Dot>> out = new TreeMap<>();
        Iterator<Map.Entry<E, List<Dot>>> ia = a.entrySet().iterator();
        Iterator<Map.Entry<E, List<Dot>>> ib = b.entrySet().iterator();
        Map.Entry<E, List<Dot>> ea = ia.hasNext() ? ia.next() : null;
        Map.Entry<E, List<Dot>> eb = ib.hasNext() ? ib.next() : null;
        while (ea != null || eb != null) {
            int cmp = ea == null ? 1 : eb == null ? -1 : ea.getKey().compareTo(eb.getKey());
            if (cmp < 0) {
                putIfAlive(out, ea.getKey(), unseen(ea.getValue(), cb));
                ea = ia.hasNext() ? ia.next() : null;
            } else if (cmp > 0) {
                putIfAlive(out, eb.getKey(), unseen(eb.getValue(), ca));
                eb = ib.hasNext() ? ib.next() : null;
            } else {
                putIfAlive(out, ea.getKey(), joinDots(ea.getValue(), ca, eb.getValue(), cb));
                ea = ia.hasNext() ? ia.next() : null;
                eb = ib.hasNext() ? ib.next() : null;
            }
        }
        return Collections.unmodifiableSortedMap(out);
    }

    private static <E> void putIfAlive(TreeMap<E, List<Dot>> out, E element, List<Dot> dots) {
        if (!dots.isEmpty()) {
            out.put(element, dots);
        }
    }

    /** The dots of {@code dots} that {@code context} has not seen (the same list when all survive). */
    private static List<Dot> unseen(List<Dot> dots, CausalContext context) {
        int alive = 0;
        for (Dot d : dots) {
            if (!context.contains(d)) {
                alive++;
            }
        }
        if (alive == dots.size()) {
            return dots;
        }
        List<Dot> out = new ArrayList<>(alive);
        for (Dot d : dots) {
            if (!context.contains(d)) {
                out.add(d);
            }
        }
        return List.copyOf(out);
    }

    private static List<Dot> joinDots(List<Dot> x, CausalContext cx, List<Dot> y, CausalContext cy) {
        if (x.equals(y)) {
            return x;
        }
        List<Dot> out = new ArrayList<>(x.size() + y.size());
        int i = 0;
        int j = 0;
        while (i < x.size() || j < y.size()) {
            int cmp = i == x.size() ? 1 : j == y.size() ? -1 : x.get(i).compareTo(y.get(j));
            if (cmp == 0) {
                out.add(x.get(i));
                i++;
                j++;
            } else if (cmp < 0) {
                Dot d = x.get(i++);
                if (!cy.contains(d)) {
                    out.add(d);
                }
            } else {
                Dot d = y.get(j++);
                if (!cx.contains(d)) {
                    out.add(d);
                }
            }
        }
        return List.copyOf(out);
    }

    /** The entries restricted to the dots {@code keep} accepts; elements left without dots disappear. */
    static <E extends Comparable<? super E>> SortedMap<E, List<Dot>> restrict(
            SortedMap<E, List<Dot>> entries, Predicate<Dot> keep) {
        TreeMap<E, List<Dot>> out = new TreeMap<>();
        for (Map.Entry<E, List<Dot>> e : entries.entrySet()) {
            List<Dot> dots = e.getValue().stream().filter(keep).toList();
            if (!dots.isEmpty()) {
                out.put(e.getKey(), dots.size() == e.getValue().size() ? e.getValue() : dots);
            }
        }
        return Collections.unmodifiableSortedMap(out);
    }

    /**
     * A validated, owned copy: every element has at least one dot, dots are sorted and distinct, no dot belongs to
     * two elements, and the context has seen every dot.
     *
     * @throws IllegalArgumentException naming the first violation
     */
    static <E extends Comparable<? super E>> SortedMap<E, List<Dot>> checkedCopy(
            Map<E, ? extends Collection<Dot>> entries, CausalContext context) {
        TreeMap<E, List<Dot>> out = new TreeMap<>();
        Map<Dot, E> owner = new HashMap<>();
        for (Map.Entry<E, ? extends Collection<Dot>> e : entries.entrySet()) {
            List<Dot> dots = e.getValue().stream().sorted().distinct().toList();
            if (dots.isEmpty()) {
                throw new IllegalArgumentException("element " + e.getKey() + " has no dots; absent elements are omitted");
            }
            for (Dot d : dots) {
                if (!context.contains(d)) {
                    throw new IllegalArgumentException("dot " + d + " of " + e.getKey() + " is not in the context " + context);
                }
                E previous = owner.put(d, e.getKey());
                if (previous != null) {
                    throw new IllegalArgumentException("dot " + d + " belongs to both " + previous + " and " + e.getKey());
                }
            }
            out.put(e.getKey(), dots);
        }
        return Collections.unmodifiableSortedMap(out);
    }

    /** Whether the store holds a dot of {@code replica}. */
    static boolean holdsDotOf(SortedMap<?, List<Dot>> entries, ReplicaId replica) {
        for (List<Dot> dots : entries.values()) {
            for (Dot d : dots) {
                if (d.replica().equals(replica)) {
                    return true;
                }
            }
        }
        return false;
    }
}
