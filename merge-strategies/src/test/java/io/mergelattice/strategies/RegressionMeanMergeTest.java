package io.mergelattice.strategies;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.mergelattice.strategy.ErrorCode;
import io.mergelattice.strategy.MergeException;
import io.mergelattice.strategy.MergeOutcome;
import io.mergelattice.tensor.DType;
import org.junit.jupiter.api.Test;

/** regression_mean (strategies spec §3.15): the gram (class S), gram_diag and proxy paths, ridge retries, checks. */
class RegressionMeanMergeTest {
    private static final long[] I2 = {2, 2};

    @Test
    void identityGramsGiveTheWeightedAverageOnTheClassSPath() throws Exception {
        MergeOutcome out = MergeCall.of("regression_mean").shape(2, 2).add(1.0, 1, 2, 3, 4).add(1.0, 5, 6, 7, 8)
                .artifact(0, "gram", I2, 1, 0, 0, 1).artifact(1, "gram", I2, 1, 0, 0, 1).run();
        assertThat(out.values()).containsExactly(3.0, 4.0, 5.0, 6.0);
        assertThat(out.metadata().get("class")).isEqualTo("S");
        assertThat(out.metadata().get("backend")).isEqualTo("scalar-v1");
        assertThat(out.metadata().get("regmean.source")).isEqualTo("gram");
        assertThat(out.metadata().get("regmean.ridge")).isEqualTo(0.0);
    }

    @Test
    void singleContributionIsReproducedUpToRounding() throws Exception {
        MergeOutcome out = MergeCall.of("regression_mean").shape(2, 2).add(1.0, 1, 0, 0.5, -2)
                .artifact(0, "gram", I2, 2, 1, 1, 2).param("reduce_non_diagonal_ratio", 1L).run();
        double[] expected = {1, 0, 0.5, -2};
        for (int j = 0; j < 4; j++) {
            assertThat(out.values()[j]).isCloseTo(expected[j], within(1e-15));
        }
    }

    @Test
    void singularSystemIsSolvedWithTheFirstWorkingRidge() throws Exception {
        // A = [[1, 1], [1, 1]] fails at f = 0 (second pivot 0); f = 1e−8 × md (md = 1) succeeds.
        MergeOutcome out = MergeCall.of("regression_mean").shape(1, 2).add(1.0, 1, 1)
                .artifact(0, "gram", I2, 1, 1, 1, 1).param("reduce_non_diagonal_ratio", 1.0).run();
        assertThat(out.metadata().get("regmean.ridge")).isEqualTo(1e-8);
        // The ridged system is ill-conditioned (second pivot 2e−8), so the solve is accurate to about 1e−8 only.
        assertThat(out.values()[0]).isCloseTo(2.0 / (2.0 + 1e-8), within(1e-7));
    }

    @Test
    void zeroGramFailsNumerically() {
        assertThatThrownBy(() -> MergeCall.of("regression_mean").shape(1, 2).add(1.0, 1, 1)
                .artifact(0, "gram", I2, 0, 0, 0, 0).run()).extracting(e -> ((MergeException) e).code())
                .isEqualTo(ErrorCode.NUMERICAL_FAILURE);
    }

    @Test
    void diagonalGramsWeighEachInputColumn() throws Exception {
        // Column 0: a = (0.5, 1.5), r = (0.5 + 4.5) / 2; column 1: Gram diagonal 0 everywhere → average 3.
        MergeOutcome out = MergeCall.of("regression_mean").shape(1, 2).add(1.0, 1, 2).add(1.0, 3, 4)
                .artifact(0, "gram_diag", new long[] {2}, 1, 0).artifact(1, "gram_diag", new long[] {2}, 3, 0).run();
        assertThat(out.values()).containsExactly(2.5, 3.0);
        assertThat(out.metadata().get("regmean.source")).isEqualTo("gram_diag");
        assertThat(out.metadata().get("class")).isEqualTo("E");
        assertThat(out.metadata().get("regmean.ridge")).isNull();
    }

    @Test
    void fullGramTakesPrecedenceOverTheDiagonal() throws Exception {
        MergeOutcome out = MergeCall.of("regression_mean").shape(1, 2).add(1.0, 1, 2).add(1.0, 3, 4)
                .artifact(0, "gram_diag", new long[] {2}, 1, 0).artifact(1, "gram_diag", new long[] {2}, 3, 0)
                .artifact(0, "gram", I2, 1, 0, 0, 1).artifact(1, "gram", I2, 1, 0, 0, 1).run();
        assertThat(out.metadata().get("regmean.source")).isEqualTo("gram");
        assertThat(out.values()).containsExactly(2.0, 3.0);
    }

    @Test
    void proxyWithoutArtifactsAndForOtherRanks() throws Exception {
        // 1-D: the (invalid) artifacts are not read; a = ŵ·θ²: (0.5, 2), (4.5, 0).
        MergeOutcome out = MergeCall.of("regression_mean").add(1.0, 1.0, 2.0).add(1.0, 3.0, 0.0)
                .artifact(0, "gram", I2, 1, 5, 0, -1).param("regularization", 0.0).run();
        assertThat(out.values()).containsExactly(2.8, 2.0);
        assertThat(out.metadata().get("regmean.source")).isEqualTo("proxy");
        assertThat(out.metadata().get("class")).isEqualTo("E");
    }

    @Test
    void artifactsAreValidated() {
        assertThatThrownBy(() -> MergeCall.of("regression_mean").shape(1, 2).add(1.0, 1, 2)
                .artifact(0, "gram", I2, 1, 0.5, 0.25, 1).run()).extracting(e -> ((MergeException) e).code())
                .isEqualTo(ErrorCode.ARTIFACT_INVALID);
        assertThatThrownBy(() -> MergeCall.of("regression_mean").shape(1, 2).add(1.0, 1, 2)
                .artifact(0, "gram", I2, -1, 0, 0, 1).run()).extracting(e -> ((MergeException) e).code())
                .isEqualTo(ErrorCode.ARTIFACT_INVALID);
        assertThatThrownBy(() -> MergeCall.of("regression_mean").shape(1, 2).add(1.0, 1, 2)
                .artifact(0, "gram_diag", new long[] {3}, 1, 1, 1).run()).extracting(e -> ((MergeException) e).code())
                .isEqualTo(ErrorCode.ARTIFACT_INVALID);
    }

    @Test
    void float32RoundsOnlyTheFinalSolution() throws Exception {
        MergeOutcome out = MergeCall.of("regression_mean").dtype(DType.F32).shape(1, 2).add(1.0, 1, 1)
                .artifact(0, "gram", I2, 1, 1, 1, 1).param("reduce_non_diagonal_ratio", 1.0).run();
        assertThat(out.metadata().get("precision")).isEqualTo("F32");
        assertThat(out.values()[0]).isEqualTo((double) (float) (2.0 / (2.0 + 1e-8)));
    }
}
