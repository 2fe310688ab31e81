package io.mergelattice.crdt;

import static io.mergelattice.crdt.VersionVectorTest.A;
import static io.mergelattice.crdt.VersionVectorTest.B;
import static io.mergelattice.crdt.VersionVectorTest.C;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The pruning procedure of {@link Pruning} and docs/crdt.md, on three replicas where {@code c} departs. */
class PruningTest {
    private ORSet<String> a;
    private ORSet<String> b;
    private Mutation<String> cAddsW;

    /** c adds w and x, a adds y, b removes w; everyone syncs. c's last counter is 2. */
    private void history() {
        cAddsW = ORSet.<String>empty().add(C, "w");
        ORSet<String> c = cAddsW.state().add(C, "x").state();
        a = ORSet.<String>empty().add(A, "y").state().merge(c);
        b = ORSet.<String>empty().merge(a).remove("w").state();
        a = a.merge(b);
        assertThat(a).isEqualTo(b);
        assertThat(a.elements()).containsExactly("x", "y");
        assertThat(a.dots("x")).containsExactly(new Dot(C, 2));
    }

    @Test
    void notSafeWhileAnElementStillCarriesADotOfTheDepartedReplica() {
        history();
        PruneAck ackA = Pruning.ack(A, a, C);
        assertThat(ackA).isEqualTo(new PruneAck(A, C, 2, true));
        assertThat(Pruning.isSafeToPrune(C, 2, Set.of(A, B), List.of(ackA, Pruning.ack(B, b, C)))).isFalse();
        assertThatThrownBy(() -> Pruning.prune(a, C)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("carry it first");
    }

    @Test
    void carryAckPruneThenLateMessagesAreFiltered() {
        history();
        Mutation<String> carried = Pruning.carry(a, C, A);
        assertThat(carried.delta().entries()).containsOnlyKeys("x");
        a = carried.state();
        b = b.mergeDelta(carried.delta());
        assertThat(a.dots("x")).containsExactly(new Dot(A, 2));
        assertThat(b).isEqualTo(a);

        List<PruneAck> acks = List.of(Pruning.ack(A, a, C), Pruning.ack(B, b, C));
        assertThat(acks).containsExactly(new PruneAck(A, C, 2, false), new PruneAck(B, C, 2, false));
        assertThat(Pruning.isSafeToPrune(C, 2, Set.of(A, B), acks)).isTrue();
        assertThat(Pruning.isSafeToPrune(C, 3, Set.of(A, B), acks)).as("c:3 not yet seen").isFalse();
        assertThat(Pruning.isSafeToPrune(C, 2, Set.of(A, B, ReplicaId.of("d")), acks)).as("d has not acked").isFalse();
        assertThat(Pruning.isSafeToPrune(C, 2, Set.of(A, B, C), acks)).as("c is not departed").isFalse();
        assertThat(Pruning.isSafeToPrune(C, 2, Set.of(A, B), List.of(acks.get(0)))).isFalse();

        ORSet<String> prunedA = Pruning.prune(a, C);
        ORSet<String> prunedB = Pruning.prune(b, C);
        assertThat(prunedA).isEqualTo(prunedB);
        assertThat(prunedA.elements()).containsExactly("x", "y");
        assertThat(prunedA.context().versionVector().entries()).containsOnlyKeys(A); // b only removed: no dots
        assertThat(AntiEntropyPlannerTest.plan(prunedA, prunedB).kind()).isEqualTo(AntiEntropyPlan.Kind.NOTHING);

        // A late copy of c's first delta would resurrect w if merged as is: that is why incoming data is pruned too.
        assertThat(prunedA.mergeDelta(cAddsW.delta()).contains("w")).isTrue();
        assertThat(prunedA.mergeDelta(Pruning.prune(cAddsW.delta(), C))).isEqualTo(prunedA);
        // So is an old full state from a replica that has not pruned yet.
        assertThat(prunedA.mergeDelta(Pruning.prune(b.toDelta(), List.of(C)))).isEqualTo(prunedA);

        // A stale replica rejoins under a fresh id: pull the full state, then add as new operations.
        ReplicaId fresh = ReplicaId.of("c2");
        ORSet<String> rejoined = ORSet.<String>empty().mergeDelta(prunedA.toDelta()).add(fresh, "z").state();
        assertThat(rejoined.dots("z")).containsExactly(new Dot(fresh, 1));
        assertThat(prunedB.merge(rejoined).elements()).containsExactly("x", "y", "z");
    }

    @Test
    void aCarriedElementSurvivesARemoveThatSawOnlyTheDepartedDot() {
        history();
        ORSet<String> bRemovesX = b.remove("x").state(); // concurrent with the carry; saw only c:2
        Mutation<String> carried = Pruning.carry(a, C, A);
        ORSet<String> merged = bRemovesX.merge(carried.state());
        assertThat(merged.contains("x")).as("the re-add wins, as any concurrent add would").isTrue();
        assertThat(Pruning.ack(B, merged, C).holdsDots()).isFalse();
        assertThatThrownBy(() -> Pruning.carry(a, C, C)).isInstanceOf(IllegalArgumentException.class);
    }
}
