package io.mergelattice.strategy;

import java.util.Optional;

/**
 * The result of merging one tensor: either a tensor computed in P, or (n = 0 with a usable base, §2.2 step 6) the
 * base passed through unchanged; plus the complete metadata (common keys first, §2.15). {@code written}: the computed
 * tensor lies in the output target given to {@link TensorMerger} and already holds the output bytes (§2.5), so
 * {@link OutputConversion} has nothing left to do there.
 */
public record MergeOutcome(Optional<PTensor> computed, Optional<RawTensor> passthrough, Metadata metadata,
        boolean written) {
    public static MergeOutcome computed(PTensor t, Metadata m) {
        return new MergeOutcome(Optional.of(t), Optional.empty(), m, false);
    }

    /** A result computed straight into the output target, already converted there. */
    public static MergeOutcome written(PTensor t, Metadata m) {
        return new MergeOutcome(Optional.of(t), Optional.empty(), m, true);
    }

    public static MergeOutcome passthrough(RawTensor base, Metadata m) {
        return new MergeOutcome(Optional.empty(), Optional.of(base), m, false);
    }

    /** The result's values as doubles (tests, small tensors). */
    public double[] values() {
        if (computed.isPresent()) {
            return computed.get().toDoubleArray();
        }
        RawTensor b = passthrough.orElseThrow();
        double[] out = new double[Math.toIntExact(b.elementCount())];
        for (int j = 0; j < out.length; j++) {
            out[j] = b.get(j);
        }
        return out;
    }
}
