package io.mergelattice.strategies;

import static io.mergelattice.strategies.TiesMergeTest.code;
import static org.assertj.core.api.Assertions.assertThat;

import io.mergelattice.kernels.CounterRng;
import io.mergelattice.strategy.ErrorCode;
import org.junit.jupiter.api.Test;

/** split_unlearn_merge (strategies spec §3.21): the smallest mean updates (or a random mask) reset to the base. */
class SplitUnlearnMergeTest {

    @Test
    void resetsTheSmallestWeightedMagnitudes() throws Exception {
        // k = floor(0.5 × 4) = 2: |τ| = 1 and 2 are reset.
        assertThat(MergeCall.of("split_unlearn_merge").add(1.0, 1, -2, 3, -4).base(0, 0, 0, 0)
                .param("target_fraction", 0.5).run().values()).containsExactly(0, 0, 3, -4);
        // A = ŵ·|τ| over both: (1, 1.5, 2, 0.5); k = 1 resets position 3 only; m = (0, −0.5, 2, 0).
        assertThat(MergeCall.of("split_unlearn_merge").add(1.0, 1, -2, 3, 0.5).add(1.0, -1, 1, 1, -0.5)
                .base(0, 0, 0, 0).param("target_fraction", 0.25).run().values()).containsExactly(0, -0.5, 2, 0);
    }

    @Test
    void tiesAtTheThresholdAreAllReset() throws Exception {
        assertThat(MergeCall.of("split_unlearn_merge").add(1.0, 1, 1, -1, 4).base(0, 0, 0, 0)
                .param("target_fraction", 0.25).run().values()).containsExactly(0, 0, 0, 4);
    }

    @Test
    void singleContributionResetsAtLeastOnePositionAndFractionOneResetsAll() throws Exception {
        assertThat(MergeCall.of("split_unlearn_merge").add(1.0, 3, 2).base(1, 1).run().values())
                .containsExactly(3, 1);
        assertThat(MergeCall.of("split_unlearn_merge").add(1.0, 3, 2).base(1, 1).param("target_fraction", 1.0)
                .run().values()).containsExactly(1, 1);
    }

    @Test
    void randomUsesOnePositionWideMaskOnTheNullRoot() throws Exception {
        double[] theta = new double[40];
        double[] base = new double[40];
        for (int j = 0; j < 40; j++) {
            theta[j] = j - 20;
            base[j] = 0.5;
        }
        double[] r = MergeCall.of("split_unlearn_merge").add(1.0, theta).base(base).param("subspace_method", "random")
                .param("target_fraction", 0.5).run().values();
        long key = CounterRng.key(new byte[32], "layer.weight", CounterRng.nullRoot());
        for (int j = 0; j < 40; j++) {
            boolean reset = CounterRng.u(key, j) < 0.5;
            assertThat(r[j]).as("element %d", j).isEqualTo(reset ? 0.5 : 0.5 + (theta[j] - 0.5));
        }
    }

    @Test
    void guards() {
        code(() -> MergeCall.of("split_unlearn_merge").add(1.0, 1).base(0).param("subspace_method", "svd").run(),
                ErrorCode.INVALID_PARAMETER);
        code(() -> MergeCall.of("split_unlearn_merge").add(1.0, 1).base(0).param("target_fraction", 0.0).run(),
                ErrorCode.INVALID_PARAMETER);
        code(() -> MergeCall.of("split_unlearn_merge").add(1.0, 1).run(), ErrorCode.BASE_REQUIRED);
    }
}
