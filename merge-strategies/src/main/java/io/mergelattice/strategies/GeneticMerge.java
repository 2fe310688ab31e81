package io.mergelattice.strategies;

import io.mergelattice.kernels.CounterStream;
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
 * genetic_merge (strategies spec §3.19): a genetic algorithm over merge coefficients with tournament selection,
 * uniform crossover, sparse mutation and elitism, as popularised for model merging by Mergenetic (Minut et al.,
 * ACL 2025 demos, arXiv:2505.11427). Same genome, fitness (B7 sign consensus, {@link SignConsensusFitness}),
 * sampling, host search stream, output and metadata as {@link EvolutionaryMerge}; with n = 1, c* = (1.0) and no
 * random number is drawn.
 */
public final class GeneticMerge implements MergeStrategy {
    private static final StrategyInfo INFO = new StrategyInfo("genetic_merge", "Genetic merge",
            "Mergenetic: Minut et al. 2025, arXiv:2505.11427", Category.SEARCH, BaseMode.OPTIONAL, WeightMode.N_PLUS,
            "N+", Randomness.SEARCH, DeterminismClass.E,
            List.of(ParamSpec.ofInt("population_size", 2, 1000, 20, "NP, individuals per generation"),
                    ParamSpec.ofInt("generations", 1, 10000, 50, "NG, number of evaluated populations"),
                    ParamSpec.ofDouble("mutation_rate", "[0, 1]", 0.1, "probability that a gene mutates"),
                    ParamSpec.ofDouble("mutation_scale", "[0, 1e6]", 0.1, "σ of a mutation"),
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
        double rate = params.getDouble("mutation_rate");
        double scale = params.getDouble("mutation_scale");
        return SearchSupport.run(in, params, st -> wi -> wi * st.u(), st -> (pop, f) -> () -> {
            double[] p1 = pop.get(tournament(st, f));
            double[] p2 = pop.get(tournament(st, f));
            double[] child = new double[n];
            for (int i = 0; i < n; i++) {
                child[i] = st.u() < 0.5 ? p1[i] : p2[i];
            }
            for (int i = 0; i < n; i++) {
                if (st.u() < rate) { // Z is drawn only when mutating
                    child[i] = Math.max(0.0, Guards.finite(child[i] + scale * st.z(), "mutated gene"));
                }
            }
            return SearchSupport.normaliseOr(child, p1);
        });
    }

    /** a = idx(NP); twice b = idx(NP) and a ← b if f_b &gt; f_a; returns a. */
    private static int tournament(CounterStream st, double[] f) {
        int np = f.length;
        int a = st.idx(np);
        for (int k = 0; k < 2; k++) {
            int b = st.idx(np);
            if (f[b] > f[a]) {
                a = b;
            }
        }
        return a;
    }
}
