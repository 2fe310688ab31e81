package io.mergelattice.strategies;

import io.mergelattice.identity.Hash32;
import io.mergelattice.kernels.CounterRng;
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
 * split_unlearn_merge (strategies spec §3.21; Kadhe et al., "Split, Unlearn, Merge: Leveraging Data Attributes for
 * More Effective Unlearning in LLMs" (SPUNGE), ICML 2024 workshop, arXiv:2406.11780): m = Σ_i ŵ_i · τ_i and
 * r_j = b_j at the reset positions, b_j + m_j elsewhere. {@code magnitude}: A = Σ_i ŵ_i · |τ_i|,
 * reset_j = (A_j ≤ kth↑(A, k)) with k = max(1, floor(target_fraction × d)) (ties all reset); {@code random}:
 * reset_j = (u(key(seed, tensorName, NULL_ROOT), j) &lt; target_fraction), one position-wide mask.
 */
public final class SplitUnlearnMerge implements MergeStrategy {
    private static final StrategyInfo INFO = new StrategyInfo("split_unlearn_merge", "Split, Unlearn, Merge (SPUNGE)",
            "Kadhe et al. 2024, arXiv:2406.11780", Category.UNLEARNING, BaseMode.REQUIRED, WeightMode.N_PLUS, "N+",
            Randomness.OPTION, DeterminismClass.E,
            List.of(ParamSpec.ofDouble("target_fraction", "(0, 1]", 0.1, "fraction of positions reset to the base"),
                    ParamSpec.ofEnum("subspace_method", List.of("magnitude", "random"), "magnitude",
                            "magnitude: smallest mean update magnitudes; random: a position-wide random mask")),
            List.of(), List.of(), 1);

    @Override
    public StrategyInfo info() {
        return INFO;
    }

    @Override
    public StrategyResult merge(MergeInput in, Params params) throws MergeException {
        SliceOps ops = new SliceOps(in);
        double[] w = ops.round(in.normalisedWeights(), "normalised weight");
        double fraction = params.getDouble("target_fraction");
        boolean random = params.getString("subspace_method").equals("random");
        long key = random ? SliceOps.key(in, Hash32.NULL_ROOT) : 0L;
        int n = in.n();
        long d = in.size();
        int c = ops.chunk();
        PTensor a = random ? null : in.zeros();
        PTensor b = in.requireBase();
        PTensor r = in.zeros(); // m until the second pass (magnitude), or the result (random)
        boolean f32 = ops.isF32();
        float[][] tf = f32 ? new float[n][c] : null;
        float[] mf = f32 ? new float[c] : null;
        float[] af = f32 ? new float[c] : null;
        float[] wf = SliceOps.floats(w);
        double[][] td = f32 ? null : new double[n][c];
        double[] md = f32 ? null : new double[c];
        double[] ad = f32 ? null : new double[c];
        for (long j0 = 0; j0 < d; j0 += c) { // m = Σ_i ŵ_i · τ_i (and A), checked: both are computed everywhere
            int len = (int) Math.min(c, d - j0);
            if (f32) {
                ops.taskVectors(j0, len, tf);
                SliceOps.weightedSum(mf, wf, tf, len);
                SliceOps.checkFinite(mf, len, j0, "m");
                if (random) {
                    ops.load(b, j0, af, len);
                    resetRandom(af, mf, key, j0, fraction, len);
                    ops.store(af, r, j0, len);
                } else {
                    java.util.Arrays.fill(af, 0, len, 0.0f);
                    for (int i = 0; i < n; i++) {
                        accumulateAbs(af, wf[i], tf[i], len);
                    }
                    SliceOps.checkFinite(af, len, j0, "A"); // it feeds a selection (§2.13)
                    ops.store(af, a, j0, len);
                    ops.store(mf, r, j0, len);
                }
            } else {
                ops.taskVectors(j0, len, td);
                SliceOps.weightedSum(md, w, td, len);
                SliceOps.checkFinite(md, len, j0, "m");
                if (random) {
                    ops.load(b, j0, ad, len);
                    resetRandom(ad, md, key, j0, fraction, len);
                    ops.store(ad, r, j0, len);
                } else {
                    java.util.Arrays.fill(ad, 0, len, 0.0);
                    for (int i = 0; i < n; i++) {
                        accumulateAbs(ad, w[i], td[i], len);
                    }
                    SliceOps.checkFinite(ad, len, j0, "A");
                    ops.store(ad, a, j0, len);
                    ops.store(md, r, j0, len);
                }
            }
        }
        if (random) {
            return StrategyResult.of(r);
        }
        long k = Math.max(1L, (long) Math.floor(fraction * (double) d));
        double thr = new Ops(in).kthSmallestMagnitude(a, k); // A ≥ +0.0, so |A| = A
        ScoredReset.run(ops, a, r, new ScoredReset.Rule() { // r_j = b_j where A_j ≤ kth↑(A, k), else b_j + m_j
            @Override
            public void apply(float[] s, float[] m, float[] b, int len) {
                resetBelow(b, m, s, (float) thr, len);
            }

            @Override
            public void apply(double[] s, double[] m, double[] b, int len) {
                resetBelow(b, m, s, thr, len);
            }
        });
        return StrategyResult.of(r);
    }

    /** A_j ← A_j + (ŵ_i · |τ_ij|). */
    private static void accumulateAbs(float[] a, float wi, float[] x, int len) {
        for (int j = 0; j < len; j++) {
            a[j] = a[j] + wi * Math.abs(x[j]);
        }
    }

    private static void accumulateAbs(double[] a, double wi, double[] x, int len) {
        for (int j = 0; j < len; j++) {
            a[j] = a[j] + wi * Math.abs(x[j]);
        }
    }

    /** b_j ← b_j + m_j unless u(key, j) &lt; fraction (the position-wide mask, counter = flat index). */
    private static void resetRandom(float[] b, float[] m, long key, long first, double fraction, int len) {
        for (int j = 0; j < len; j++) {
            b[j] = CounterRng.u(key, first + j) < fraction ? b[j] : b[j] + m[j];
        }
    }

    private static void resetRandom(double[] b, double[] m, long key, long first, double fraction, int len) {
        for (int j = 0; j < len; j++) {
            b[j] = CounterRng.u(key, first + j) < fraction ? b[j] : b[j] + m[j];
        }
    }

    /** m_j ← b_j + m_j unless A_j ≤ t, then b_j (ties at the threshold are all reset). */
    private static void resetBelow(float[] b, float[] m, float[] a, float t, int len) {
        for (int j = 0; j < len; j++) {
            m[j] = a[j] <= t ? b[j] : b[j] + m[j];
        }
    }

    private static void resetBelow(double[] b, double[] m, double[] a, double t, int len) {
        for (int j = 0; j < len; j++) {
            m[j] = a[j] <= t ? b[j] : b[j] + m[j];
        }
    }
}
