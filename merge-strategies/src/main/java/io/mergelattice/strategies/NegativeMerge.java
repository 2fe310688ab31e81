package io.mergelattice.strategies;

import io.mergelattice.strategies.blocks.Masks;
import io.mergelattice.strategies.blocks.SliceOps;
import io.mergelattice.strategy.AliasSpec;
import io.mergelattice.strategy.BaseMode;
import io.mergelattice.strategy.Category;
import io.mergelattice.strategy.DeterminismClass;
import io.mergelattice.strategy.MergeException;
import io.mergelattice.strategy.MergeInput;
import io.mergelattice.strategy.MergeStrategy;
import io.mergelattice.strategy.PTensor;
import io.mergelattice.strategy.ParamSpec;
import io.mergelattice.strategy.Params;
import io.mergelattice.strategy.Randomness;
import io.mergelattice.strategy.StrategyInfo;
import io.mergelattice.strategy.StrategyResult;
import io.mergelattice.strategy.WeightMode;
import java.util.List;

/**
 * negative_merge (strategies spec §3.20; Kim, Han &amp; Choe, "NegMerge: Sign-Consensual Weight Merging for Machine
 * Unlearning", ICML 2025, arXiv:2410.05583): keep the positions where every τ_ij ≥ 0 or every τ_ij ≤ 0 (zeros agree
 * with both), acc = Σ_i [consensus_j] (ŵ_i · τ_ij), and subtract: r = b − (λ̂ · acc). One chunked pass.
 */
public final class NegativeMerge implements MergeStrategy {
    private static final StrategyInfo INFO = new StrategyInfo("negative_merge", "NegMerge (sign-consensual negation)",
            "Kim, Han & Choe 2025, arXiv:2410.05583", Category.UNLEARNING, BaseMode.REQUIRED, WeightMode.N_PLUS, "N+",
            Randomness.NONE, DeterminismClass.E,
            List.of(ParamSpec.ofDouble("lambda", "finite", 1.0, "scale of the subtracted task vector (alias scaling)")),
            List.of(new AliasSpec("scaling", "lambda", AliasSpec.Kind.IDENTITY)), List.of(), 1);

    @Override
    public StrategyInfo info() {
        return INFO;
    }

    @Override
    public StrategyResult merge(MergeInput in, Params params) throws MergeException {
        SliceOps ops = new SliceOps(in);
        double[] w = ops.round(in.normalisedWeights(), "normalised weight");
        double lambda = ops.round(params.getDouble("lambda"), "lambda");
        int n = in.n();
        long d = in.size();
        int c = ops.chunk();
        PTensor b = in.requireBase();
        PTensor r = in.zeros();
        if (ops.isF32()) {
            float[][] t = new float[n][c];
            float[] acc = new float[c];
            float[] lo = new float[c];
            float[] hi = new float[c];
            float[] wf = SliceOps.floats(w);
            for (long j0 = 0; j0 < d; j0 += c) {
                int len = (int) Math.min(c, d - j0);
                ops.taskVectors(j0, len, t);
                java.util.Arrays.fill(lo, 0, len, Float.POSITIVE_INFINITY);
                java.util.Arrays.fill(hi, 0, len, Float.NEGATIVE_INFINITY);
                for (int i = 0; i < n; i++) {
                    minMax(lo, hi, t[i], len);
                }
                consensus(lo, hi, len);
                java.util.Arrays.fill(acc, 0, len, 0.0f);
                for (int i = 0; i < n; i++) {
                    accumulate(acc, wf[i], t[i], lo, len);
                }
                float[] bb = t[0]; // τ_0 is no longer needed
                ops.load(b, j0, bb, len);
                subtractScaled(bb, (float) lambda, acc, len);
                ops.store(bb, r, j0, len);
            }
        } else {
            double[][] t = new double[n][c];
            double[] acc = new double[c];
            double[] lo = new double[c];
            double[] hi = new double[c];
            for (long j0 = 0; j0 < d; j0 += c) {
                int len = (int) Math.min(c, d - j0);
                ops.taskVectors(j0, len, t);
                java.util.Arrays.fill(lo, 0, len, Double.POSITIVE_INFINITY);
                java.util.Arrays.fill(hi, 0, len, Double.NEGATIVE_INFINITY);
                for (int i = 0; i < n; i++) {
                    minMax(lo, hi, t[i], len);
                }
                consensus(lo, hi, len);
                java.util.Arrays.fill(acc, 0, len, 0.0);
                for (int i = 0; i < n; i++) {
                    accumulate(acc, w[i], t[i], lo, len);
                }
                double[] bb = t[0];
                ops.load(b, j0, bb, len);
                subtractScaled(bb, lambda, acc, len);
                ops.store(bb, r, j0, len);
            }
        }
        return StrategyResult.of(r);
    }

    private static void minMax(float[] lo, float[] hi, float[] x, int len) {
        for (int j = 0; j < len; j++) {
            lo[j] = Math.min(lo[j], x[j]);
            hi[j] = Math.max(hi[j], x[j]);
        }
    }

    /** consensus_j (into lo): every τ_ij ≥ 0 or every τ_ij ≤ 0, i.e. min and max are not of opposite signs. */
    private static void consensus(float[] lo, float[] hi, int len) {
        for (int j = 0; j < len; j++) {
            lo[j] = Masks.notOpposite(lo[j], hi[j]);
        }
    }

    /** acc_j ← acc_j + (ŵ_i · τ_ij) where consensual; elsewhere ±0.0 is added, like a skip (§2.6). */
    private static void accumulate(float[] acc, float wi, float[] x, float[] consensus, int len) {
        for (int j = 0; j < len; j++) {
            acc[j] = acc[j] + wi * (x[j] * consensus[j]);
        }
    }

    /** b_j ← b_j − (λ̂ · acc_j). */
    private static void subtractScaled(float[] b, float lam, float[] acc, int len) {
        for (int j = 0; j < len; j++) {
            b[j] = b[j] - lam * acc[j];
        }
    }

    private static void minMax(double[] lo, double[] hi, double[] x, int len) {
        for (int j = 0; j < len; j++) {
            lo[j] = Math.min(lo[j], x[j]);
            hi[j] = Math.max(hi[j], x[j]);
        }
    }

    private static void consensus(double[] lo, double[] hi, int len) {
        for (int j = 0; j < len; j++) {
            lo[j] = Masks.notOpposite(lo[j], hi[j]);
        }
    }

    private static void accumulate(double[] acc, double wi, double[] x, double[] consensus, int len) {
        for (int j = 0; j < len; j++) {
            acc[j] = acc[j] + wi * (x[j] * consensus[j]);
        }
    }

    private static void subtractScaled(double[] b, double lam, double[] acc, int len) {
        for (int j = 0; j < len; j++) {
            b[j] = b[j] - lam * acc[j];
        }
    }
}
