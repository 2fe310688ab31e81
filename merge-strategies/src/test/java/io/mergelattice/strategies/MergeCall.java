package io.mergelattice.strategies;

import io.mergelattice.identity.Hash32;
import io.mergelattice.kernels.Kernels;
import io.mergelattice.kernels.ScalarKernels;
import io.mergelattice.strategy.ContributionInput;
import io.mergelattice.strategy.MergeContext;
import io.mergelattice.strategy.MergeException;
import io.mergelattice.strategy.MergeOutcome;
import io.mergelattice.strategy.MergeStrategy;
import io.mergelattice.strategy.Params;
import io.mergelattice.strategy.RawTensor;
import io.mergelattice.strategy.StrategyRegistry;
import io.mergelattice.strategy.TensorMerger;
import io.mergelattice.tensor.DType;
import java.lang.foreign.Arena;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One merge call through the real runner ({@link TensorMerger}, preprocessing of §2.2 included) for unit tests:
 * contributions get the roots 0x11…, 0x22…, … in the order they are added (already canonical).
 */
final class MergeCall {
    private final MergeStrategy strategy;
    private DType dtype = DType.F64;
    private long[] shape;
    private final List<double[]> thetas = new ArrayList<>();
    private final List<Double> weights = new ArrayList<>();
    private final List<Map<String, RawTensor>> artifacts = new ArrayList<>();
    private double[] base;
    private DType baseDtype;
    private final Map<String, Object> params = new LinkedHashMap<>();

    private MergeCall(MergeStrategy strategy) {
        this.strategy = strategy;
    }

    static MergeCall of(String id) {
        return new MergeCall(StrategyRegistry.require(id));
    }

    MergeCall dtype(DType t) {
        this.dtype = t;
        return this;
    }

    MergeCall shape(long... s) {
        this.shape = s;
        return this;
    }

    MergeCall add(double weight, double... theta) {
        thetas.add(theta);
        weights.add(weight);
        artifacts.add(new HashMap<>());
        return this;
    }

    /** An F64 artifact of contribution i (0-based) with the given shape. */
    MergeCall artifact(int i, String name, long[] artifactShape, double... values) {
        artifacts.get(i).put(name, RawTensor.ofDoubles(DType.F64, artifactShape, values));
        return this;
    }

    /** A raw artifact of contribution i (0-based), e.g. one with values a literal cannot hold. */
    MergeCall artifact(int i, String name, RawTensor t) {
        artifacts.get(i).put(name, t);
        return this;
    }

    MergeCall base(double... b) {
        this.base = b;
        return this;
    }

    MergeCall baseDtype(DType t) {
        this.baseDtype = t;
        return this;
    }

    MergeCall param(String name, Object value) {
        params.put(name, value);
        return this;
    }

    MergeOutcome run() throws MergeException {
        return run(ScalarKernels.instance());
    }

    MergeOutcome run(Kernels kernels) throws MergeException {
        long[] s = shape != null ? shape : new long[] {thetas.getFirst().length};
        List<ContributionInput> in = new ArrayList<>();
        for (int i = 0; i < thetas.size(); i++) {
            byte[] root = new byte[32];
            java.util.Arrays.fill(root, (byte) (0x11 * (i + 1)));
            in.add(new ContributionInput(Hash32.of(root), RawTensor.ofDoubles(dtype, s, thetas.get(i)),
                    weights.get(i), artifacts.get(i)));
        }
        Optional<RawTensor> b = base == null ? Optional.empty()
                : Optional.of(RawTensor.ofDoubles(baseDtype != null ? baseDtype : dtype, s, base));
        Params p = StrategyRegistry.validate(strategy, params);
        // The arena stays open: results are read after the call (tests only, small tensors).
        return new TensorMerger(kernels).merge(strategy, p, in, b,
                new MergeContext(Hash32.of(new byte[32]), "layer.weight"), Arena.ofAuto());
    }
}
