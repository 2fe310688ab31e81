package io.mergelattice.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MerkleBuilderTest {

    /** The definition, level by level: pairs hashed, an odd last node promoted unchanged. */
    static Hash32 levelByLevel(List<Hash32> leaves) {
        if (leaves.isEmpty()) {
            return Sha256.hash(Domain.EMPTY);
        }
        List<Hash32> level = leaves;
        while (level.size() > 1) {
            List<Hash32> next = new ArrayList<>();
            for (int i = 0; i + 1 < level.size(); i += 2) {
                next.add(Sha256.hash(Domain.NODE, level.get(i), level.get(i + 1)));
            }
            if (level.size() % 2 == 1) {
                next.add(level.getLast());
            }
            level = next;
        }
        return level.getFirst();
    }

    @Test
    void incrementalBuilderEqualsLevelByLevelDefinitionForEveryCountUpTo130() {
        List<Hash32> leaves = new ArrayList<>();
        MerkleBuilder b = new MerkleBuilder();
        for (int n = 0; n <= 130; n++) {
            assertThat(b.root()).as("n = %d", n).isEqualTo(levelByLevel(leaves));
            Hash32 leaf = IdentityVectorsTest.leafOfByte(n);
            leaves.add(leaf);
            b.add(leaf);
        }
    }

    @Test
    void singleLeafIsItsOwnRootAndOrderMatters() {
        Hash32 a = IdentityVectorsTest.leafOfByte(1);
        Hash32 c = IdentityVectorsTest.leafOfByte(2);
        assertThat(MerkleBuilder.rootOf(List.of(a))).isEqualTo(a);
        assertThat(MerkleBuilder.rootOf(List.of(a, c))).isNotEqualTo(MerkleBuilder.rootOf(List.of(c, a)));
    }

    @Test
    void hashOrderIsUnsignedBytewise() {
        byte[] lo = new byte[32];
        byte[] hi = new byte[32];
        hi[0] = (byte) 0x80; // negative as a signed byte, but larger unsigned
        lo[0] = 0x7f;
        assertThat(Hash32.of(lo)).isLessThan(Hash32.of(hi));
        assertThat(Hash32.ofHex(Hash32.of(hi).hex())).isEqualTo(Hash32.of(hi));
    }
}
