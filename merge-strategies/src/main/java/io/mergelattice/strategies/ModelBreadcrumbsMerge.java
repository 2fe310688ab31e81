package io.mergelattice.strategies;

import io.mergelattice.strategies.blocks.Masks;
import io.mergelattice.strategies.blocks.SliceOps;
import io.mergelattice.strategies.blocks.TaskVectors;
import io.mergelattice.strategy.AliasSpec;
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
 * model_breadcrumbs (strategies spec §3.9; Davari &amp; Belilovsky, "Model Breadcrumbs: Scaling Multi-Task Model
 * Merging with Sparse Masks", ECCV 2024, arXiv:2312.06795; mergekit {@code breadcrumbs}): from each τ_i drop the
 * n_top largest magnitudes (outliers, fraction gamma) and the n_bot smallest so that a fraction density remains
 * (ties at either threshold are dropped together), then acc = Σ_i ω̂_i · v_i and r = b + (λ̂ · acc).
 */
public final class ModelBreadcrumbsMerge implements MergeStrategy {
    private static final StrategyInfo INFO = new StrategyInfo("model_breadcrumbs", "Model Breadcrumbs",
            "Davari & Belilovsky 2024, arXiv:2312.06795", Category.SPARSIFICATION, BaseMode.REQUIRED, WeightMode.R,
            "R", Randomness.NONE, DeterminismClass.E,
            List.of(ParamSpec.ofDouble("density", "(0, 1]", 0.9, "fraction kept (alias sparsity = 1 − density)"),
                    ParamSpec.ofDouble("gamma", "[0, 1)", 0.01, "fraction of largest magnitudes removed"),
                    TiesMerge.LAMBDA),
            List.of(AliasSpec.sparsity()), List.of(), 1);

    @Override
    public StrategyInfo info() {
        return INFO;
    }

    /** {n_top, n_bot} of step 1 for d elements. */
    static long[] counts(double density, double gamma, long d) {
        long target = (long) Math.floor(density * (double) d);
        long nTop = (long) Math.floor(gamma * (double) d);
        long nBot = d - target - nTop;
        if (nBot < 0) {
            nTop = nTop + nBot;
            nBot = 0;
        }
        return new long[] {nTop, nBot};
    }

    @Override
    public StrategyResult merge(MergeInput in, Params params) throws MergeException {
        SliceOps ops = new SliceOps(in);
        double[] w = ops.round(in.rawWeights(), "weight");
        double lambda = ops.round(params.getDouble("lambda"), "lambda");
        List<PTensor> tau = TaskVectors.of(in);
        Ops kth = new Ops(in);
        long d = in.size();
        long[] cnt = counts(params.getDouble("density"), params.getDouble("gamma"), d);
        int n = in.n();
        double[] hi = new double[n]; // drop |τ| ≥ hi (none: +∞, τ is finite)
        double[] lo = new double[n]; // drop |τ| ≤ lo (none: −1)
        for (int i = 0; i < n; i++) {
            hi[i] = cnt[0] > 0 ? kth.kthLargestMagnitude(tau.get(i), cnt[0]) : Double.POSITIVE_INFINITY;
            lo[i] = cnt[1] > 0 ? kth.kthSmallestMagnitude(tau.get(i), cnt[1]) : -1.0;
        }
        PTensor b = in.requireBase();
        PTensor r = in.zeros();
        int c = ops.chunk();
        if (ops.isF32()) {
            float[] wf = SliceOps.floats(w);
            float[] x = new float[c];
            float[] acc = new float[c];
            float lam = (float) lambda;
            for (long j0 = 0; j0 < d; j0 += c) {
                int len = (int) Math.min(c, d - j0);
                java.util.Arrays.fill(acc, 0, len, 0.0f);
                for (int i = 0; i < n; i++) {
                    ops.load(tau.get(i), j0, x, len);
                    accumulate(acc, wf[i], x, (float) hi[i], (float) lo[i], len);
                }
                ops.load(b, j0, x, len);
                finish(x, lam, acc, len);
                ops.store(x, r, j0, len);
            }
        } else {
            double[] x = new double[c];
            double[] acc = new double[c];
            for (long j0 = 0; j0 < d; j0 += c) {
                int len = (int) Math.min(c, d - j0);
                java.util.Arrays.fill(acc, 0, len, 0.0);
                for (int i = 0; i < n; i++) {
                    ops.load(tau.get(i), j0, x, len);
                    accumulate(acc, w[i], x, hi[i], lo[i], len);
                }
                ops.load(b, j0, x, len);
                finish(x, lambda, acc, len);
                ops.store(x, r, j0, len);
            }
        }
        return StrategyResult.of(r);
    }

    /** acc_j ← acc_j + (ω̂_i · v_ij), kept iff l &lt; |τ_ij| &lt; h; a dropped element adds ±0.0, like a skip. */
    private static void accumulate(float[] acc, float wi, float[] x, float h, float l, int len) {
        for (int j = 0; j < len; j++) {
            float a = Math.abs(x[j]);
            acc[j] = acc[j] + wi * (x[j] * (Masks.gt(h, a) * Masks.gt(a, l)));
        }
    }

    private static void accumulate(double[] acc, double wi, double[] x, double h, double l, int len) {
        for (int j = 0; j < len; j++) {
            double a = Math.abs(x[j]);
            acc[j] = acc[j] + wi * (x[j] * (Masks.gt(h, a) * Masks.gt(a, l)));
        }
    }

    /** b_j ← b_j + (λ̂ · acc_j). */
    private static void finish(float[] b, float lam, float[] acc, int len) {
        for (int j = 0; j < len; j++) {
            b[j] = b[j] + lam * acc[j];
        }
    }

    private static void finish(double[] b, double lam, double[] acc, int len) {
        for (int j = 0; j < len; j++) {
            b[j] = b[j] + lam * acc[j];
        }
    }
}
