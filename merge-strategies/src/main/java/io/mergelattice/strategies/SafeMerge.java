package io.mergelattice.strategies;

import static io.mergelattice.kernels.Layouts.F32;
import static io.mergelattice.kernels.Layouts.F64;

import io.mergelattice.strategies.blocks.SliceOps;
import io.mergelattice.strategy.BaseMode;
import io.mergelattice.strategy.Category;
import io.mergelattice.strategy.DeterminismClass;
import io.mergelattice.strategy.MergeException;
import io.mergelattice.strategy.MergeInput;
import io.mergelattice.strategy.MergeStrategy;
import io.mergelattice.strategy.Ops;
import io.mergelattice.strategy.PTensor;
import io.mergelattice.strategy.ParamSpec;
import io.mergelattice.strategy.Params;
import io.mergelattice.strategy.Randomness;
import io.mergelattice.strategy.StrategyInfo;
import io.mergelattice.strategy.StrategyResult;
import io.mergelattice.strategy.WeightMode;
import java.lang.foreign.MemorySegment;
import java.util.List;

/**
 * safe_merge (strategies spec §3.24; inspired by Djuhera et al., "SafeMERGE: Preserving Safety Alignment in
 * Fine-Tuned Large Language Models via Selective Layer-Wise Model Merging", 2025, arXiv:2503.17239):
 * μ = Σ_i ŵ_i · θ_i, V = Σ_i ŵ_i · (δ_i · δ_i) with δ_i = θ_i − μ (all in P); the positions with
 * V_j ≥ kth↓(V, k), k = max(1, floor(safety_threshold × d)), and V_j > 0 are frozen to the (safety-aligned) base,
 * all others get μ.
 */
public final class SafeMerge implements MergeStrategy {
    private static final StrategyInfo INFO = new StrategyInfo("safe_merge", "SafeMerge (freeze disagreement)",
            "Djuhera et al. 2025, arXiv:2503.17239", Category.SAFETY, BaseMode.REQUIRED, WeightMode.N_PLUS, "N+",
            Randomness.NONE, DeterminismClass.E,
            List.of(ParamSpec.ofDouble("safety_threshold", "(0, 1]", 0.1,
                    "fraction of positions with the largest weighted variance frozen to the base")),
            List.of(), List.of(), 1);

    @Override
    public StrategyInfo info() {
        return INFO;
    }

    @Override
    public StrategyResult merge(MergeInput in, Params params) throws MergeException {
        SliceOps ops = new SliceOps(in);
        double[] w = ops.round(in.normalisedWeights(), "normalised weight");
        int n = in.n();
        long d = in.size();
        MemorySegment[] th = new MemorySegment[n];
        for (int i = 0; i < n; i++) {
            th[i] = in.theta(i).segment();
        }
        PTensor r = in.zeros(); // μ, then the result
        PTensor var = in.zeros();
        MemorySegment mu = r.segment();
        MemorySegment v = var.segment();
        if (ops.isF32()) {
            float[] wf = new float[n];
            for (int i = 0; i < n; i++) {
                wf[i] = (float) w[i];
            }
            for (long j = 0; j < d; j++) {
                float m = 0.0f;
                for (int i = 0; i < n; i++) {
                    m = m + wf[i] * th[i].getAtIndex(F32, j);
                }
                float acc = 0.0f;
                for (int i = 0; i < n; i++) {
                    float delta = th[i].getAtIndex(F32, j) - m;
                    acc = acc + wf[i] * (delta * delta);
                }
                check(m, acc, j);
                mu.setAtIndex(F32, j, m);
                v.setAtIndex(F32, j, acc);
            }
        } else {
            for (long j = 0; j < d; j++) {
                double m = 0.0;
                for (int i = 0; i < n; i++) {
                    m = m + w[i] * th[i].getAtIndex(F64, j);
                }
                double acc = 0.0;
                for (int i = 0; i < n; i++) {
                    double delta = th[i].getAtIndex(F64, j) - m;
                    acc = acc + w[i] * (delta * delta);
                }
                check(m, acc, j);
                mu.setAtIndex(F64, j, m);
                v.setAtIndex(F64, j, acc);
            }
        }
        long k = Math.max(1L, (long) Math.floor(params.getDouble("safety_threshold") * (double) d));
        double t = new Ops(in).kthLargestMagnitude(var, k); // V ≥ +0.0, so |V| = V
        MemorySegment b = in.requireBase().segment();
        if (ops.isF32()) {
            float tf = (float) t;
            for (long j = 0; j < d; j++) {
                float x = v.getAtIndex(F32, j);
                if (x >= tf && x > 0.0f) {
                    mu.setAtIndex(F32, j, b.getAtIndex(F32, j));
                }
            }
        } else {
            for (long j = 0; j < d; j++) {
                double x = v.getAtIndex(F64, j);
                if (x >= t && x > 0.0) {
                    mu.setAtIndex(F64, j, b.getAtIndex(F64, j));
                }
            }
        }
        return StrategyResult.of(r);
    }

    private static void check(double mu, double v, long j) throws MergeException {
        if (!(Math.abs(mu) <= Double.MAX_VALUE)) {
            throw SliceOps.nonFinite("weighted mean μ", j, mu);
        }
        if (!(Math.abs(v) <= Double.MAX_VALUE)) {
            throw SliceOps.nonFinite("weighted variance V", j, v);
        }
    }
}
