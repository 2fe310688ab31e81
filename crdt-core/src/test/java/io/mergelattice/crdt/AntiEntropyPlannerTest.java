package io.mergelattice.crdt;

import static io.mergelattice.crdt.CausalContextTest.a;
import static io.mergelattice.crdt.CausalContextTest.b;
import static io.mergelattice.crdt.ORSetTest.ctx;
import static io.mergelattice.crdt.ORSetTest.id;
import static io.mergelattice.crdt.VersionVectorTest.A;
import static io.mergelattice.crdt.VersionVectorTest.B;
import static io.mergelattice.crdt.VersionVectorTest.C;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mergelattice.crdt.AntiEntropyPlan.Kind;
import io.mergelattice.identity.Hash32;
import io.mergelattice.identity.Sha256;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class AntiEntropyPlannerTest {
    static final AntiEntropyPlanner<String> PLANNER = new AntiEntropyPlanner<>(ElementCodec.utf8(64),
            s -> Sha256.hash((byte) 0x7F, s.getBytes(StandardCharsets.UTF_8)));
    static final ORSetCodec<String> CODEC = new ORSetCodec<>(ElementCodec.utf8(64));

    static AntiEntropyPlan<String> plan(ORSet<String> local, ORSet<String> peer) {
        return PLANNER.plan(local, PLANNER.digest(peer));
    }

    /** Applies the plan at the peer, through the wire encoding. */
    static ORSet<String> apply(ORSet<String> peer, AntiEntropyPlan<String> plan) {
        return peer.mergeDelta(CODEC.decodeDelta(CODEC.encode(plan.delta())));
    }

    @Test
    void workedExampleSendsOnlyWhatThePeerLacks() {
        ORSet<String> peer = ORSet.<String>empty().add(A, "x").state();
        ORSet<String> ours = peer.merge(ORSet.<String>empty().add(B, "y").state());
        AntiEntropyPlan<String> p = plan(ours, peer);
        assertThat(p.kind()).isEqualTo(Kind.DELTA);
        assertThat(p.complete()).isTrue();
        assertThat(p.delta()).isEqualTo(ORSetDelta.of(Map.of("y", List.of(b(1))), ctx(b(1))));
        assertThat(apply(peer, p)).isEqualTo(ours);
        assertThat(plan(peer, ours).kind()).isEqualTo(Kind.NOTHING);
    }

    @Test
    void equalDigestsSendNothingAndAnEmptyPeerGetsEverything() {
        ORSet<String> s = ORSet.<String>empty().add(A, "x").state().add(B, "y").state().remove("x").state();
        assertThat(PLANNER.digest(s)).isEqualTo(PLANNER.digest(CODEC.decodeState(CODEC.encode(s))));
        assertThat(plan(s, s).kind()).isEqualTo(Kind.NOTHING);
        AntiEntropyPlan<String> toEmpty = plan(s, ORSet.empty());
        assertThat(toEmpty.kind()).isEqualTo(Kind.DELTA);
        assertThat(toEmpty.delta()).isEqualTo(s.toDelta());
        assertThat(apply(ORSet.empty(), toEmpty)).isEqualTo(s);
    }

    @Test
    void removalsOfDotsThePeerNeverSawTravelAsContext() {
        ORSet<String> peer = ORSet.<String>empty().add(A, "x").state();
        Mutation<String> addZ = peer.add(A, "z");
        ORSet<String> ours = addZ.state().remove("z").state();
        AntiEntropyPlan<String> p = plan(ours, peer);
        assertThat(p.delta()).isEqualTo(ORSetDelta.of(Map.<String, List<Dot>>of(), ctx(a(2))));
        ORSet<String> updated = apply(peer, p);
        assertThat(updated).isEqualTo(ours);
        assertThat(updated.mergeDelta(addZ.delta()).contains("z")).as("a late add delta stays dead").isFalse();
    }

    @Test
    void sameVectorAndSetRootButDifferentDotsSendsTheFullState() {
        ORSet<String> fromA = ORSet.<String>empty().add(A, "x").state();
        ORSet<String> fromB = ORSet.<String>empty().add(B, "x").state();
        ORSet<String> c = fromA.remove("x").state().merge(fromB); // removed a:1, then got b:1
        ORSet<String> p = fromA.merge(fromB); // still holds a:1
        Digest dc = PLANNER.digest(c);
        Digest dp = PLANNER.digest(p);
        assertThat(dc.versionVector()).isEqualTo(dp.versionVector());
        assertThat(dc.setRoot()).isEqualTo(dp.setRoot());
        assertThat(dc.storeHash()).isNotEqualTo(dp.storeHash());
        AntiEntropyPlan<String> fromC = PLANNER.plan(c, dc, dp);
        assertThat(fromC.kind()).isEqualTo(Kind.FULL_STATE);
        assertThat(apply(p, fromC)).isEqualTo(c);
        assertThat(PLANNER.plan(p, dp, dc).kind()).isEqualTo(Kind.NOTHING);
    }

    @Test
    void aRemovalThePeerCannotBeCheckedForIsMarkedIncompleteAndArrivesOnceVectorsAreComparable() {
        ORSet<String> shared = ORSet.<String>empty().add(A, "x").state();
        ORSet<String> ours = shared.remove("x").state();
        ORSet<String> peer = shared.add(B, "y").state(); // ahead of us on b, still holds x
        AntiEntropyPlan<String> first = plan(ours, peer);
        assertThat(first.kind()).isEqualTo(Kind.NOTHING);
        assertThat(first.complete()).isFalse();
        ours = apply(ours, plan(peer, ours)); // the peer sends y
        AntiEntropyPlan<String> second = plan(ours, peer);
        assertThat(second.kind()).isEqualTo(Kind.FULL_STATE);
        assertThat(apply(peer, second)).isEqualTo(ours);
        assertThat(ours.elements()).containsExactly("y");
    }

    @Test
    void aStaleLocalDigestIsRefused() {
        ORSet<String> s = ORSet.<String>empty().add(A, "x").state();
        Digest stale = PLANNER.digest(ORSet.empty());
        assertThatThrownBy(() -> PLANNER.plan(s, stale, stale)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void oneAddOnAThousandElementStateIsASmallDelta() {
        AntiEntropyPlanner<Hash32> planner = AntiEntropyPlanner.forContributions();
        ORSetCodec<Hash32> codec = new ORSetCodec<>(ElementCodec.hash32());
        ORSet<Hash32> s = ORSet.empty();
        ReplicaId[] orgs = {A, B, C};
        for (int i = 0; i < 1000; i++) {
            byte[] bytes = new byte[32];
            bytes[0] = (byte) i;
            bytes[1] = (byte) (i >> 8);
            s = s.add(orgs[i % 3], Hash32.of(bytes)).state();
        }
        Mutation<Hash32> m = s.add(A, id(0xEE));
        AntiEntropyPlan<Hash32> p = planner.plan(m.state(), planner.digest(s));
        assertThat(p.kind()).isEqualTo(Kind.DELTA);
        assertThat(p.delta().entries()).hasSize(1);
        assertThat(codec.encode(p.delta()).length).isLessThan(128);
        assertThat(codec.encode(m.delta()).length).isLessThan(128);
        assertThat(s.mergeDelta(p.delta())).isEqualTo(m.state());
    }

    static LongStream seeds() {
        return LawSeeds.seeds();
    }

    /** On generated histories: a complete plan brings the peer to ⊒ us; repeated exchanges reach equal states. */
    @ParameterizedTest(name = "seed={0}")
    @MethodSource("seeds")
    void plansNeverInventAndCompletePlansBringThePeerUpToDate(long seed) {
        History h = History.generate(seed);
        for (ORSet<String> ours : h.states) {
            for (ORSet<String> peer : h.states) {
                AntiEntropyPlan<String> p = plan(ours, peer);
                ORSet<String> after = apply(peer, p);
                ORSet<String> both = ours.merge(peer);
                assertThat(both.merge(after)).as("%s: nothing beyond ours ⊔ peer", h).isEqualTo(both);
                if (p.complete()) {
                    assertThat(after.merge(ours)).as("%s: complete plan %s", h, p).isEqualTo(after);
                }
                ORSet<String> x = ours;
                ORSet<String> y = peer;
                for (int round = 0; round < 3 && !x.equals(y); round++) {
                    ORSet<String> y2 = apply(y, plan(x, y));
                    x = apply(x, plan(y, x));
                    y = y2;
                }
                assertThat(x).as("%s: pairwise anti-entropy converges", h).isEqualTo(y).isEqualTo(both);
                // Equal states send nothing, except dots of the cloud, which a version vector cannot show.
                AntiEntropyPlan<String> after2 = plan(x, y);
                assertThat(after2.kind()).isEqualTo(x.context().cloud().isEmpty() ? Kind.NOTHING : Kind.DELTA);
                assertThat(apply(y, after2)).isEqualTo(y);
            }
        }
    }
}
