package io.mergelattice.strategies;

import io.mergelattice.kernels.CanonicalReduction;
import io.mergelattice.kernels.Parallel;
import io.mergelattice.strategies.blocks.SliceOps;
import io.mergelattice.strategies.blocks.UnifiedVector;
import io.mergelattice.strategy.BaseMode;
import io.mergelattice.strategy.Category;
import io.mergelattice.strategy.DeterminismClass;
import io.mergelattice.strategy.Guards;
import io.mergelattice.strategy.MergeException;
import io.mergelattice.strategy.MergeInput;
import io.mergelattice.strategy.MergeStrategy;
import io.mergelattice.strategy.Metadata;
import io.mergelattice.strategy.PTensor;
import io.mergelattice.strategy.ParamSpec;
import io.mergelattice.strategy.Params;
import io.mergelattice.strategy.Randomness;
import io.mergelattice.strategy.StrategyInfo;
import io.mergelattice.strategy.StrategyResult;
import io.mergelattice.strategy.WeightMode;
import java.util.List;

/**
 * emr (strategies spec §3.10; Huang et al., "EMR-Merging: Tuning-Free High-Performance Model Merging", NeurIPS 2024,
 * arXiv:2405.17461): S = Σ_i ŵ_i · τ_i, γ = sign(S); the unified vector u_j = γ_j × (largest agreeing |τ_ij|);
 * masks m_ij = ((double) τ_ij × (double) u_j > 0); rescalers λ_i = R(|τ_i|) / R(m_i ? |u| : 0) (0 if the
 * denominator is 0); s_j = Σ_i [m_ij] ĉ_i with c_i = w_i × λ_i, in P; r = b + (u · s) ({@code output=average}) or
 * r = b + u ({@code output=unified}). Metadata {@code emr.rescalers} (average only).
 *
 * <p>Two chunked passes; τ, S and u depend only on the element, so the second pass recomputes them per chunk instead
 * of storing u. A chunk is one block of R (§2.7), so both reductions of every contribution are accumulated block by
 * block during the first pass.
 */
public final class EmrMerge implements MergeStrategy {
    private static final StrategyInfo INFO = new StrategyInfo("emr", "EMR-Merging",
            "Huang et al. 2024, arXiv:2405.17461", Category.SPARSIFICATION, BaseMode.REQUIRED, WeightMode.N_PLUS, "N+",
            Randomness.NONE, DeterminismClass.E,
            List.of(ParamSpec.ofEnum("output", List.of("average", "unified"), "average",
                    "average: weighted mean of the per-task reconstructions; unified: the elected vector")),
            List.of(), List.of(), 1);
    private static final int CHUNK = CanonicalReduction.BLOCK;

    @Override
    public StrategyInfo info() {
        return INFO;
    }

    @Override
    public StrategyResult merge(MergeInput in, Params params) throws MergeException {
        SliceOps ops = new SliceOps(in);
        boolean unified = params.getString("output").equals("unified");
        double[] wn = in.normalisedWeights();
        double[] wHat = ops.round(wn, "normalised weight");
        int n = in.n();
        long d = in.size();
        int blocks = Math.toIntExact((d + CHUNK - 1) / CHUNK);
        PTensor r = in.result(); // every block is stored by addBase or average
        double[][] num = new double[n][blocks];
        double[][] den = new double[n][blocks];
        int parts = Parallel.parts(d, CHUNK, ops.segments(r));
        blockPass(ops, parts, (ch, j0, len, blk) -> { // pass 1: S, γ, u and the block sums of both reductions
            ch.unified(j0, len, wHat, unified ? null : num, unified ? null : den, blk);
            if (unified) {
                ch.addBase(j0, len, r);
            }
        });
        if (unified) {
            return StrategyResult.of(r);
        }
        double[] lambda = new double[n];
        double[] c = new double[n];
        for (int i = 0; i < n; i++) {
            double a = Guards.finite(CanonicalReduction.tree(num[i]), "R(|τ_" + i + "|)");
            double m = Guards.finite(CanonicalReduction.tree(den[i]), "R(masked |u|) of contribution " + i);
            lambda[i] = m == 0.0 ? 0.0 : Guards.finite(a / m, "rescaler " + i);
            c[i] = ops.round(wn[i] * lambda[i], "coefficient " + i);
        }
        blockPass(ops, parts, (ch, j0, len, blk) -> { // pass 2: u again, s_j = Σ_i [m_ij] ĉ_i in P, r = b + (u · s)
            ch.unified(j0, len, wHat, null, null, blk);
            ch.average(j0, len, c, r);
        });
        return new StrategyResult(r, new Metadata().put("emr.rescalers", lambda));
    }

    /** One block of a pass (block {@code blk} = elements [j0, j0 + len)). */
    private interface Block {
        void run(UnifiedVector ch, long j0, int len, int blk) throws MergeException;
    }

    /**
     * Every block in order, split over threads ({@link Parallel}); blocks are independent (their reduction sums land
     * in their own slots and are combined by the fixed tree afterwards, §2.7), so the bits do not depend on the split.
     */
    private static void blockPass(SliceOps ops, int parts, Block block) throws MergeException {
        MergeInput in = ops.input();
        long d = in.size();
        int c = (int) Math.min(d, CHUNK);
        Parallel.<MergeException>run(d, CHUNK, parts, p -> {
            UnifiedVector ch = new UnifiedVector(parts == 1 ? ops : ops.fork(c), in.n(), c);
            return (lo, hi) -> {
                for (long j0 = lo; j0 < hi; j0 += CHUNK) {
                    block.run(ch, j0, (int) Math.min(CHUNK, hi - j0), (int) (j0 / CHUNK));
                }
            };
        });
    }
}
