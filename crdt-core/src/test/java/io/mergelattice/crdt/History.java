package io.mergelattice.crdt;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * A random operation history on 2-4 replicas, generated from a seed: adds and removes on a small element pool
 * (so re-adds and concurrent add/remove collide), full-state merges between replicas, and delivery of any past
 * operation's delta to any replica (out of order, duplicated, or never). Every step is mirrored on a tombstone
 * {@link ReferenceORSet}, and after each step each replica's dot store must equal the reference's alive tags.
 */
final class History {
    /** Includes U+FFFD and U+1F600: their UTF-16 order and UTF-8 byte order differ. */
    static final String[] POOL = {"a", "b", "c", "d", "\u00fc", "\uFFFD", "\uD83D\uDE00"};

    final long seed;
    final List<ReplicaId> ids = new ArrayList<>();
    final List<ORSet<String>> states = new ArrayList<>();
    final List<ReferenceORSet> refs = new ArrayList<>();
    /** Every operation's delta, in the order the operations happened. */
    final List<ORSetDelta<String>> deltas = new ArrayList<>();
    final List<ReferenceORSet> deltaRefs = new ArrayList<>();
    final List<String> trace = new ArrayList<>();

    private History(long seed) {
        this.seed = seed;
    }

    static History generate(long seed) {
        Random random = new Random(seed);
        return generate(seed, 2 + random.nextInt(3), 5 + random.nextInt(50), random);
    }

    static History generate(long seed, int replicas, int steps, Random random) {
        History h = new History(seed);
        for (int i = 0; i < replicas; i++) {
            h.ids.add(ReplicaId.of("r" + i));
            h.states.add(ORSet.empty());
            h.refs.add(ReferenceORSet.empty());
        }
        for (int s = 0; s < steps; s++) {
            int r = random.nextInt(replicas);
            int kind = random.nextInt(100);
            if (kind < 35) {
                h.add(r, POOL[random.nextInt(POOL.length)]);
            } else if (kind < 60) {
                ORSet<String> st = h.states.get(r);
                String e = !st.isEmpty() && random.nextBoolean()
                        ? List.copyOf(st.elements()).get(random.nextInt(st.size()))
                        : POOL[random.nextInt(POOL.length)];
                h.remove(r, e);
            } else if (kind < 75) {
                h.mergeFrom(r, random.nextInt(replicas));
            } else if (!h.deltas.isEmpty()) {
                h.deliver(r, random.nextInt(h.deltas.size()));
            }
            h.check(r);
        }
        return h;
    }

    private void add(int r, String e) {
        Set<Dot> retired = Set.copyOf(states.get(r).dots(e));
        Mutation<String> m = states.get(r).add(ids.get(r), e);
        record(r, m, retired, "add(" + ids.get(r) + ", " + e + ")");
    }

    private void remove(int r, String e) {
        Set<Dot> retired = Set.copyOf(states.get(r).dots(e));
        Mutation<String> m = states.get(r).remove(e);
        record(r, m, retired, "remove(" + e + ")@" + ids.get(r));
    }

    private void record(int r, Mutation<String> m, Set<Dot> retired, String what) {
        // Invariant: the new state is the old one joined with the delta.
        ORSet<String> viaDelta = states.get(r).mergeDelta(m.delta());
        if (!viaDelta.equals(m.state())) {
            throw new AssertionError("seed " + seed + ": " + what + " state " + m.state() + " != old ⊔ delta " + viaDelta);
        }
        ReferenceORSet op = ReferenceORSet.ofOperation(m.delta(), retired);
        states.set(r, m.state());
        refs.set(r, refs.get(r).merge(op));
        deltas.add(m.delta());
        deltaRefs.add(op);
        trace.add(what + " -> " + m.delta());
    }

    private void mergeFrom(int r, int from) {
        states.set(r, states.get(r).merge(states.get(from)));
        refs.set(r, refs.get(r).merge(refs.get(from)));
        trace.add(ids.get(r) + ".merge(" + ids.get(from) + ")");
    }

    private void deliver(int r, int k) {
        states.set(r, states.get(r).mergeDelta(deltas.get(k)));
        refs.set(r, refs.get(r).merge(deltaRefs.get(k)));
        trace.add(ids.get(r) + ".mergeDelta(#" + k + ")");
    }

    private void check(int r) {
        if (!states.get(r).entries().equals(refs.get(r).alive())) {
            throw new AssertionError("seed " + seed + ", replica " + ids.get(r) + ": store " + states.get(r).entries()
                    + " but the tombstone reference has " + refs.get(r).alive() + "\ntrace:\n" + String.join("\n", trace));
        }
        // Invariant: every dot of the store is in the context (checked by the validating factory).
        ORSet.of(states.get(r).entries(), states.get(r).context());
    }

    /** The join of all final states. */
    ORSet<String> joinAll() {
        ORSet<String> out = ORSet.empty();
        for (ORSet<String> s : states) {
            out = out.merge(s);
        }
        return out;
    }

    @Override
    public String toString() {
        return "History(seed=" + seed + ", " + states.size() + " replicas, " + trace.size() + " steps)";
    }
}
