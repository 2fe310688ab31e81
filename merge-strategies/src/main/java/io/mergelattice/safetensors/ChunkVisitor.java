package io.mergelattice.safetensors;

import io.mergelattice.tensor.TensorInfo;

import java.lang.foreign.MemorySegment;

/**
 * Receives a model's tensor bytes in {@value FiniteCheck#CHUNK_BYTES}-byte chunks (the Merkle chunk size), so that
 * a caller can fuse its own pass (e.g. hashing) with {@link TensorSource#checkFinite(ChunkVisitor)} and read the
 * data once. Tensors arrive in name order; a tensor of zero bytes has a begin and an end but no chunk.
 */
@FunctionalInterface
public interface ChunkVisitor {

    /** A visitor that does nothing. */
    ChunkVisitor NONE = (tensor, index, chunk) -> { };

    /** Called before the first chunk of {@code tensor}. */
    default void beginTensor(TensorInfo tensor) {
    }

    /**
     * Chunk {@code index} of {@code tensor}: read-only, the full chunk size except for a tensor's last one; for a
     * floating tensor it has already been checked finite.
     */
    void chunk(TensorInfo tensor, long index, MemorySegment chunk);

    /** Called after the last chunk of {@code tensor}. */
    default void endTensor(TensorInfo tensor) {
    }
}
