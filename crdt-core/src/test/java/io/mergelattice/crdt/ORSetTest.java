package io.mergelattice.crdt;

import static io.mergelattice.crdt.CausalContextTest.a;
import static io.mergelattice.crdt.CausalContextTest.b;
import static io.mergelattice.crdt.VersionVectorTest.A;
import static io.mergelattice.crdt.VersionVectorTest.B;
import static io.mergelattice.crdt.VersionVectorTest.vv;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mergelattice.identity.Hash32;
import io.mergelattice.identity.Identity;
import io.mergelattice.identity.MerkleBuilder;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ORSetTest {
    static CausalContext ctx(Dot... dots) {
        return CausalContext.ofDots(List.of(dots));
    }

    /** The worked example of the ORSet Javadoc and docs/crdt.md, step by step. */
    @Test
    void workedTwoReplicaExample() {
        Mutation<String> a1 = ORSet.<String>empty().add(A, "x");
        assertThat(a1.state().entries()).isEqualTo(Map.of("x", List.of(a(1))));
        assertThat(a1.state().context()).isEqualTo(ctx(a(1)));
        assertThat(a1.delta()).isEqualTo(ORSetDelta.of(Map.of("x", List.of(a(1))), ctx(a(1))));

        ORSet<String> b1 = ORSet.<String>empty().merge(a1.state());
        assertThat(b1).isEqualTo(a1.state());

        Mutation<String> bRemove = b1.remove("x");
        assertThat(bRemove.state().elements()).isEmpty();
        assertThat(bRemove.state().context()).isEqualTo(ctx(a(1))); // the removal is remembered only here
        assertThat(bRemove.delta()).isEqualTo(ORSetDelta.of(Map.<String, List<Dot>>of(), ctx(a(1))));

        Mutation<String> aReAdd = a1.state().add(A, "x"); // concurrent with b's remove
        assertThat(aReAdd.state().entries()).isEqualTo(Map.of("x", List.of(a(2))));
        assertThat(aReAdd.state().context()).isEqualTo(ctx(a(1), a(2)));
        assertThat(aReAdd.delta()).isEqualTo(ORSetDelta.of(Map.of("x", List.of(a(2))), ctx(a(1), a(2))));

        ORSet<String> merged = aReAdd.state().merge(bRemove.state());
        assertThat(merged).isEqualTo(bRemove.state().merge(aReAdd.state()));
        assertThat(merged.entries()).isEqualTo(Map.of("x", List.of(a(2)))); // add wins
        assertThat(merged.context().versionVector()).isEqualTo(vv("a", 2));
        // Deltas alone give the same result, in either order.
        assertThat(b1.mergeDelta(bRemove.delta()).mergeDelta(aReAdd.delta())).isEqualTo(merged);
        assertThat(b1.mergeDelta(aReAdd.delta()).mergeDelta(bRemove.delta())).isEqualTo(merged);

        // Without a's second add, b's remove wins: a has nothing b has not seen.
        assertThat(a1.state().merge(bRemove.state()).elements()).isEmpty();
    }

    @Test
    void addOfAPresentElementRetiresItsDotsInTheDelta() {
        ORSet<String> s = ORSet.<String>empty().add(B, "x").state().add(B, "x").state();
        assertThat(s.dots("x")).containsExactly(b(2));
        Mutation<String> m = s.merge(ORSet.<String>empty().add(A, "y").state()).add(A, "x");
        assertThat(m.delta().entries()).isEqualTo(Map.of("x", List.of(a(2))));
        assertThat(m.delta().context()).isEqualTo(ctx(a(2), b(2)));
    }

    @Test
    void removingAnAbsentElementChangesNothing() {
        ORSet<String> s = ORSet.<String>empty().add(A, "x").state();
        Mutation<String> m = s.remove("y");
        assertThat(m.state()).isSameAs(s);
        assertThat(m.delta().isEmpty()).isTrue();
        assertThat(s.mergeDelta(m.delta())).isSameAs(s);
    }

    @Test
    void concurrentAddsOfOneElementKeepBothDotsUntilOneSideRemoves() {
        ORSet<String> x = ORSet.<String>empty().add(A, "x").state();
        ORSet<String> y = ORSet.<String>empty().add(B, "x").state();
        ORSet<String> m = x.merge(y);
        assertThat(m.dots("x")).containsExactly(a(1), b(1));
        // A remove at a replica that saw only a:1 leaves b:1 alive.
        assertThat(x.remove("x").state().merge(y).dots("x")).containsExactly(b(1));
        assertThat(m.remove("x").state().merge(x).merge(y).contains("x")).isFalse();
    }

    @Test
    void ofRejectsInconsistentParts() {
        assertThatThrownBy(() -> ORSet.of(Map.of("x", List.of(a(1))), CausalContext.empty()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not in the context");
        assertThatThrownBy(() -> ORSet.of(Map.of("x", List.of(a(1)), "y", List.of(a(1))), ctx(a(1))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("belongs to both");
        assertThatThrownBy(() -> ORSet.of(Map.of("x", List.<Dot>of()), ctx(a(1))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no dots");
        assertThat(ORSet.of(Map.of("x", List.of(a(2), a(1))), ctx(a(1), a(2))).dots("x")).containsExactly(a(1), a(2));
    }

    static Hash32 id(int n) {
        byte[] b = new byte[32];
        b[0] = (byte) n;
        b[31] = (byte) (255 - n);
        return Hash32.of(b);
    }

    @Test
    void setRootDependsOnlyOnTheVisibleIdsInUnsignedByteOrder() {
        Hash32 low = id(0x01);
        Hash32 high = id(0xF0); // negative as a signed byte: must still sort last
        ORSet<Hash32> viaA = ORSet.<Hash32>empty().add(A, high).state().add(A, low).state();
        ORSet<Hash32> viaB = ORSet.<Hash32>empty().add(B, low).state().add(B, id(7)).state()
                .add(B, high).state().remove(id(7)).state();
        assertThat(viaA).isNotEqualTo(viaB);
        assertThat(SetRoots.setRoot(viaA)).isEqualTo(SetRoots.setRoot(viaB))
                .isEqualTo(MerkleBuilder.rootOf(List.of(low, high)));
        Hash32 recipe = id(42);
        assertThat(SetRoots.seed(viaA, recipe)).isEqualTo(Identity.seed(SetRoots.setRoot(viaA), recipe));
        assertThat(SetRoots.setRoot(ORSet.<Hash32>empty())).isEqualTo(MerkleBuilder.EMPTY_ROOT);
        // The generic form with an id function gives the same root.
        assertThat(SetRoots.setRoot(viaA, h -> h)).isEqualTo(SetRoots.setRoot(viaA));
    }
}
