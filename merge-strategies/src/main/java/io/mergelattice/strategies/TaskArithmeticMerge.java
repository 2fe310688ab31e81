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
 * task_arithmetic (strategies spec §3.3; Ilharco et al. 2023): acc = Σ_i ĉ_i · τ_i with c = ω (or w if normalize),
 * r = b + (λ̂ · acc), fused into one pass by {@link Ops#taskArithmetic}.
 */
public final class TaskArithmeticMerge implements MergeStrategy {
    private static final StrategyInfo INFO = new StrategyInfo("task_arithmetic", "Task arithmetic",
            "Ilharco et al. 2023, arXiv:2212.04089", Category.TASK_VECTOR, BaseMode.REQUIRED, WeightMode.R,
            "R (N if normalize)", Randomness.NONE, DeterminismClass.E,
            List.of(ParamSpec.ofDouble("lambda", "finite", 1.0, "scale of the summed task vectors"),
                    ParamSpec.ofBool("normalize", false, "divide by the sum of the weights")),
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
        Ops ops = new Ops(in);
        double[] c = params.getBool("normalize") ? in.normalisedWeights() : in.rawWeights();
        return StrategyResult.of(ops.taskArithmetic(c, params.getDouble("lambda"), "weight"));
    }
}
