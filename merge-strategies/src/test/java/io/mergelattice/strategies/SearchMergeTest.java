package io.mergelattice.strategies;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.mergelattice.kernels.VectorKernels;
import io.mergelattice.strategy.ErrorCode;
import io.mergelattice.strategy.MergeException;
import io.mergelattice.strategy.MergeOutcome;
import io.mergelattice.tensor.DType;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * evolutionary_merge and genetic_merge (strategies spec §3.18, §3.19) with the B7 sign-consensus fitness: n = 1,
 * all-zero fitness, an earliest maximum at the prior, the fitness parameter, simplex coefficients, determinism.
 */
class SearchMergeTest {

    private static MergeCall threeWay(String id) {
        return MergeCall.of(id).shape(2, 3).add(1.0, 0.5, -1.0, 2.0, 1.5, 0.25, -0.75)
                .add(1.0, 1.0, 0.5, -0.5, 0.0, 2.0, 1.0).add(2.0, -0.25, 1.5, 1.0, 0.75, -1.25, 0.5)
                .base(0.1, 0.2, 0.3, 0.4, 0.5, 0.6);
    }

    @ParameterizedTest
    @ValueSource(strings = {"evolutionary_merge", "genetic_merge"})
    void singleContributionDrawsNothingAndReturnsIt(String id) throws Exception {
        MergeOutcome out = MergeCall.of(id).add(3.0, 0.5, -1.0).run();
        assertThat(out.values()).containsExactly(0.5, -1.0);
        assertThat(out.metadata().get("coefficients")).isEqualTo(List.of(1.0));
        assertThat(out.metadata().get("fitness")).isNull();
        assertThat(out.metadata().get("fitness.id")).isEqualTo("sign_consensus");
    }

    @ParameterizedTest
    @ValueSource(strings = {"evolutionary_merge", "genetic_merge"})
    void zeroTaskVectorsGiveThePriorWeighting(String id) throws Exception {
        MergeOutcome out = MergeCall.of(id).add(1.0, 0.5, 0.5).add(3.0, 0.5, 0.5).base(0.5, 0.5).run();
        assertThat(out.metadata().get("coefficients")).isEqualTo(List.of(0.25, 0.75));
        assertThat(out.metadata().get("fitness")).isEqualTo(0.0);
        assertThat(out.values()).containsExactly(0.5, 0.5);
    }

    @ParameterizedTest
    @ValueSource(strings = {"evolutionary_merge", "genetic_merge"})
    void theBestFitnessNeverDecreasesWithMoreGenerations(String id) throws Exception {
        // Runs with more generations share the earlier draws of the stream, and the best is carried (elitism).
        double previous = Double.NEGATIVE_INFINITY;
        for (long ng : new long[] {1, 2, 5, 20}) {
            double f = (Double) threeWay(id).param("generations", ng).run().metadata().get("fitness");
            assertThat(f).isGreaterThanOrEqualTo(previous);
            previous = f;
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"evolutionary_merge", "genetic_merge"})
    void coefficientsLieOnTheSimplexAndRunsAreReproducible(String id) throws Exception {
        MergeOutcome a = threeWay(id).run();
        MergeOutcome b = threeWay(id).run(VectorKernels.instance());
        assertThat(b.values()).isEqualTo(a.values());
        assertThat(b.metadata().asMap()).isEqualTo(a.metadata().asMap());
        @SuppressWarnings("unchecked")
        List<Double> c = (List<Double>) a.metadata().get("coefficients");
        double sum = 0.0;
        for (double v : c) {
            assertThat(v).isGreaterThanOrEqualTo(0.0);
            sum += v;
        }
        assertThat(sum).isCloseTo(1.0, within(1e-12));
        assertThat((Double) a.metadata().get("fitness")).isBetween(-1.0, 1.0);
    }

    @ParameterizedTest
    @ValueSource(strings = {"evolutionary_merge", "genetic_merge"})
    void float32RunsAreDeterministicToo(String id) throws Exception {
        MergeOutcome a = threeWay(id).dtype(DType.F32).param("generations", 5L).param("population_size", 4L).run();
        MergeOutcome b = threeWay(id).dtype(DType.F32).param("generations", 5L).param("population_size", 4L)
                .run(VectorKernels.instance());
        assertThat(a.metadata().get("precision")).isEqualTo("F32");
        assertThat(b.values()).isEqualTo(a.values());
    }

    @ParameterizedTest
    @ValueSource(strings = {"evolutionary_merge", "genetic_merge"})
    void parametersAreChecked(String id) {
        assertThatThrownBy(() -> threeWay(id).param("fitness", "unknown_fitness").run())
                .extracting(e -> ((MergeException) e).code()).isEqualTo(ErrorCode.INVALID_PARAMETER);
        assertThatThrownBy(() -> threeWay(id).param("population_size", 1L).run())
                .extracting(e -> ((MergeException) e).code()).isEqualTo(ErrorCode.INVALID_PARAMETER);
        assertThatThrownBy(() -> threeWay(id).param("generations", 0L).run())
                .extracting(e -> ((MergeException) e).code()).isEqualTo(ErrorCode.INVALID_PARAMETER);
        assertThatThrownBy(() -> threeWay(id).param("density", 0.0).run())
                .extracting(e -> ((MergeException) e).code()).isEqualTo(ErrorCode.INVALID_PARAMETER);
        assertThatThrownBy(() -> threeWay(id).param("seed", 42L).run())
                .extracting(e -> ((MergeException) e).code()).isEqualTo(ErrorCode.UNKNOWN_PARAMETER);
    }
}
