package io.mergelattice.crdt;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The textbook observed-remove set with tombstones (Shapiro et al., "A comprehensive study of CRDTs", 2011, §3.3.5),
 * used as an oracle: every add tag and every removed tag is kept forever, and merge is set union. An ORSWOT
 * add is "remove the tags observed for e, then add a new tag", so it is modelled that way. Test-only, immutable.
 */
record ReferenceORSet(Set<Tagged> adds, Set<Dot> removed) {
    record Tagged(String element, Dot tag) {
    }

    static ReferenceORSet empty() {
        return new ReferenceORSet(Set.of(), Set.of());
    }

    /** Element → alive tags, like {@link ORSet#entries()}. */
    SortedMap<String, List<Dot>> alive() {
        TreeMap<String, List<Dot>> out = new TreeMap<>();
        for (Tagged t : adds) {
            if (!removed.contains(t.tag())) {
                out.merge(t.element(), List.of(t.tag()),
                        (a, b) -> java.util.stream.Stream.concat(a.stream(), b.stream()).sorted().toList());
            }
        }
        return out;
    }

    /** The effect of an operation: a new tag (or none) and the tags it retires. */
    ReferenceORSet apply(Tagged added, Set<Dot> retired) {
        Set<Tagged> a = new HashSet<>(adds);
        if (added != null) {
            a.add(added);
        }
        Set<Dot> r = new HashSet<>(removed);
        r.addAll(retired);
        return new ReferenceORSet(Set.copyOf(a), Set.copyOf(r));
    }

    ReferenceORSet merge(ReferenceORSet other) {
        Set<Tagged> a = new HashSet<>(adds);
        a.addAll(other.adds);
        Set<Dot> r = new HashSet<>(removed);
        r.addAll(other.removed);
        return new ReferenceORSet(Set.copyOf(a), Set.copyOf(r));
    }

    /** The reference effect of an ORSWOT operation delta: its store dots are new tags, its other dots retired. */
    static ReferenceORSet ofOperation(ORSetDelta<String> delta, Set<Dot> retired) {
        ReferenceORSet out = empty();
        for (Map.Entry<String, List<Dot>> e : delta.entries().entrySet()) {
            for (Dot d : e.getValue()) {
                out = out.apply(new Tagged(e.getKey(), d), Set.of());
            }
        }
        return out.apply(null, retired);
    }
}
