package io.mergelattice.crdt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class VersionVectorTest {
    static final ReplicaId A = ReplicaId.of("a");
    static final ReplicaId B = ReplicaId.of("b");
    static final ReplicaId C = ReplicaId.of("c");

    static VersionVector vv(Object... pairs) {
        VersionVector v = VersionVector.empty();
        for (int i = 0; i < pairs.length; i += 2) {
            v = v.advance(ReplicaId.of((String) pairs[i]), ((Number) pairs[i + 1]).longValue());
        }
        return v;
    }

    @Test
    void absentReplicasStandAtZero() {
        assertThat(VersionVector.empty().get(A)).isZero();
        assertThat(vv("a", 3).get(B)).isZero();
        assertThat(vv("a", 3).get(A)).isEqualTo(3);
    }

    @Test
    void incrementAndAdvanceOnlyMoveForward() {
        VersionVector v = VersionVector.empty().increment(A).increment(A).increment(B);
        assertThat(v.entries()).containsExactly(Map.entry(A, 2L), Map.entry(B, 1L));
        assertThat(v.advance(A, 1)).isSameAs(v);
        assertThat(v.advance(A, 5).get(A)).isEqualTo(5);
    }

    @Test
    void mergeIsThePointwiseMaximum() {
        assertThat(vv("a", 2, "b", 1).merge(vv("a", 1, "c", 4))).isEqualTo(vv("a", 2, "b", 1, "c", 4));
        assertThat(vv("a", 2).merge(VersionVector.empty())).isEqualTo(vv("a", 2));
    }

    @Test
    void compareCoversAllFourCases() {
        assertThat(vv("a", 2).compare(vv("a", 2, "b", 1))).isEqualTo(Causality.BEFORE);
        assertThat(vv("a", 2, "b", 1).compare(vv("a", 2))).isEqualTo(Causality.AFTER);
        assertThat(vv("a", 2, "b", 1).compare(vv("b", 1, "a", 2))).isEqualTo(Causality.EQUAL);
        assertThat(vv("a", 2).compare(vv("b", 1))).isEqualTo(Causality.CONCURRENT);
        assertThat(vv("a", 3, "b", 1).compare(vv("a", 2, "b", 2))).isEqualTo(Causality.CONCURRENT);
        assertThat(VersionVector.empty().compare(VersionVector.empty())).isEqualTo(Causality.EQUAL);
        assertThat(VersionVector.empty().compare(vv("c", 1))).isEqualTo(Causality.BEFORE);
    }

    @Test
    void dominatesMeansAfterOrEqual() {
        assertThat(vv("a", 2, "b", 1).dominates(vv("a", 2))).isTrue();
        assertThat(vv("a", 2).dominates(vv("a", 2))).isTrue();
        assertThat(vv("a", 2).dominates(vv("b", 1))).isFalse();
    }

    @Test
    void containsDotsUpToTheCounter() {
        VersionVector v = vv("a", 2);
        assertThat(v.contains(new Dot(A, 1))).isTrue();
        assertThat(v.contains(new Dot(A, 2))).isTrue();
        assertThat(v.contains(new Dot(A, 3))).isFalse();
        assertThat(v.contains(new Dot(B, 1))).isFalse();
    }

    @Test
    void ofDropsZerosRejectsNegativesAndWithoutRemovesAnEntry() {
        assertThat(VersionVector.of(Map.of(A, 0L, B, 2L))).isEqualTo(vv("b", 2));
        assertThatThrownBy(() -> VersionVector.of(Map.of(A, -1L))).isInstanceOf(IllegalArgumentException.class);
        assertThat(vv("a", 1, "b", 2).without(A)).isEqualTo(vv("b", 2));
        assertThat(vv("b", 2).without(C)).isEqualTo(vv("b", 2));
    }

    @Test
    void replicaIdsAreBoundedLowercaseNames() {
        assertThat(ReplicaId.of("org-1.eu_west").value()).isEqualTo("org-1.eu_west");
        assertThat(ReplicaId.of("a".repeat(64)).value()).hasSize(64);
        for (String bad : new String[] {"", "A", "-a", "a b", "a".repeat(65), "\u00e9"}) {
            assertThatThrownBy(() -> ReplicaId.of(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> new Dot(A, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThat(new Dot(A, 9).compareTo(new Dot(B, 1))).isNegative();
        assertThat(new Dot(A, 2).compareTo(new Dot(A, 10))).isNegative();
    }
}
