package io.mergelattice.strategies;

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
 * linear (strategies spec §3.4, mergekit's {@code linear}): with normalize=true exactly weight_average; with
 * normalize=false r = Σ_i ω̂_i · θ_i (raw weights, Σω = 0 and negative weights allowed).
 */
public final class LinearMerge implements MergeStrategy {
    private static final StrategyInfo INFO = new StrategyInfo("linear", "Linear (mergekit)",
            "mergekit linear; Wortsman et al. 2022, arXiv:2203.05482", Category.AVERAGING, BaseMode.NOT_USED,
            WeightMode.N, "N (R if normalize=false)", Randomness.NONE, DeterminismClass.E,
            List.of(ParamSpec.ofBool("normalize", true, "divide by the sum of the weights (a weighted mean)")),
            List.of(), List.of(), 1);

    @Override
    public StrategyInfo info() {
        return INFO;
    }

    @Override
    public WeightMode weightMode(Params params) {
        return params.getBool("normalize") ? WeightMode.N : WeightMode.R;
    }

    @Override
    public StrategyResult merge(MergeInput in, Params params) throws MergeException {
        if (params.getBool("normalize")) {
            return StrategyResult.of(WeightAverageMerge.average(in));
        }
        Ops ops = new Ops(in);
        return StrategyResult.of(ops.weightedSumResult(in.rawWeights(), ops.thetas(), "weight"));
    }
}
