package io.mergelattice.strategies.host;

import io.mergelattice.kernels.CounterRng;
import io.mergelattice.kernels.CounterStream;
import io.mergelattice.strategy.Guards;
import io.mergelattice.strategy.MergeContext;
import io.mergelattice.strategy.MergeException;
import io.mergelattice.strategy.MergeInput;
import io.mergelattice.strategy.Metadata;
import io.mergelattice.strategy.ParamSpec;
import io.mergelattice.strategy.Params;
import io.mergelattice.strategy.StrategyResult;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Shared steps of the coefficient searches (strategies spec §3.18, §3.19): the {@code fitness} parameter, the host
 * stream, the elitist generation loop, normalisation onto the probability simplex, the elite ranking and the output
 * step with its metadata. The strategies differ only in how an initial gene is drawn and how a generation breeds.
 */
public final class SearchSupport {
    private SearchSupport() {
    }

    /** Draws gene i of an initial individual from the prior weight w_i (before normalisation). */
    @FunctionalInterface
    public interface InitialGene {
        double draw(double wi) throws MergeException;
    }

    /** Breeds one generation: called once per generation, returns the source of its (normalised) children. */
    @FunctionalInterface
    public interface Breeding {
        Child generation(List<double[]> pop, double[] fitness) throws MergeException;
    }

    /** One normalised child of the next generation. */
    @FunctionalInterface
    public interface Child {
        double[] next() throws MergeException;
    }

    /** The best individual found and its fitness. */
    private record Best(double[] coefficients, double fitness) {
    }

    /** The {@code fitness} parameter of both searches: only the built-in sign_consensus exists. */
    public static ParamSpec fitnessParam() {
        return ParamSpec.ofEnum("fitness", List.of(SignConsensusFitness.ID), SignConsensusFitness.ID,
                "fitness function id (only the built-in sign_consensus; no fitness SPI is registered)");
    }

    /**
     * The whole search (§3.18/§3.19 steps 1–5) with the parameters {@code density}, {@code population_size} and
     * {@code generations}: with n = 1 no search runs and no random number is drawn (c* = (1.0), no {@code fitness}
     * in the metadata); otherwise B7 is precomputed, the host stream st is opened and the strategy's operators, bound
     * to st, drive {@link #evolve}.
     */
    public static StrategyResult run(MergeInput in, Params params, Function<CounterStream, InitialGene> init,
                                     Function<CounterStream, Breeding> breeding) throws MergeException {
        if (in.n() == 1) {
            return result(in, new double[] {1.0}, null);
        }
        SignConsensusFitness fit = SignConsensusFitness.precompute(in, params.getDouble("density"));
        CounterStream st = stream(in.context());
        Best best = evolve(in.normalisedWeights(), params.getInt("population_size"), params.getInt("generations"),
                fit, init.apply(st), breeding.apply(st));
        return result(in, best.coefficients(), best.fitness());
    }

    /**
     * The elitist search over {@code ng} generations of {@code np} individuals: the first individual is w, the others
     * normalise genes drawn by {@code init}; each generation is evaluated in order, the strictly best individual so
     * far is kept (the earliest maximum wins), and, except after the last generation, the next population is the
     * best followed by children from {@code breeding}.
     */
    private static Best evolve(double[] w, int np, int ng, SignConsensusFitness fit, InitialGene init,
                               Breeding breeding) throws MergeException {
        int n = w.length;
        List<double[]> pop = new ArrayList<>(np);
        pop.add(w.clone());
        for (int p = 1; p < np; p++) {
            double[] g = new double[n];
            for (int i = 0; i < n; i++) {
                g[i] = init.draw(w[i]);
            }
            pop.add(normaliseOr(g, w));
        }
        double[] best = null;
        double bestFit = Double.NEGATIVE_INFINITY;
        for (int gen = 0; gen < ng; gen++) {
            double[] f = new double[np];
            for (int p = 0; p < np; p++) {
                f[p] = fit.fitness(pop.get(p));
            }
            for (int p = 0; p < np; p++) {
                if (f[p] > bestFit) { // strict: the earliest maximum wins
                    best = pop.get(p).clone();
                    bestFit = f[p];
                }
            }
            if (gen == ng - 1) {
                break;
            }
            Child children = breeding.generation(pop, f);
            List<double[]> next = new ArrayList<>(np);
            next.add(best.clone());
            while (next.size() < np) {
                next.add(children.next());
            }
            pop = next;
        }
        return new Best(best, bestFit);
    }

    /** Step 5 and the metadata: c*, the best fitness (absent when none was evaluated, n = 1), the fitness id. */
    private static StrategyResult result(MergeInput in, double[] c, Double bestFit) throws MergeException {
        Metadata meta = new Metadata().put("coefficients", c);
        if (bestFit != null) {
            meta.put("fitness", bestFit.doubleValue());
        }
        meta.put("fitness.id", SignConsensusFitness.ID);
        return new StrategyResult(CoefficientMerge.apply(in, c, null), meta);
    }

    /** The host search stream st with key(seed, tensorName, NULL_ROOT) and counter 0 (§2.10). */
    public static CounterStream stream(MergeContext ctx) {
        return CounterRng.stream(CounterRng.key(ctx.seed().bytes(), ctx.tensorName(), CounterRng.nullRoot()));
    }

    /** g / Σseq g if Σseq g > 0, else {@code fallback} (copied). */
    public static double[] normaliseOr(double[] g, double[] fallback) throws MergeException {
        double s = 0.0;
        for (double v : g) {
            s = s + Guards.finite(v, "search gene");
        }
        Guards.finite(s, "sum of genes");
        if (!(s > 0.0)) {
            return fallback.clone();
        }
        double[] out = new double[g.length];
        for (int i = 0; i < g.length; i++) {
            out[i] = Guards.finite(g[i] / s, "normalised gene");
        }
        return out;
    }

    /** Indices sorted by f descending, ties by index ascending (f is finite). */
    public static int[] rankDescending(double[] f) {
        Integer[] idx = new Integer[f.length];
        for (int p = 0; p < idx.length; p++) {
            idx[p] = p;
        }
        java.util.Arrays.sort(idx, (x, y) -> f[x] > f[y] ? -1 : f[x] < f[y] ? 1 : Integer.compare(x, y));
        int[] out = new int[idx.length];
        for (int p = 0; p < out.length; p++) {
            out[p] = idx[p];
        }
        return out;
    }
}
