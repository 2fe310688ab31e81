package io.mergelattice.strategies;

import io.mergelattice.strategies.blocks.DisjointStream;
import io.mergelattice.strategies.blocks.SliceOps;
import io.mergelattice.strategies.blocks.TaskSumStream;
import io.mergelattice.strategy.AliasSpec;
import io.mergelattice.strategy.BaseMode;
import io.mergelattice.strategy.Category;
import io.mergelattice.strategy.DeterminismClass;
import io.mergelattice.strategy.MergeException;
import io.mergelattice.strategy.MergeInput;
import io.mergelattice.strategy.MergeStrategy;
import io.mergelattice.strategy.Ops;
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
        Ops kth = new Ops(in);
        long[] cnt = counts(params.getDouble("density"), params.getDouble("gamma"), in.size());
        int n = in.n();
        double[] hi = new double[n]; // drop |τ| ≥ hi (none: +∞, τ is finite)
        double[] lo = new double[n]; // drop |τ| ≤ lo (none: −1)
        long d = in.size();
        long[][] ranks = new long[n][];
        java.util.Arrays.fill(ranks, new long[] {cnt[0] > 0 ? d - cnt[0] + 1 : 1, Math.max(1, cnt[1])});
        double[][] t = kth.kthSmallestTaskMagnitudes(ranks); // all thresholds in one selection: τ never materialised
        for (int i = 0; i < n; i++) {
            hi[i] = cnt[0] > 0 ? t[i][0] : Double.POSITIVE_INFINITY; // kth↓(|τ|, n_top) = kth↑(|τ|, d − n_top + 1)
            lo[i] = cnt[1] > 0 ? t[i][1] : -1.0;
        }
        return StrategyResult.of(TaskSumStream.run(ops, w, lambda, o -> new DisjointStream.Sparsifier() {
            @Override
            public void apply(float[][] v, int len, long first) {
                for (int i = 0; i < v.length; i++) {
                    o.f32().band(v[i], (float) hi[i], (float) lo[i], len); // τ_j if lo < |τ_j| < hi, else ±0.0
                }
            }

            @Override
            public void apply(double[][] v, int len, long first) {
                for (int i = 0; i < v.length; i++) {
                    o.f64().band(v[i], hi[i], lo[i], len);
                }
            }
        }));
    }
}
