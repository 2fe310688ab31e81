package io.mergelattice.crdt;

import static io.mergelattice.crdt.VersionVectorTest.A;
import static io.mergelattice.crdt.VersionVectorTest.B;
import static io.mergelattice.crdt.VersionVectorTest.vv;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class CausalContextTest {
    static Dot a(long n) {
        return new Dot(A, n);
    }

    static Dot b(long n) {
        return new Dot(B, n);
    }

    @Test
    void outOfOrderDotsWaitInTheCloudUntilTheGapCloses() {
        // The Javadoc example: {a:2} + cloud {a:4, b:2}; add a:3 -> {a:4} + {b:2}; add b:1 -> {a:4, b:2}.
        CausalContext c = CausalContext.of(vv("a", 2), List.of(a(4), b(2)));
        assertThat(c.versionVector()).isEqualTo(vv("a", 2));
        assertThat(c.cloud()).containsExactly(a(4), b(2));
        CausalContext c2 = c.add(a(3));
        assertThat(c2.versionVector()).isEqualTo(vv("a", 4));
        assertThat(c2.cloud()).containsExactly(b(2));
        CausalContext c3 = c2.add(b(1));
        assertThat(c3.versionVector()).isEqualTo(vv("a", 4, "b", 2));
        assertThat(c3.cloud()).isEmpty();
    }

    @Test
    void theSameDotsGiveEqualContextsWhateverTheConstruction() {
        CausalContext x = CausalContext.ofDots(List.of(a(1), a(2), a(3), b(5)));
        CausalContext y = CausalContext.of(vv("a", 1), List.of(a(3), b(5))).add(a(2)).add(a(1));
        assertThat(x).isEqualTo(y).hasSameHashCodeAs(y);
        assertThat(x.toString()).isEqualTo("{a=3}+[b:5]");
    }

    @Test
    void containsLooksAtTheVectorAndTheCloud() {
        CausalContext c = CausalContext.of(vv("a", 2), List.of(b(3)));
        assertThat(c.contains(a(1))).isTrue();
        assertThat(c.contains(a(3))).isFalse();
        assertThat(c.contains(b(3))).isTrue();
        assertThat(c.contains(b(1))).isFalse();
    }

    @Test
    void mergeIsUnionAndCompacts() {
        CausalContext x = CausalContext.of(vv("a", 1), List.of(a(3)));
        CausalContext y = CausalContext.ofDots(List.of(a(2), b(2)));
        CausalContext m = x.merge(y);
        assertThat(m.versionVector()).isEqualTo(vv("a", 3));
        assertThat(m.cloud()).containsExactly(b(2));
        assertThat(y.merge(x)).isEqualTo(m);
        assertThat(m.merge(m)).isEqualTo(m);
        assertThat(m.containsAll(x)).isTrue();
        assertThat(m.containsAll(y)).isTrue();
        assertThat(x.containsAll(m)).isFalse();
    }

    @Test
    void nextDotIsOnePastTheHighestSeenCounter() {
        assertThat(CausalContext.empty().nextDot(A)).isEqualTo(a(1));
        assertThat(CausalContext.of(vv("a", 2), List.of(a(7))).nextDot(A)).isEqualTo(a(8));
        assertThat(CausalContext.of(vv("a", 2), List.of(b(7))).nextDot(A)).isEqualTo(a(3));
    }

    @Test
    void notCoveredByKeepsUnknownReplicasCompactAndListsTheGapOfKnownOnes() {
        CausalContext c = CausalContext.of(vv("a", 5, "b", 2), List.of(b(4)));
        CausalContext missing = c.notCoveredBy(vv("a", 3));
        assertThat(missing.versionVector()).isEqualTo(vv("b", 2));
        assertThat(missing.cloud()).containsExactly(a(4), a(5), b(4));
        assertThat(c.notCoveredBy(vv("a", 5, "b", 4)).isEmpty()).isTrue();
        assertThat(c.notCoveredBy(VersionVector.empty())).isEqualTo(c);
    }

    @Test
    void withoutForgetsAReplica() {
        CausalContext c = CausalContext.of(vv("a", 5, "b", 2), List.of(b(4), a(9)));
        CausalContext pruned = c.without(B);
        assertThat(pruned.versionVector()).isEqualTo(vv("a", 5));
        assertThat(pruned.cloud()).containsExactly(a(9));
        assertThat(pruned.without(B)).isSameAs(pruned);
    }
}
