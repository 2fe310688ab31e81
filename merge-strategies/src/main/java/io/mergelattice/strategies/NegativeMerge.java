package io.mergelattice.strategies;

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
        boolean[] consensus = new boolean[c];
        if (ops.isF32()) {
            float[][] t = new float[n][c];
            float[] acc = new float[c];
            float[] wf = SliceOps.floats(w);
            float lam = (float) lambda;
            for (long j0 = 0; j0 < d; j0 += c) {
                int len = (int) Math.min(c, d - j0);
                ops.taskVectors(j0, len, t);
                for (int j = 0; j < len; j++) {
                    boolean pos = true;
                    boolean neg = true;
                    for (int i = 0; i < n; i++) {
                        pos &= t[i][j] >= 0.0f;
                        neg &= t[i][j] <= 0.0f;
                    }
                    consensus[j] = pos || neg;
                    acc[j] = 0.0f;
                }
                for (int i = 0; i < n; i++) {
                    float[] x = t[i];
                    float wi = wf[i];
                    for (int j = 0; j < len; j++) {
                        acc[j] = consensus[j] ? acc[j] + wi * x[j] : acc[j];
                    }
                }
                float[] bb = t[0]; // τ_0 is no longer needed
                ops.load(b, j0, bb, len);
                for (int j = 0; j < len; j++) {
                    bb[j] = bb[j] - lam * acc[j];
                }
                ops.store(bb, r, j0, len);
            }
        } else {
            double[][] t = new double[n][c];
            double[] acc = new double[c];
            for (long j0 = 0; j0 < d; j0 += c) {
                int len = (int) Math.min(c, d - j0);
                ops.taskVectors(j0, len, t);
                for (int j = 0; j < len; j++) {
                    boolean pos = true;
                    boolean neg = true;
                    for (int i = 0; i < n; i++) {
                        pos &= t[i][j] >= 0.0;
                        neg &= t[i][j] <= 0.0;
                    }
                    consensus[j] = pos || neg;
                    acc[j] = 0.0;
                }
                for (int i = 0; i < n; i++) {
                    double[] x = t[i];
                    double wi = w[i];
                    for (int j = 0; j < len; j++) {
                        acc[j] = consensus[j] ? acc[j] + wi * x[j] : acc[j];
                    }
                }
                double[] bb = t[0];
                ops.load(b, j0, bb, len);
                for (int j = 0; j < len; j++) {
                    bb[j] = bb[j] - lambda * acc[j];
                }
                ops.store(bb, r, j0, len);
            }
        }
        return StrategyResult.of(r);
    }
}
