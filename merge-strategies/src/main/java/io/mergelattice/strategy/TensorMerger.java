package io.mergelattice.strategy;

import io.mergelattice.kernels.Kernels;
import io.mergelattice.tensor.Conversions;
import io.mergelattice.tensor.DType;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Merges one tensor: the preprocessing of strategies spec §2.2 (steps 2–13; parameters are validated once per
 * merge, before any tensor is read), then the strategy, then the overflow rule on the result (§2.13) and the
 * common metadata (§2.15). Output dtype conversion is the caller's ({@link OutputConversion}).
 */
public final class TensorMerger {
    /** Backend id of the reference class-S algorithms (§2.12). */
    public static final String REFERENCE_BACKEND = "scalar-v1";
    private static final double MIN_WEIGHT = 0x1p-64;
    private static final double MAX_WEIGHT = 0x1p64;

    private final Kernels kernels;

    public TensorMerger(Kernels kernels) {
        this.kernels = kernels;
    }

    public MergeOutcome merge(MergeStrategy strategy, Params params, List<ContributionInput> inputs,
            Optional<RawTensor> base, MergeContext ctx, Arena arena) throws MergeException {
        return merge(strategy, params, inputs, base, ctx, arena, null, null);
    }

    /**
     * The same, given where the caller will write the result ({@link OutputConversion}) as {@code outputDtype}: when
     * that is P's dtype, strategies that support it compute the result straight into {@code output}, the overflow
     * rule and the +0.0 rule run there in one pass, and the outcome is marked written (no copy follows). Any other
     * case behaves exactly as without a target. On failure {@code output} may hold partial data.
     */
    public MergeOutcome merge(MergeStrategy strategy, Params params, List<ContributionInput> inputs,
            Optional<RawTensor> base, MergeContext ctx, Arena arena, DType outputDtype, MemorySegment output)
            throws MergeException {
        StrategyInfo info = strategy.info();
        // Step 2: weights.
        for (ContributionInput c : inputs) {
            if (!Double.isFinite(c.weight())) {
                throw new MergeException(ErrorCode.WEIGHT_NOT_FINITE, "weight of contribution " + c.root().hex()
                        + " is " + c.weight());
            }
        }
        for (ContributionInput c : inputs) {
            double a = Math.abs(c.weight());
            if (a != 0.0 && (a < MIN_WEIGHT || a > MAX_WEIGHT)) {
                throw new MergeException(ErrorCode.WEIGHT_OUT_OF_RANGE, "weight " + c.weight() + " of contribution "
                        + c.root().hex() + " is outside 2^-64 ≤ |ω| ≤ 2^64 (use 0 to leave it out)");
            }
        }
        // Step 3: canonical order. Step 4: drop zero weights; a base the strategy never uses is discarded.
        List<ContributionInput> sorted = new ArrayList<>(inputs);
        sorted.sort((x, y) -> x.root().compareTo(y.root()));
        for (int i = 1; i < sorted.size(); i++) {
            if (sorted.get(i).root().equals(sorted.get(i - 1).root())) {
                throw new IllegalArgumentException("duplicate contribution root " + sorted.get(i).root().hex());
            }
        }
        List<ContributionInput> remaining = new ArrayList<>();
        for (ContributionInput c : sorted) {
            if (c.weight() != 0.0) {
                remaining.add(c);
            }
        }
        Optional<RawTensor> givenBase = info.baseMode() == BaseMode.NOT_USED ? Optional.empty() : base;
        // Step 5: one shape.
        for (ContributionInput c : remaining) {
            if (!c.theta().dtype().isFloat()) {
                throw new IllegalArgumentException("contribution tensors must be F64, F32, F16 or BF16, got "
                        + c.theta().dtype() + " for " + ctx.tensorName());
            }
            if (!c.theta().sameShape(remaining.getFirst().theta().shape())) {
                throw new MergeException(ErrorCode.SHAPE_MISMATCH, "tensor " + ctx.tensorName() + " has shape "
                        + Arrays.toString(remaining.getFirst().theta().shape()) + " in contribution "
                        + remaining.getFirst().root().hex() + " but " + Arrays.toString(c.theta().shape())
                        + " in " + c.root().hex());
            }
        }
        // Step 6: nothing left.
        if (remaining.isEmpty()) {
            if (givenBase.isPresent()) {
                return MergeOutcome.passthrough(givenBase.get(),
                        new Metadata().put("strategy", info.id()).put("n", 0L));
            }
            throw new MergeException(ErrorCode.NO_CONTRIBUTIONS, "no contribution with a non-zero weight"
                    + (info.baseMode() == BaseMode.NOT_USED ? "" : " and no base") + " for " + ctx.tensorName());
        }
        long[] shape = remaining.getFirst().theta().shape();
        // Step 7: base shape. Step 8: base required.
        if (givenBase.isPresent() && !givenBase.get().sameShape(shape)) {
            throw new MergeException(ErrorCode.BASE_SHAPE_MISMATCH, "base tensor " + ctx.tensorName()
                    + " has shape " + Arrays.toString(givenBase.get().shape()) + ", contributions have "
                    + Arrays.toString(shape));
        }
        if (givenBase.isEmpty() && strategy.requiresBase(params)) {
            throw new MergeException(ErrorCode.BASE_REQUIRED, info.id() + " needs a base model"
                    + (info.baseMode() == BaseMode.REQUIRED ? "" : " with these parameters"));
        }
        // Step 9: weight mode.
        checkWeights(strategy.weightMode(params), remaining);
        // Step 10: artifacts the strategy reads.
        Set<String> read = strategy.artifactsRead(params, shape);
        Set<String> suppliedByAll = new LinkedHashSet<>(read);
        for (ContributionInput c : remaining) {
            for (String name : read) {
                RawTensor a = c.artifacts().get(name);
                if (a == null) {
                    suppliedByAll.remove(name);
                } else {
                    strategy.validateArtifact(name, a, shape);
                }
            }
        }
        // Step 11: precision, widening, artifact conversion.
        boolean readsBase = givenBase.isPresent() && strategy.readsBase(params, suppliedByAll);
        boolean f64 = remaining.stream().anyMatch(c -> c.theta().dtype() == DType.F64)
                || (readsBase && givenBase.get().dtype() == DType.F64);
        Precision p = f64 ? Precision.F64 : Precision.F32;
        List<Contribution> prepared = new ArrayList<>(remaining.size());
        for (int i = 0; i < remaining.size(); i++) {
            ContributionInput c = remaining.get(i);
            Map<String, PTensor> artifacts = new LinkedHashMap<>();
            for (String name : read) {
                RawTensor a = c.artifacts().get(name);
                if (a != null) {
                    boolean elementWise = info.artifacts().stream()
                            .anyMatch(s -> s.name().equals(name) && s.elementWise());
                    artifacts.put(name, elementWise ? Widening.roundArtifact(name, i, a, p, arena)
                            : Widening.widen(a, Precision.F64, arena));
                }
            }
            prepared.add(new Contribution(c.root(), Widening.widen(c.theta(), p, arena), c.weight(), artifacts));
        }
        Optional<PTensor> pBase = readsBase ? Optional.of(Widening.widen(givenBase.get(), p, arena))
                : Optional.empty();
        DeterminismClass cls = strategy.determinismClass(params, suppliedByAll);
        Metadata meta = new Metadata().put("strategy", info.id()).put("precision", p.name())
                .put("class", cls.name()).put("n", (long) prepared.size());
        if (cls == DeterminismClass.S) {
            meta.put("backend", REFERENCE_BACKEND);
        }
        // Step 12: empty tensors need no computation.
        if (prepared.getFirst().theta().size() == 0) {
            return MergeOutcome.computed(PTensor.zeros(p, shape, arena), meta);
        }
        // Step 13: the strategy, then the overflow rule on what it returns.
        long bytes = prepared.getFirst().theta().size() * p.dtype().byteSize();
        boolean direct = output != null && outputDtype == p.dtype() && output.isNative() && !output.isReadOnly()
                && output.byteSize() == bytes && output.address() % p.dtype().byteSize() == 0
                && !overlapsAny(output, prepared, pBase);
        MergeInput in = new MergeInput(p, prepared, pBase, shape, ctx, kernels, arena, direct ? output : null);
        StrategyResult r = strategy.merge(in, params);
        String what = "result of " + info.id() + " for " + ctx.tensorName();
        if (in.inDestination(r.tensor())) {
            // One pass over the output: the overflow rule (§2.13) and every zero as +0.0 (§2.5).
            if (Conversions.canonicaliseInPlace(r.tensor().segment(), p.dtype()) >= 0) {
                Guards.finite(r.tensor(), what); // reports the first non-finite element
                throw new IllegalStateException("the in-place pass and the finite check disagree on " + what);
            }
            return MergeOutcome.written(r.tensor(), meta.putAll(r.metadata()));
        }
        Guards.finite(r.tensor(), what);
        return MergeOutcome.computed(r.tensor(), meta.putAll(r.metadata()));
    }

