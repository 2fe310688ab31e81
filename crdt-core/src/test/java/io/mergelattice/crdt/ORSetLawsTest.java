package io.mergelattice.crdt;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Random;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The laws of the OR-Set, on generated operation histories ({@link History}). Replay one seed with
 * {@code -Dlaws.seed=N}; run more with {@code -Dlaws.count=N}.
 */
class ORSetLawsTest {
    private static final ORSetCodec<String> CODEC = new ORSetCodec<>(ElementCodec.utf8(64));

    static LongStream seeds() {
        return LawSeeds.seeds();
    }

    @ParameterizedTest(name = "seed={0}")
    @MethodSource("seeds")
    void agreesWithTheTombstoneReferenceAfterEveryStep(long seed) {
        History h = History.generate(seed); // checks every step
        ReferenceORSet all = ReferenceORSet.empty();
        for (ReferenceORSet r : h.refs) {
            all = all.merge(r);
        }
        assertThat(h.joinAll().entries()).as("%s", h).isEqualTo(all.alive());
    }

    @ParameterizedTest(name = "seed={0}")
    @MethodSource("seeds")
    void mergeIsCommutative(long seed) {
        History h = History.generate(seed);
        for (ORSet<String> a : h.states) {
            for (ORSet<String> b : h.states) {
                assertThat(a.merge(b)).as("%s", h).isEqualTo(b.merge(a));
            }
        }
    }

    @ParameterizedTest(name = "seed={0}")
    @MethodSource("seeds")
    void mergeIsAssociative(long seed) {
        History h = History.generate(seed);
        for (ORSet<String> a : h.states) {
            for (ORSet<String> b : h.states) {
                for (ORSet<String> c : h.states) {
                    assertThat(a.merge(b).merge(c)).as("%s", h).isEqualTo(a.merge(b.merge(c)));
                }
            }
        }
    }

    @ParameterizedTest(name = "seed={0}")
    @MethodSource("seeds")
    void mergeIsIdempotent(long seed) {
        History h = History.generate(seed);
        for (ORSet<String> a : h.states) {
            assertThat(a.merge(a)).as("%s", h).isEqualTo(a);
            for (ORSet<String> b : h.states) {
                assertThat(a.merge(b).merge(b)).as("%s", h).isEqualTo(a.merge(b));
            }
        }
    }

    @ParameterizedTest(name = "seed={0}")
    @MethodSource("seeds")
    void mergingDeltasInAnyOrderWithDuplicatesEqualsMergingFullStates(long seed) {
        History h = History.generate(seed);
        Random random = new Random(seed);
        List<ORSetDelta<String>> shuffled = new ArrayList<>(h.deltas);
        for (int i = 0; i < h.deltas.size() / 3; i++) {
            shuffled.add(h.deltas.get(random.nextInt(h.deltas.size())));
        }
        Collections.shuffle(shuffled, random);
        ORSet<String> viaDeltas = ORSet.empty();
        for (ORSetDelta<String> d : shuffled) {
            viaDeltas = viaDeltas.mergeDelta(d);
        }
        assertThat(viaDeltas).as("%s", h).isEqualTo(h.joinAll());

        // Delta groups: joining deltas first, then applying the group, changes nothing.
        ORSetDelta<String> group = ORSetDelta.empty();
        for (ORSetDelta<String> d : shuffled) {
            group = group.merge(d);
        }
        assertThat(ORSet.<String>empty().mergeDelta(group)).as("%s", h).isEqualTo(h.joinAll());
        // A full state is a delta too.
        for (ORSet<String> s : h.states) {
            assertThat(viaDeltas.mergeDelta(s.toDelta())).isEqualTo(viaDeltas.merge(s));
        }
    }

    @ParameterizedTest(name = "seed={0}")
    @MethodSource("seeds")
    void concurrentAddWinsOverRemove(long seed) {
        History h = History.generate(seed);
        Random random = new Random(seed);
        String e = History.POOL[random.nextInt(History.POOL.length)];
        ReplicaId ra = h.ids.get(0);
        ORSet<String> a = h.states.get(0).add(ra, e).state();
        ORSet<String> b = h.states.get(1).merge(a); // b observes a's add
        ORSet<String> bRemoved = b.remove(e).state();
        ORSet<String> aReAdded = a.add(ra, e).state(); // concurrent with b's remove
        assertThat(bRemoved.contains(e)).isFalse();
        assertThat(aReAdded.merge(bRemoved).contains(e)).as("%s, element %s", h, e).isTrue();
        assertThat(bRemoved.merge(aReAdded).contains(e)).as("%s, element %s", h, e).isTrue();
        // A remove that observed every add wins.
        ORSet<String> bRemovedAfterSeeingAll = bRemoved.merge(aReAdded).remove(e).state();
        assertThat(aReAdded.merge(bRemovedAfterSeeingAll).contains(e)).as("%s", h).isFalse();
    }

    @ParameterizedTest(name = "seed={0}")
    @MethodSource("seeds")
    void reAddAfterRemoveIsVisibleAndOldDeltasDoNotResurrect(long seed) {
        History h = History.generate(seed);
        Random random = new Random(seed);
        int i = random.nextInt(h.states.size());
        ReplicaId r = h.ids.get(i);
        String e = History.POOL[random.nextInt(History.POOL.length)];
        Mutation<String> added = h.states.get(i).add(r, e);
        ORSet<String> removed = added.state().remove(e).state();
        assertThat(removed.contains(e)).isFalse();
        assertThat(removed.mergeDelta(added.delta()).contains(e)).as("a stale add delta must not resurrect").isFalse();
        Mutation<String> readded = removed.add(r, e);
        assertThat(readded.state().contains(e)).isTrue();
        assertThat(readded.state().dots(e)).hasSize(1);
        // Every other replica, whatever it holds, sees the re-add after merging.
        for (ORSet<String> other : h.states) {
            assertThat(other.merge(removed).merge(readded.state()).contains(e)).as("%s", h).isTrue();
            assertThat(other.mergeDelta(added.delta()).merge(removed).mergeDelta(readded.delta()).contains(e)).isTrue();
        }
    }

    @ParameterizedTest(name = "seed={0}")
    @MethodSource("seeds")
    void encodingRoundTripsAndEqualStatesHaveEqualBytes(long seed) {
        History h = History.generate(seed);
        for (ORSet<String> s : h.states) {
            byte[] bytes = CODEC.encode(s);
            assertThat(CODEC.decodeState(bytes)).as("%s", h).isEqualTo(s);
            assertThat(CODEC.encode(ORSet.of(new HashMap<>(s.entries()), s.context()))).isEqualTo(bytes);
            for (ORSet<String> t : h.states) {
                assertThat(CODEC.encode(s.merge(t))).isEqualTo(CODEC.encode(t.merge(s)));
            }
        }
        for (ORSetDelta<String> d : h.deltas) {
            assertThat(CODEC.decodeDelta(CODEC.encode(d))).isEqualTo(d);
        }
        List<ORSet<String>> shuffled = new ArrayList<>(h.states);
        Collections.shuffle(shuffled, new Random(seed));
        ORSet<String> joined = ORSet.empty();
        for (ORSet<String> s : shuffled) {
            joined = joined.merge(s);
        }
        assertThat(CODEC.encode(joined)).isEqualTo(CODEC.encode(h.joinAll()));
    }
}
