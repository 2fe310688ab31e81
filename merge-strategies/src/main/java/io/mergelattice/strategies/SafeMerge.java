package io.mergelattice.strategies;

import io.mergelattice.strategies.blocks.ScoredReset;
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
        int c = ops.chunk();
        PTensor r = in.zeros(); // μ, then the result
        PTensor var = in.zeros();
        boolean f32 = ops.isF32();
        float[][] xf = f32 ? new float[n][c] : null;
        float[] mf = f32 ? new float[c] : null;
        float[] vf = f32 ? new float[c] : null;
        float[] wf = SliceOps.floats(w);
        double[][] xd = f32 ? null : new double[n][c];
        double[] md = f32 ? null : new double[c];
        double[] vd = f32 ? null : new double[c];
        for (long j0 = 0; j0 < d; j0 += c) {
            int len = (int) Math.min(c, d - j0);
            if (f32) {
                for (int i = 0; i < n; i++) {
                    ops.load(in.theta(i), j0, xf[i], len);
                }
                SliceOps.weightedSum(mf, wf, xf, len);
                java.util.Arrays.fill(vf, 0, len, 0.0f);
                for (int i = 0; i < n; i++) {
                    accumulateSquares(vf, wf[i], xf[i], mf, len);
                }
                SliceOps.checkFinite(mf, len, j0, "weighted mean μ"); // μ is the result where not frozen
                SliceOps.checkFinite(vf, len, j0, "weighted variance V"); // V feeds a selection (§2.13)
                ops.store(mf, r, j0, len);
                ops.store(vf, var, j0, len);
            } else {
                for (int i = 0; i < n; i++) {
                    ops.load(in.theta(i), j0, xd[i], len);
                }
                SliceOps.weightedSum(md, w, xd, len);
                java.util.Arrays.fill(vd, 0, len, 0.0);
                for (int i = 0; i < n; i++) {
                    accumulateSquares(vd, w[i], xd[i], md, len);
                }
                SliceOps.checkFinite(md, len, j0, "weighted mean μ");
                SliceOps.checkFinite(vd, len, j0, "weighted variance V");
                ops.store(md, r, j0, len);
                ops.store(vd, var, j0, len);
            }
        }
        long k = Math.max(1L, (long) Math.floor(params.getDouble("safety_threshold") * (double) d));
        double t = new Ops(in).kthLargestMagnitude(var, k); // V ≥ +0.0, so |V| = V
        ScoredReset.run(ops, var, r, new ScoredReset.Rule() { // frozen_j = (V_j ≥ t) ∧ (V_j > 0): r_j = b_j
            @Override
            public void apply(float[] v, float[] m, float[] b, int len) {
                freeze(m, b, v, (float) t, len);
            }

            @Override
            public void apply(double[] v, double[] m, double[] b, int len) {
                freeze(m, b, v, t, len);
            }
        });
        return StrategyResult.of(r);
    }

    /** V_j ← V_j + (ŵ_i · (δ_ij · δ_ij)) with δ_ij = θ_ij − μ_j, every operation rounded to P. */
    private static void accumulateSquares(float[] v, float wi, float[] x, float[] mu, int len) {
        for (int j = 0; j < len; j++) {
            float delta = x[j] - mu[j];
            v[j] = v[j] + wi * (delta * delta);
        }
    }

    private static void accumulateSquares(double[] v, double wi, double[] x, double[] mu, int len) {
        for (int j = 0; j < len; j++) {
            double delta = x[j] - mu[j];
            v[j] = v[j] + wi * (delta * delta);
        }
    }

    /** r_j ← b_j where V_j ≥ t and V_j &gt; 0. */
    private static void freeze(float[] r, float[] b, float[] v, float t, int len) {
        for (int j = 0; j < len; j++) {
            r[j] = v[j] >= t && v[j] > 0.0f ? b[j] : r[j];
        }
    }

    private static void freeze(double[] r, double[] b, double[] v, double t, int len) {
        for (int j = 0; j < len; j++) {
            r[j] = v[j] >= t && v[j] > 0.0 ? b[j] : r[j];
        }
    }
}
