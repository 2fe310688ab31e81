package io.mergelattice.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Pins the test vectors of docs/identity.md (recomputed independently by docs/vectors/identity_vectors.py). */
class IdentityVectorsTest {

    static Hash32 leafOfByte(int i) {
        return Sha256.hash(Domain.CHUNK, new byte[] {(byte) i});
    }

    @Test
    void emptyRootIsHashOfDomainByte3() {
        assertThat(MerkleBuilder.EMPTY_ROOT.hex())
                .isEqualTo("084fed08b978af4d7d196a7446a86b58009e636b611db16211b65a9aadff29c5");
        assertThat(new ChunkTreeHasher().finish()).isEqualTo(MerkleBuilder.EMPTY_ROOT);
    }

    @Test
    void chunkLeafAndSmallTrees() {
        assertThat(Sha256.hash(Domain.CHUNK, "abc".getBytes()).hex())
                .isEqualTo("609f6e36d2405585188d5cfd761f407c7cc46a7d3f314c88270469dde315fcd1");
        List<Hash32> leaves = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            leaves.add(leafOfByte(i));
        }
        assertThat(MerkleBuilder.rootOf(leaves.subList(0, 1)).hex())
                .isEqualTo("96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7");
        assertThat(MerkleBuilder.rootOf(leaves.subList(0, 2)).hex())
                .isEqualTo("a20bf9a7cc2dc8a08f5f415a71b19f6ac427bab54d24eec868b5d3103449953a");
        assertThat(MerkleBuilder.rootOf(leaves.subList(0, 3)).hex())
                .isEqualTo("3b6cccd7e3e023ff393006f030315ee7ad9eb111b022b41fba7e5b7a3973f688");
        assertThat(MerkleBuilder.rootOf(leaves).hex())
                .isEqualTo("b855b42d6c30f5b087e05266783fbd6e394f7b926013ccaa67700a8b0c5a596f");
    }

    @Test
    void chunkTreeOfTwoAndAHalfMebibytesWhateverTheFeedSizes() {
        byte[] data = new byte[ChunkTreeHasher.CHUNK_SIZE * 2 + ChunkTreeHasher.CHUNK_SIZE / 2];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) (i % 251);
        }
        String expected = "f3bf0b960e20eefd34582e8b3750ae103e53d4553d3318004f6a45b1b4d5e672";
        assertThat(new ChunkTreeHasher().update(data, 0, data.length).finish().hex()).isEqualTo(expected);
        // Feeding in odd-sized pieces that straddle chunk boundaries must not change the root.
        ChunkTreeHasher h = new ChunkTreeHasher();
        for (int off = 0; off < data.length; ) {
            int n = Math.min(data.length - off, 333_333);
            h.update(ByteBuffer.wrap(data, off, n));
            off += n;
        }
        assertThat(h.byteCount()).isEqualTo(data.length);
        assertThat(h.finish().hex()).isEqualTo(expected);
        assertThat(ChunkTreeHasher.rootOf(java.lang.foreign.MemorySegment.ofArray(data)).hex()).isEqualTo(expected);
    }

    static Hash32 contentRootModel() {
        return Hash32.ofHex("ad4d28083e9d3e009e1ffc0ca86d6ded521b8fc3c3d4f0959b53eae2eb287386");
    }

    static ContributionManifest manifestA() {
        return new ContributionManifest("demo", contentRootModel(), ContributionKind.DELTA,
                Optional.of(Hash32.ofHex("ef4699c4d9f33d5b0d1a6c9c6fa77af7635c86f1a653f65ccf698667ab701c94")), 1.0,
                Map.of("fisher", Sha256.hash(Domain.CHUNK, "fisher".getBytes())), "org-a", "run 1");
    }

    @Test
    void contributionIdsRecipeIdSetRootResultIdAndSeed() {
        ContributionManifest a = manifestA();
        assertThat(a.encode()).hasSize(155);
        Hash32 idA = a.id();
        assertThat(idA.hex()).isEqualTo("d3197d7f5908c768f702caaa99b3bbe23d5657145f5ef61b46cab85b013b750e");
        Hash32 idB = new ContributionManifest("demo", contentRootModel(), ContributionKind.FULL, Optional.empty(),
                2.5, Map.of(), "org-b", "").id();
        assertThat(idB.hex()).isEqualTo("66a4ce1e78f9be8e53a8f84f60ab11c64d4c1a0038564563015a738964eb0a24");

        Recipe ties = new Recipe("ties", 1, Map.of(
                "density", new ParamValue.DoubleValue(0.2),
                "consensus_method", new ParamValue.StringValue("sum"),
                "normalize", new ParamValue.BoolValue(true),
                "lambda", new ParamValue.DoubleValue(1.0)), "F32");
        assertThat(ties.id().hex()).isEqualTo("cbb3288493379fa64336b960eb8bf834c387302a8ed492ba9ff7d23816f08d55");

        Hash32 setRoot = Identity.setRoot(List.of(idA, idB));
        assertThat(setRoot).isEqualTo(Identity.setRoot(List.of(idB, idA)));
        assertThat(setRoot.hex()).isEqualTo("a9c9a59109d0f63724154d44597bf051f7d5eab6bbda197f4f129748e1936988");
        assertThat(Identity.resultId(setRoot, ties.id()).hex())
                .isEqualTo("91941a29df9e7fb17b61d3c669a9fe7e0c0ab7d6d062db178b74625158f7b96b");
        assertThat(Identity.seed(setRoot, ties.id()).hex())
                .isEqualTo("62b2d9cf0e9bf345740daefd5f12f9ef5e13a900b6c576591dc4cb70985b42b0");
    }

    @Test
    void negativeZeroWeightIsCanonicalAndNonFiniteWeightRejected() {
        ContributionManifest a = manifestA();
        var plus = new ContributionManifest(a.workspace(), a.contentRoot(), a.kind(), a.baseRoot(), 0.0,
                a.artifactRoots(), a.organisation(), a.label());
        var minus = new ContributionManifest(a.workspace(), a.contentRoot(), a.kind(), a.baseRoot(), -0.0,
                a.artifactRoots(), a.organisation(), a.label());
        assertThat(minus.id()).isEqualTo(plus.id());
        assertThatThrownBy(() -> new ContributionManifest(a.workspace(), a.contentRoot(), a.kind(), a.baseRoot(),
                Double.NaN, a.artifactRoots(), a.organisation(), a.label()))
                .hasMessageContaining("finite");
        assertThatThrownBy(() -> new ContributionManifest("w", a.contentRoot(), ContributionKind.DELTA,
                Optional.empty(), 1.0, Map.of(), "o", "l")).hasMessageContaining("base root");
    }

    @Test
    void setRootRejectsDuplicatesAndEmptySetHasEmptyRoot() {
        Hash32 x = leafOfByte(1);
        assertThatThrownBy(() -> Identity.setRoot(List.of(x, x))).hasMessageContaining("duplicate");
        assertThat(Identity.setRoot(List.of())).isEqualTo(MerkleBuilder.EMPTY_ROOT);
    }

    @Test
    void loneSurrogatesAreNotValidNames() {
        assertThatThrownBy(() -> new CanonicalEncoder().str("a\uD800b")).hasMessageContaining("not valid Unicode");
    }
}
