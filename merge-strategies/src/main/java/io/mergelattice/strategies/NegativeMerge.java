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
        MemorySegment[] t = TaskVectors.scratch(ops, n, Math.min(d, SliceOps.CHUNK));
        PTensor b = in.requireBase();
        PTensor r = in.zeros();
        float[] wf = new float[n];
        for (int i = 0; i < n; i++) {
            wf[i] = (float) w[i];
        }
        for (long j0 = 0; j0 < d; j0 += SliceOps.CHUNK) {
            long len = Math.min(SliceOps.CHUNK, d - j0);
            TaskVectors.slice(in, ops, j0, len, t);
            MemorySegment bs = ops.slice(b, j0, len);
            MemorySegment rs = ops.slice(r, j0, len);
            if (ops.isF32()) {
                float lam = (float) lambda;
                for (long j = 0; j < len; j++) {
                    boolean pos = true;
                    boolean neg = true;
                    for (int i = 0; i < n; i++) {
                        float x = t[i].getAtIndex(F32, j);
                        pos &= x >= 0.0f;
                        neg &= x <= 0.0f;
                    }
                    float acc = 0.0f;
                    if (pos || neg) {
                        for (int i = 0; i < n; i++) {
                            acc = acc + wf[i] * t[i].getAtIndex(F32, j);
                        }
                    }
                    rs.setAtIndex(F32, j, bs.getAtIndex(F32, j) - lam * acc);
                }
            } else {
                for (long j = 0; j < len; j++) {
                    boolean pos = true;
                    boolean neg = true;
                    for (int i = 0; i < n; i++) {
                        double x = t[i].getAtIndex(F64, j);
                        pos &= x >= 0.0;
                        neg &= x <= 0.0;
                    }
                    double acc = 0.0;
                    if (pos || neg) {
                        for (int i = 0; i < n; i++) {
                            acc = acc + w[i] * t[i].getAtIndex(F64, j);
                        }
                    }
                    rs.setAtIndex(F64, j, bs.getAtIndex(F64, j) - lambda * acc);
                }
            }
        }
        return StrategyResult.of(r);
    }
}
