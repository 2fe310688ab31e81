package io.mergelattice.safetensors;

import io.mergelattice.safetensors.SafetensorsFormatException.Problem;
import io.mergelattice.tensor.FiniteScan;
import io.mergelattice.tensor.TensorInfo;

import java.lang.foreign.MemorySegment;

/**
 * The finiteness pass of {@link TensorSource#checkFinite(ChunkVisitor)}: walks every tensor in name order in
 * {@value #CHUNK_BYTES}-byte chunks, scans floating chunks with {@link FiniteScan#firstNonFinite}, and hands each
 * checked chunk to the visitor while it is still in cache.
 */
public final class FiniteCheck {

    /** Chunk size: 1 MiB, the Merkle leaf size (a multiple of every dtype size). */
    public static final int CHUNK_BYTES = 1 << 20;

    private FiniteCheck() {
    }

    /** Checks {@code source} and feeds {@code visitor}; see {@link TensorSource#checkFinite()}. */
    public static void check(TensorSource source, ChunkVisitor visitor) throws SafetensorsFormatException {
        for (TensorInfo tensor : source.tensors()) {
            MemorySegment data = source.data(tensor.name());
            visitor.beginTensor(tensor);
            long index = 0;
            for (long offset = 0; offset < data.byteSize(); offset += CHUNK_BYTES, index++) {
                MemorySegment chunk = data.asSlice(offset, Math.min(CHUNK_BYTES, data.byteSize() - offset));
                if (tensor.dtype().isFloat()) {
                    long bad = FiniteScan.firstNonFinite(chunk, tensor.dtype());
                    if (bad >= 0) {
                        long element = offset / tensor.dtype().byteSize() + bad;
                        throw new SafetensorsFormatException(Problem.NON_FINITE_VALUE, "tensor '" + tensor.name()
                                + "' (" + tensor.dtype() + "): element " + element + " is NaN or infinite");
                    }
                }
                visitor.chunk(tensor, index, chunk);
            }
            visitor.endTensor(tensor);
        }
    }
}
