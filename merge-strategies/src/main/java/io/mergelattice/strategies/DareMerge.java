package io.mergelattice.strategies;

import io.mergelattice.strategies.blocks.Dare;
import io.mergelattice.strategies.blocks.SliceOps;
import io.mergelattice.strategies.blocks.TaskSumStream;
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
 * dare (strategies spec §3.6; Yu et al., "Language Models are Super Mario: Absorbing Abilities from Homologous
 * Models as a Free Lunch", ICML 2024, arXiv:2311.03099; mergekit {@code dare_linear}): v_i = B4 dare(τ_i, root_i,
 * density, rescale), acc = Σ_i ω̂_i · v_i, r = b + (λ̂ · acc). Raw weights (R): task-vector sum semantics.
 *
 * <p>Streams the tensor in cache-sized chunks ({@link TaskSumStream}); τ is never materialised.
 */
public final class DareMerge implements MergeStrategy {
    static final ParamSpec RESCALE = ParamSpec.ofBool("rescale", true, "divide survivors by their keep probability");

    private static final StrategyInfo INFO = new StrategyInfo("dare", "DARE (drop and rescale)",
            "Yu et al. 2024, arXiv:2311.03099", Category.SPARSIFICATION, BaseMode.REQUIRED, WeightMode.R, "R",
            Randomness.MASK, DeterminismClass.E,
            List.of(ParamSpec.ofDouble("density", "(0, 1]", 0.1, "keep probability (alias drop_rate = 1 − density)"),
                    RESCALE, TiesMerge.LAMBDA),
            List.of(AliasSpec.dropRate()), List.of(), 1);

    @Override
    public StrategyInfo info() {
        return INFO;
    }

    @Override
    public StrategyResult merge(MergeInput in, Params params) throws MergeException {
        SliceOps ops = new SliceOps(in);
        double[] w = ops.round(in.rawWeights(), "weight");
        double lambda = ops.round(params.getDouble("lambda"), "lambda");
        return StrategyResult.of(TaskSumStream.run(ops, w, lambda,
                Dare.sparsifiers(ops, params.getDouble("density"), params.getBool("rescale"))));
    }
}