    /** True if {@code out} shares memory with an input the strategy reads (θ in P is often a view of the input). */
    private static boolean overlapsAny(MemorySegment out, List<Contribution> in, Optional<PTensor> base) {
        List<MemorySegment> read = new ArrayList<>();
        for (Contribution c : in) {
            read.add(c.theta().segment());
            c.artifacts().values().forEach(a -> read.add(a.segment()));
        }
        base.ifPresent(b -> read.add(b.segment()));
        for (MemorySegment s : read) {
            if (s.isNative() && s.address() < out.address() + out.byteSize()
                    && out.address() < s.address() + s.byteSize()) {
                return true;
            }
        }
        return false;
    }

    private static void checkWeights(WeightMode mode, List<ContributionInput> remaining) throws MergeException {
        if (mode == WeightMode.N_PLUS || mode == WeightMode.R_PLUS) {
            for (ContributionInput c : remaining) {
                if (c.weight() < 0) {
                    throw new MergeException(ErrorCode.WEIGHT_NEGATIVE, "weight " + c.weight() + " of contribution "
                            + c.root().hex() + " is negative; this strategy needs non-negative weights");
                }
            }
        }
        if (mode == WeightMode.N) {
            double s = 0.0;
            for (ContributionInput c : remaining) {
                s = s + c.weight();
            }
            if (s == 0.0) {
                throw new MergeException(ErrorCode.WEIGHTS_SUM_ZERO,
                        "weights sum to zero; normalised weights are undefined");
            }
        }
    }
}
