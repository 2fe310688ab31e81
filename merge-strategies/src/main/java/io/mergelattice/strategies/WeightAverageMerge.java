package io.mergelattice.strategies;

import io.mergelattice.strategy.BaseMode;
import io.mergelattice.strategy.Category;
import io.mergelattice.strategy.DeterminismClass;
import io.mergelattice.strategy.MergeException;
import io.mergelattice.strategy.MergeInput;
import io.mergelattice.strategy.MergeStrategy;
import io.mergelattice.strategy.Ops;
import io.mergelattice.strategy.Params;
import io.mergelattice.strategy.Randomness;
import io.mergelattice.strategy.StrategyInfo;
import io.mergelattice.strategy.StrategyResult;
import io.mergelattice.strategy.WeightMode;
import java.util.List;

/**
 * weight_average (strategies spec §3.1): r = Σ_i ŵ_i · θ_i, the weighted parameter average of federated averaging
 * and model soups. With n = 1, w_1 = 1.0 exactly, so r = θ_1 bit for bit.
 */
public final class WeightAverageMerge implements MergeStrategy {
    static final StrategyInfo INFO = new StrategyInfo("weight_average", "Weighted average",
            "McMahan et al. 2017, arXiv:1602.05629; Wortsman et al. 2022, arXiv:2203.05482", Category.AVERAGING,
            BaseMode.NOT_USED, WeightMode.N, "N", Randomness.NONE, DeterminismClass.E, List.of(), List.of(),
            List.of(), 1);

    @Override
    public StrategyInfo info() {
        return INFO;
    }

    @Override
    public StrategyResult merge(MergeInput in, Params params) throws MergeException {
        return StrategyResult.of(average(in));
    }

    /**
     * Σ_i ŵ_i · θ_i (shared with linear, dual_projection without a base, and others), computed in
     * {@link MergeInput#result()}. A strategy that uses it as an intermediate still returns its own tensor, which the
     * runner then copies over that memory after the strategy has finished reading it.
     */
    public static io.mergelattice.strategy.PTensor average(MergeInput in) throws MergeException {
        Ops ops = new Ops(in);
        return ops.weightedSumResult(in.normalisedWeights(), ops.thetas(), "normalised weight");
    }
}
