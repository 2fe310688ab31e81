package io.mergelattice.strategy;

import io.mergelattice.tensor.Conversions;
import io.mergelattice.tensor.DType;
import io.mergelattice.tensor.OutputOverflowException;
import java.lang.foreign.MemorySegment;

/**
 * The service's final step (strategies spec §2.5): the result in P (or a passed-through base) converted to the
 * requested output dtype with round-to-nearest-even, every zero written as +0.0, and an overflow to ±∞ failing
 * with OUTPUT_OVERFLOW (no saturation).
 */
public final class OutputConversion {
    private OutputConversion() {
    }

    /** Writes {@code outcome}'s tensor as {@code out} into {@code dst} (exactly d × size bytes). */
    public static void write(MergeOutcome outcome, DType out, MemorySegment dst, String tensorName)
            throws MergeException {
        MemorySegment src;
        DType in;
        if (outcome.written() && outcome.computed().orElseThrow().precision().dtype() == out
                && sameMemory(outcome.computed().get().segment(), dst)) {
            return; // TensorMerger computed the result in dst and converted it there
        }
        if (outcome.computed().isPresent()) {
            src = outcome.computed().get().segment();
            in = outcome.computed().get().precision().dtype();
        } else {
            src = outcome.passthrough().orElseThrow().data();
            in = outcome.passthrough().get().dtype();
        }
        try {
            Conversions.narrow(src, in, out, dst, tensorName);
        } catch (OutputOverflowException e) {
            throw new MergeException(ErrorCode.OUTPUT_OVERFLOW, e.getMessage());
        }
    }

    /** True if a and b are the same native memory. */
    static boolean sameMemory(MemorySegment a, MemorySegment b) {
        return a.isNative() && b.isNative() && a.address() == b.address() && a.byteSize() == b.byteSize();
    }
}
