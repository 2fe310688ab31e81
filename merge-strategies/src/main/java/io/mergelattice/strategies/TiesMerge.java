package io.mergelattice.strategies;

import io.mergelattice.strategies.blocks.Disjoint;
import io.mergelattice.strategies.blocks.DisjointStream;
import io.mergelattice.strategies.blocks.SliceOps;
import io.mergelattice.strategies.blocks.Trim;
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
 * ties (strategies spec §3.5; Yadav et al., "TIES-Merging: Resolving Interference When Merging Models", NeurIPS
 * 2023, arXiv:2306.01708; mergekit {@code ties}): v_i = B1 trim(τ_i, density), E = B2 elect(v, ω, method),
 * M = B3 disjoint(v, ω, E, normalize), r = b + (λ̂ · M). Raw weights (R+) are used as ratios ω̂_i.
 *
 * <p>The thresholds kth↓(|τ_i|, k) are selected on θ_i − b directly; the trim, vote and merge then run fused per
 * chunk ({@link DisjointStream}), so τ is never materialised.
 */
public final class TiesMerge implements MergeStrategy {
    static final ParamSpec CONSENSUS = ParamSpec.ofEnum("consensus_method", List.of("sum", "count"), "sum",
            "sign election: sum of weighted values or count of signs (alias majority_sign_method)");
    static final ParamSpec NORMALIZE = ParamSpec.ofBool("normalize", true,
            "true: disjoint weighted mean of the agreeing entries; false: their weighted sum");
    static final ParamSpec LAMBDA = ParamSpec.ofDouble("lambda", "finite", 1.0, "scale of the merged task vector");

    private static final StrategyInfo INFO = new StrategyInfo("ties", "TIES-Merging",
            "Yadav et al. 2023, arXiv:2306.01708", Category.SPARSIFICATION, BaseMode.REQUIRED, WeightMode.R_PLUS,
            "R+", Randomness.NONE, DeterminismClass.E,
            List.of(ParamSpec.ofDouble("density", "(0, 1]", 0.2, "fraction of each task vector kept by the trim"),
                    CONSENSUS, NORMALIZE, LAMBDA),
            List.of(AliasSpec.majoritySignMethod()), List.of(), 1);

    @Override
    public StrategyInfo info() {
        return INFO;
    }

    @Override
    public StrategyResult merge(MergeInput in, Params params) throws MergeException {
        SliceOps ops = new SliceOps(in);
        int c = ops.chunk();
        Disjoint disjoint = DisjointStream.disjoint(ops, params, c);
        Ops kth = new Ops(in);
        long k = Trim.count(params.getDouble("density"), in.size());
        long[][] ranks = new long[in.n()][];
        java.util.Arrays.fill(ranks, new long[] {in.size() - k + 1}); // kth↓(|τ_i|, k) = kth↑(|τ_i|, d − k + 1)
        double[][] t = kth.kthSmallestTaskMagnitudes(ranks); // B1's thresholds on every τ_i, in one selection
        double[] keep = new double[in.n()];
        for (int i = 0; i < keep.length; i++) {
            keep[i] = t[i][0];
        }
        return StrategyResult.of(DisjointStream.run(ops, disjoint, keep, c, null));
    }
}
