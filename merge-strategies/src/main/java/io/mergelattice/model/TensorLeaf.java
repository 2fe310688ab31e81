package io.mergelattice.model;

import io.mergelattice.identity.CanonicalEncoder;
import io.mergelattice.identity.Domain;
import io.mergelattice.identity.Hash32;
import io.mergelattice.identity.Sha256;

/**
 * The Merkle leaf of one tensor (design.md §2): {@code SHA-256(0x02 ‖ name ‖ dtype ‖ shape ‖ chunkTreeRoot)}.
 *
 * <p>Wire format: {@code 0x02 ‖ u32 len ‖ UTF-8 name ‖ u32 len ‖ ASCII dtype name as in safetensors ("F32")
 * ‖ u32 ndim ‖ u64 dim* ‖ 32-byte chunk-tree root}, little-endian. Identical tensors give identical leaves
 * whatever file or shard they came from.
 */
public final class TensorLeaf {
    private TensorLeaf() {
    }

    public static Hash32 of(String name, String dtype, long[] shape, Hash32 chunkTreeRoot) {
        CanonicalEncoder e = new CanonicalEncoder().str(name).str(dtype).u32(shape.length);
        for (long dim : shape) {
            if (dim < 0) {
                throw new IllegalArgumentException("negative dimension in shape of " + name);
            }
            e.u64(dim);
        }
        e.hash(chunkTreeRoot);
        return Sha256.hash(Domain.TENSOR, e.toByteArray());
    }
}
