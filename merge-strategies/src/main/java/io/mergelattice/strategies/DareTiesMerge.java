package io.mergelattice.strategies;

import io.mergelattice.strategies.blocks.Dare;
import io.mergelattice.strategies.blocks.Disjoint;
import io.mergelattice.strategies.blocks.DisjointStream;
import io.mergelattice.strategies.blocks.SliceOps;
import io.mergelattice.strategy.AliasSpec;
import io.mergelattice.strategy.BaseMode;
import io.mergelattice.strategy.Category;
import io.mergelattice.strategy.DeterminismClass;
import io.mergelattice.strategy.MergeException;
import io.mergelattice.strategy.MergeInput;
import io.mergelattice.strategy.MergeStrategy;
import io.mergelattice.strategy.ParamSpec;
import io.mergelattice.strategy.Params;
import io.mergelattice.strategy.Randomness;
import io.mergelattice.strategy.StrategyInfo;
import io.mergelattice.strategy.StrategyResult;
import io.mergelattice.strategy.WeightMode;
import java.util.List;

/**
 * dare_ties (strategies spec §3.8; Yu et al. 2024, arXiv:2311.03099, "DARE + TIES"; mergekit {@code dare_ties}):
 * v_i = B4 dare(τ_i, root_i, density, rescale), E = B2 elect(v, ω, method), M = B3 disjoint(v, ω, E, normalize),
 * r = b + (λ̂ · M). No magnitude trim. Streams cache-sized chunks (every step is element-wise).
 */
public final class DareTiesMerge implements MergeStrategy {
    private static final StrategyInfo INFO = new StrategyInfo("dare_ties", "DARE + TIES",
            "Yu et al. 2024, arXiv:2311.03099; Yadav et al. 2023, arXiv:2306.01708", Category.SPARSIFICATION,
            BaseMode.REQUIRED, WeightMode.R_PLUS, "R+", Randomness.MASK, DeterminismClass.E,
            List.of(ParamSpec.ofDouble("density", "(0, 1]", 0.1, "keep probability (alias drop_rate = 1 − density)"),
                    TiesMerge.CONSENSUS, TiesMerge.NORMALIZE, DareMerge.RESCALE, TiesMerge.LAMBDA),
            List.of(AliasSpec.dropRate(), AliasSpec.majoritySignMethod()), List.of(), 1);

    @Override
    public StrategyInfo info() {
        return INFO;
    }

    @Override
    public StrategyResult merge(MergeInput in, Params params) throws MergeException {
        SliceOps ops = new SliceOps(in);
        int c = ops.chunk();
        Disjoint disjoint = DisjointStream.disjoint(ops, params, c);
        return StrategyResult.of(DisjointStream.run(ops, disjoint, null, c,
                Dare.sparsifiers(ops, params.getDouble("density"), params.getBool("rescale"))));
    }
}
