package io.mergelattice.strategies;

import static io.mergelattice.strategies.DareMergeTest.random;
import static org.assertj.core.api.Assertions.assertThat;

import io.mergelattice.identity.Hash32;
import io.mergelattice.kernels.Kernels;
import io.mergelattice.kernels.ScalarKernels;
import io.mergelattice.kernels.VectorKernels;
import io.mergelattice.strategy.ContributionInput;
import io.mergelattice.strategy.MergeContext;
import io.mergelattice.strategy.MergeStrategy;
import io.mergelattice.strategy.Params;
import io.mergelattice.strategy.RawTensor;
import io.mergelattice.strategy.StrategyRegistry;
import io.mergelattice.strategy.TensorMerger;
import io.mergelattice.tensor.DType;
import java.lang.foreign.Arena;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * della (§3.7, block B5) and dare_ties (§3.8) through the identities the spec states: density 1 is TIES without the
 * trim, ε = 0 makes B5 the B4 mask of dare_ties, and the long-row path equals the whole-row path.
 */
class DellaMergeTest {
    private static final long[] SHAPE = {6, 37};

    private static double[] run(MergeStrategy s, Map<String, Object> raw, DType t, List<double[]> thetas,
            double[] weights, double[] base, Kernels k) throws Exception {
        List<ContributionInput> in = new ArrayList<>();
        for (int i = 0; i < thetas.size(); i++) {
            in.add(new ContributionInput(Hash32.of(DareMergeTest.root(i)), RawTensor.ofDoubles(t, SHAPE,
                    thetas.get(i)), weights[i], Map.of()));
        }
        Params p = StrategyRegistry.validate(s, raw);
        return new TensorMerger(k).merge(s, p, in, Optional.of(RawTensor.ofDoubles(t, SHAPE, base)),
                new MergeContext(Hash32.of(new byte[32]), "layer.weight"), Arena.ofAuto()).values();
    }

    private static double[] run(String id, Map<String, Object> raw, DType t, List<double[]> thetas,
            double[] weights, double[] base) throws Exception {
        double[] scalar = run(StrategyRegistry.require(id), raw, t, thetas, weights, base, ScalarKernels.instance());
        assertThat(run(StrategyRegistry.require(id), raw, t, thetas, weights, base, VectorKernels.instance()))
                .as("%s on both backends", id).containsExactly(scalar);
        return scalar;
    }

    private static List<double[]> thetas(SplittableRandom rnd) {
        int d = (int) (SHAPE[0] * SHAPE[1]);
        List<double[]> th = List.of(random(rnd, d), random(rnd, d), random(rnd, d));
        for (int j = 0; j < d; j += 7) {
            th.get(1)[j] = th.get(0)[j]; // equal magnitudes share a rank
        }
        return th;
    }

    @Test
    void densityOneIsTiesWithoutTheTrim() throws Exception {
        SplittableRandom rnd = new SplittableRandom(11);
        double[] w = {1.0, 2.0, 0.5};
        for (DType t : new DType[] {DType.F32, DType.F64}) {
            for (String method : new String[] {"sum", "count"}) {
                List<double[]> th = thetas(rnd);
                double[] base = random(rnd, th.getFirst().length);
                Map<String, Object> p = Map.of("density", 1.0, "consensus_method", method, "lambda", 0.9);
                double[] ties = run("ties", p, t, th, w, base);
                assertThat(run("della", p, t, th, w, base)).as("della %s %s", t, method).containsExactly(ties);
                assertThat(run("dare_ties", p, t, th, w, base)).as("dare_ties %s %s", t, method)
                        .containsExactly(ties);
            }
        }
    }

    @Test
    void zeroEpsilonMakesMagPruneTheDareMask() throws Exception {
        SplittableRandom rnd = new SplittableRandom(12);
        double[] w = {1.0, 3.0, 1.0};
        for (DType t : new DType[] {DType.F32, DType.F64}) {
            for (boolean normalize : new boolean[] {true, false}) {
                List<double[]> th = thetas(rnd);
                double[] base = random(rnd, th.getFirst().length);
                Map<String, Object> p = Map.of("density", 0.4, "normalize", normalize);
                Map<String, Object> della = new java.util.HashMap<>(p);
                della.put("epsilon", 0.0);
                assertThat(run("della", della, t, th, w, base)).as("%s normalize=%s", t, normalize)
                        .containsExactly(run("dare_ties", p, t, th, w, base));
            }
        }
    }

    @Test
    void longRowsTakeAnotherPathWithTheSameBits() throws Exception {
        SplittableRandom rnd = new SplittableRandom(13);
        double[] w = {1.0, 1.0, 2.0};
        for (DType t : new DType[] {DType.F32, DType.F64}) {
            List<double[]> th = thetas(rnd);
            double[] base = random(rnd, th.getFirst().length);
            Map<String, Object> p = Map.of("density", 0.6, "epsilon", 0.3);
            for (Kernels k : List.of(ScalarKernels.instance(), VectorKernels.instance())) {
                assertThat(run(new DellaMerge(8), p, t, th, w, base, k)).as("%s %s", t, k.id())
                        .containsExactly(run(new DellaMerge(), p, t, th, w, base, k));
            }
        }
    }

    @Test
    void aWindowStartingAtZeroNeverKeepsTheSmallestMagnitudeOfARow() throws Exception {
        SplittableRandom rnd = new SplittableRandom(14);
        List<double[]> th = List.of(random(rnd, 222));
        double[] base = new double[222];
        double[] r = run("della", Map.of("density", 0.3, "epsilon", 0.45), DType.F64, th, new double[] {1.0}, base);
        for (int a = 0; a < SHAPE[0]; a++) {
            int min = 0;
            for (int c = 1; c < SHAPE[1]; c++) {
                if (Math.abs(th.getFirst()[a * 37 + c]) < Math.abs(th.getFirst()[a * 37 + min])) {
                    min = c;
                }
            }
            assertThat(r[a * 37 + min]).as("row %d", a).isEqualTo(0.0);
        }
    }

    @Test
    void singleContributionIsTheBasePlusItsPrunedTaskVector() throws Exception {
        SplittableRandom rnd = new SplittableRandom(15);
        List<double[]> th = List.of(random(rnd, 222));
        double[] base = new double[222];
        double[] r = run("della", Map.of("rescale", false), DType.F64, th, new double[] {1.0}, base);
        int kept = 0;
        for (int j = 0; j < r.length; j++) {
            assertThat(r[j]).isIn(0.0, th.getFirst()[j]);
            kept += r[j] != 0.0 ? 1 : 0;
        }
        assertThat(kept).isBetween(111, 200); // mean keep probability 0.7
    }
}
