package io.mergelattice.strategies.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.mergelattice.kernels.CanonicalReduction;
import io.mergelattice.strategy.ErrorCode;
import io.mergelattice.strategy.MergeException;
import org.junit.jupiter.api.Test;

/** Host blocks with hand-checkable numbers: the Cholesky solve (§2.11.4), B6 (§2.17), R over arrays (§2.7). */
class HostBlocksTest {

    @Test
    void choleskySolvesASmallSystem() throws Exception {
        // L = [[2, 0], [1, √2]]; z = (1, 0); x = (0.5, 0).
        Cholesky c = Cholesky.factor(new double[][] {{4, 2}, {2, 3}});
        assertThat(c.ridge()).isEqualTo(0.0);
        assertThat(c.solve(new double[] {2, 1})).containsExactly(0.5, 0.0);
    }

    @Test
    void choleskyRetriesWithRidgesThenFails() throws Exception {
        assertThat(Cholesky.factor(new double[][] {{1, 1}, {1, 1}}).ridge()).isEqualTo(1e-8);
        assertThatThrownBy(() -> Cholesky.factor(new double[][] {{-1}}))
                .extracting(e -> ((MergeException) e).code()).isEqualTo(ErrorCode.NUMERICAL_FAILURE);
    }

    @Test
    void robustCoefficientsStopWhenEverythingCoincides() throws Exception {
        double[] w = {0.2, 0.8};
        assertThat(RobustCoefficients.compute(new double[2][2], w, 100, 0.5, 10)).containsExactly(0.2, 0.8);
    }

    @Test
    void robustCoefficientsDownWeightTheOutlier() throws Exception {
        // K = diag(0, 0, 9), w = 1/3, m = 1, η = 1: D = (1, 1, 4), c = g / Σg ≈ (4/9, 4/9, 1/9).
        double[][] k = {{0, 0, 0}, {0, 0, 0}, {0, 0, 9}};
        double t = 1.0 / 3.0;
        double[] c = RobustCoefficients.compute(k, new double[] {t, t, t}, 1, 1.0, 1.0);
        assertThat(c[0]).isCloseTo(4.0 / 9.0, within(1e-5));
        assertThat(c[2]).isCloseTo(1.0 / 9.0, within(1e-5));
    }

    @Test
    void robustCoefficientsKeepSubnormalDistancesFinite() throws Exception {
        // Entries of K around 1e−320: δ falls back to 2^−1022 instead of underflowing to 0.
        double[][] k = {{0, 0}, {0, 1e-320}};
        double[] c = RobustCoefficients.compute(k, new double[] {0.5, 0.5}, 3, 0.5, 1.0);
        assertThat(c[0] + c[1]).isCloseTo(1.0, within(1e-15));
    }

    @Test
    void arrayReductionMatchesTheCanonicalReduction() {
        double[] x = new double[10000];
        double[] y = new double[10000];
        for (int j = 0; j < x.length; j++) {
            x[j] = Math.sin(j) * 1e3;
            y[j] = 1.0 / (j + 1);
        }
        double expected = CanonicalReduction.reduce(x.length, j -> x[(int) j] * y[(int) j]);
        assertThat(HostReduction.dot(x, y)).isEqualTo(expected);
        assertThat(HostReduction.dot(x, 1, y, 2, 5000))
                .isEqualTo(CanonicalReduction.reduce(5000, j -> x[(int) j + 1] * y[(int) j + 2]));
    }
}
