package io.mergelattice.strategy;

import io.mergelattice.kernels.Kernels;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.List;
import java.util.Optional;

/**
 * What a strategy receives after preprocessing (strategies spec §2.2): n ≥ 1 remaining contributions in canonical
 * order with θ in P, the base in P if the strategy reads it (§2.5), the raw and normalised weights (§2.3), the
 * context, the kernels backend to use, and an arena for scratch tensors (freed after the tensor is written).
 */
public final class MergeInput {
    private final Precision precision;
    private final List<Contribution> contributions;
    private final Optional<PTensor> base;
    private final long[] shape;
    private final MergeContext context;
    private final Kernels kernels;
    private final Arena arena;
    private final double weightSum;
    private final MemorySegment destination;
    private boolean destinationTaken;

    public MergeInput(Precision precision, List<Contribution> contributions, Optional<PTensor> base, long[] shape,
            MergeContext context, Kernels kernels, Arena arena) {
        this(precision, contributions, base, shape, context, kernels, arena, null);
    }

    /**
     * @param destination the output memory of this tensor when the output dtype is P (native, d elements of P), so
     *     that the result can be computed in place ({@link #result()}); or null
     */
    public MergeInput(Precision precision, List<Contribution> contributions, Optional<PTensor> base, long[] shape,
            MergeContext context, Kernels kernels, Arena arena, MemorySegment destination) {
        this.destination = destination;
        this.precision = precision;
        this.contributions = List.copyOf(contributions);
        this.base = base;
        this.shape = shape.clone();
        this.context = context;
        this.kernels = kernels;
        this.arena = arena;
        double s = 0.0;
        for (Contribution c : this.contributions) {
            s = s + c.weight(); // Determinism: Sω is sequential in canonical order (§2.3)
        }
        this.weightSum = s;
    }

    public Precision precision() {
        return precision;
    }

    public int n() {
        return contributions.size();
    }

    public List<Contribution> contributions() {
        return contributions;
    }

    public Contribution contribution(int i) {
        return contributions.get(i);
    }

    public PTensor theta(int i) {
        return contributions.get(i).theta();
    }

    public Optional<PTensor> base() {
        return base;
    }

    public PTensor requireBase() {
        return base.orElseThrow(() -> new IllegalStateException("the runner passes a base to this strategy"));
    }

    public long[] shape() {
        return shape.clone();
    }

    /** d = prod(S). */
    public long size() {
        return theta(0).size();
    }

    public long rows() {
        return theta(0).rows();
    }

    public long cols() {
        return theta(0).cols();
    }

    public MergeContext context() {
        return context;
    }

    public Kernels kernels() {
        return kernels;
    }

    public Arena arena() {
        return arena;
    }

    /** A zero-filled scratch tensor of shape S in P. */
    public PTensor zeros() {
        return PTensor.zeros(precision, shape, arena);
    }

    /** A scratch tensor of shape S in P for a result that will be overwritten completely before it is read. */
    public PTensor uninitialized() {
        return PTensor.uninitialized(precision, shape, arena);
    }

    /**
     * The tensor to compute the strategy's result in, overwritten completely before it is read: the output's own
     * memory when the runner gave one (the first call only), so that no copy follows the merge; otherwise scratch,
     * as {@link #uninitialized()}. Only memory that is not an input is ever handed out.
     */
    public PTensor result() {
        if (destination != null && !destinationTaken) {
            destinationTaken = true;
            return new PTensor(precision, shape, destination);
        }
        return uninitialized();
    }

    /** True if {@code t} is the tensor {@link #result()} handed out over the output memory. */
    public boolean inDestination(PTensor t) {
        return destinationTaken && OutputConversion.sameMemory(t.segment(), destination);
    }

    /** Sω = ((0.0 + ω_1) + ω_2) + … in canonical order (§2.3). */
    public double weightSum() {
        return weightSum;
    }

    /** Raw weights ω_i in canonical order. */
    public double[] rawWeights() {
        double[] w = new double[n()];
        for (int i = 0; i < w.length; i++) {
            w[i] = contributions.get(i).weight();
        }
        return w;
    }

    /** Normalised weights w_i = ω_i / Sω (double division, §2.3); Sω ≠ 0 is checked by the weight mode. */
    public double[] normalisedWeights() {
        double[] w = rawWeights();
        for (int i = 0; i < w.length; i++) {
            w[i] = w[i] / weightSum;
        }
        return w;
    }

    /** Whether every remaining contribution supplies artifact {@code name} (so the strategy uses it, §2.1). */
    public boolean artifactUsed(String name) {
        for (Contribution c : contributions) {
            if (c.artifact(name).isEmpty()) {
                return false;
            }
        }
        return true;
    }

    /** How many remaining contributions lack artifact {@code name}. */
    public int artifactMissing(String name) {
        int m = 0;
        for (Contribution c : contributions) {
            if (c.artifact(name).isEmpty()) {
                m++;
            }
        }
        return m;
    }
}
