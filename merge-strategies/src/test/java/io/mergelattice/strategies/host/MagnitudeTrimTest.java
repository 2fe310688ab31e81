package io.mergelattice.strategies.host;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The shared top-k magnitude trim of svd_knot_tying and the B7 fitness. */
class MagnitudeTrimTest {

    @Test
    void keepsAtLeastOneAndFloorsTheDensity() {
        assertThat(MagnitudeTrim.keptCount(0.2, 4)).isEqualTo(1L); // ⌊0.8⌋ = 0 → 1
        assertThat(MagnitudeTrim.keptCount(0.5, 5)).isEqualTo(2L);
        assertThat(MagnitudeTrim.keptCount(1.0, 7)).isEqualTo(7L);
    }

    @Test
    void keepsTheLargestMagnitudesAndTiesAtTheThreshold() {
        double[][] x = {{1.0, -3.0, 2.0, 0.5}, {2.0, -2.0, 1.0, 0.0}};
        double[][] t = MagnitudeTrim.trim(x, 2);
        assertThat(t[0]).containsExactly(0.0, -3.0, 2.0, 0.0);
        assertThat(t[1]).containsExactly(2.0, -2.0, 0.0, 0.0);
        assertThat(MagnitudeTrim.trim(new double[][] {{1.0, 1.0, 1.0}}, 1)[0]).containsExactly(1.0, 1.0, 1.0);
        assertThat(x[0]).containsExactly(1.0, -3.0, 2.0, 0.5); // the input is not modified
    }
}
