package io.mergelattice.safetensors;

import io.mergelattice.tensor.TensorInfo;

import java.lang.foreign.MemorySegment;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;

/**
 * Named tensors with their raw little-endian bytes: one safetensors file ({@link SafetensorsFile}) or a sharded
 * model ({@link SafetensorsModel}). Segments stay valid until the source is closed.
 */
public interface TensorSource {

    /** All tensors, sorted by name (UTF-8 bytewise). */
    List<TensorInfo> tensors();

    /** The tensor called {@code name}, if any. */
    Optional<TensorInfo> find(String name);

    /**
     * The read-only bytes of tensor {@code name} (no copy).
     *
     * @throws NoSuchElementException if there is no such tensor
     */
    MemorySegment data(String name);

    /**
     * Checks that no F16, BF16, F32 or F64 tensor holds NaN or ±∞.
     *
     * @throws SafetensorsFormatException {@code NON_FINITE_VALUE}, naming the first tensor (in name order) and
     *                                    the element index of its first non-finite value
     */
    default void checkFinite() throws SafetensorsFormatException {
        checkFinite(ChunkVisitor.NONE);
    }

    /** {@link #checkFinite()}, handing every tensor's bytes to {@code visitor} chunk by chunk as it goes. */
    default void checkFinite(ChunkVisitor visitor) throws SafetensorsFormatException {
        FiniteCheck.check(this, visitor);
    }
}
