package io.mergelattice.strategies;

import static io.mergelattice.kernels.Layouts.F32;
import static io.mergelattice.kernels.Layouts.F64;

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
import java.lang.foreign.MemorySegment;
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
        long[] c = counts(params.getDouble("density"), params.getDouble("gamma"), d);
        int n = in.n();
        double[] hi = new double[n]; // drop |τ| ≥ hi (none: +∞, τ is finite)
        double[] lo = new double[n]; // drop |τ| ≤ lo (none: −1)
        MemorySegment[] x = new MemorySegment[n];
        for (int i = 0; i < n; i++) {
            hi[i] = c[0] > 0 ? kth.kthLargestMagnitude(tau.get(i), c[0]) : Double.POSITIVE_INFINITY;
            lo[i] = c[1] > 0 ? kth.kthSmallestMagnitude(tau.get(i), c[1]) : -1.0;
            x[i] = tau.get(i).segment();
        }
        PTensor r = in.zeros();
        MemorySegment b = in.requireBase().segment();
        MemorySegment out = r.segment();
        if (ops.isF32()) {
            float[] wf = new float[n];
            float[] hf = new float[n];
            float[] lf = new float[n];
            for (int i = 0; i < n; i++) {
                wf[i] = (float) w[i];
                hf[i] = (float) hi[i];
                lf[i] = (float) lo[i];
            }
            float lam = (float) lambda;
            for (long j = 0; j < d; j++) {
                float acc = 0.0f;
                for (int i = 0; i < n; i++) {
                    float v = x[i].getAtIndex(F32, j);
                    float a = Math.abs(v);
                    if (!(a >= hf[i] || a <= lf[i])) {
                        acc = acc + wf[i] * v; // dropped elements are +0.0: skipping them gives the same bits
                    }
                }
                out.setAtIndex(F32, j, b.getAtIndex(F32, j) + lam * acc);
            }
        } else {
            for (long j = 0; j < d; j++) {
                double acc = 0.0;
                for (int i = 0; i < n; i++) {
                    double v = x[i].getAtIndex(F64, j);
                    double a = Math.abs(v);
                    if (!(a >= hi[i] || a <= lo[i])) {
                        acc = acc + w[i] * v;
                    }
                }
                out.setAtIndex(F64, j, b.getAtIndex(F64, j) + lambda * acc);
            }
        }
        return StrategyResult.of(r);
    }
}
