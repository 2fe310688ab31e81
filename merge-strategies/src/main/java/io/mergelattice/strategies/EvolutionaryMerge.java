package io.mergelattice.strategies;

import io.mergelattice.strategies.host.SearchSupport;
import io.mergelattice.strategies.host.SignConsensusFitness;
import io.mergelattice.strategy.BaseMode;
import io.mergelattice.strategy.Category;
import io.mergelattice.strategy.DeterminismClass;
import io.mergelattice.strategy.Guards;
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
 * evolutionary_merge (strategies spec §3.18; Akiba et al., "Evolutionary Optimization of Model Merging Recipes",
 * Nature Machine Intelligence 2025, arXiv:2403.13187): a deterministic elitist evolution strategy over one
 * coefficient per contribution on the probability simplex, driven by the host search stream (§2.10) and scored by
 * the data-free sign-consensus cosine B7 ({@link SignConsensusFitness}).
 *
 * <p>The {@code fitness} parameter names the fitness function; only {@code sign_consensus} is built in and no fitness
 * SPI is registered yet, so any other value is {@code INVALID_PARAMETER}. With n = 1 no search runs and no random
 * number is drawn: c* = (1.0) and the metadata has no {@code fitness} value (none was evaluated). Metadata:
 * {@code coefficients} (c*), {@code fitness} (the best fitness), {@code fitness.id}.
 */
public final class EvolutionaryMerge implements MergeStrategy {
    private static final StrategyInfo INFO = new StrategyInfo("evolutionary_merge", "Evolutionary merge",
            "Akiba et al. 2025, arXiv:2403.13187", Category.SEARCH, BaseMode.OPTIONAL, WeightMode.N_PLUS, "N+",
            Randomness.SEARCH, DeterminismClass.E,
            List.of(ParamSpec.ofInt("population_size", 2, 1000, 20, "NP, individuals per generation"),
                    ParamSpec.ofInt("generations", 1, 10000, 50, "NG, number of evaluated populations"),
                    ParamSpec.ofDouble("init_scale", "[0, 1e6]", 0.3, "spread of the initial population"),
                    ParamSpec.ofDouble("mutation_scale", "[0, 1e6]", 0.1, "σ of the mutations"),
                    ParamSpec.ofDouble("density", "(0, 1]", 0.2, "trim of the sign-consensus task vector"),
                    SearchSupport.fitnessParam()),
            List.of(), List.of(), 1);

    @Override
    public StrategyInfo info() {
        return INFO;
    }

    @Override
    public StrategyResult merge(MergeInput in, Params params) throws MergeException {
        int n = in.n();
        double initScale = params.getDouble("init_scale");
        double mutationScale = params.getDouble("mutation_scale");
        return SearchSupport.run(in, params,
                st -> wi -> Math.max(0.0, wi + initScale * st.z()),
                st -> (pop, f) -> {
                    int[] order = SearchSupport.rankDescending(f);
                    int elite = Math.max(1, pop.size() / 2);
                    return () -> {
                        double[] parent = pop.get(order[st.idx(elite)]);
                        double[] child = new double[n];
                        for (int i = 0; i < n; i++) {
                            child[i] = Math.max(0.0,
                                    Guards.finite(parent[i] + mutationScale * st.z(), "mutated gene"));
                        }
                        return SearchSupport.normaliseOr(child, parent);
                    };
                });
    }
}
