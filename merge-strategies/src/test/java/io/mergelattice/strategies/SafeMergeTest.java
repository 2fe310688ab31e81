package io.mergelattice.strategies;

import static io.mergelattice.strategies.TiesMergeTest.code;
import static org.assertj.core.api.Assertions.assertThat;

import io.mergelattice.strategy.ErrorCode;
import io.mergelattice.tensor.DType;
import org.junit.jupiter.api.Test;

/** safe_merge (strategies spec §3.24): the most disputed positions are frozen to the base, the rest averaged. */
class SafeMergeTest {

    @Test
    void singleContributionIsReturnedUnchanged() throws Exception {
        assertThat(MergeCall.of("safe_merge").add(1.0, 0.5, -1, 2).base(9, 9, 9).run().values())
                .containsExactly(0.5, -1, 2);
    }

    @Test
    void freezesTheLargestWeightedVariance() throws Exception {
        // μ = (0, 1, 0, 1), V = (0, 1, 0, 0): k = 1 freezes position 1.
        for (DType t : new DType[] {DType.F32, DType.F64}) {
            assertThat(MergeCall.of("safe_merge").dtype(t).add(1.0, 0, 0, 0, 1).add(1.0, 0, 2, 0, 1)
                    .base(9, 9, 9, 9).param("safety_threshold", 0.25).run().values()).containsExactly(0, 9, 0, 1);
        }
    }

    @Test
    void positionsWithoutDisagreementAreNeverFrozen() throws Exception {
        // k = 4, kth↓(V, 4) = 0, but only V > 0 freezes.
        assertThat(MergeCall.of("safe_merge").add(1.0, 0, 0, 0, 1).add(1.0, 0, 2, 0, 1).base(9, 9, 9, 9)
                .param("safety_threshold", 1.0).run().values()).containsExactly(0, 9, 0, 1);
    }

    @Test
    void weightsEnterMeanAndVariance() throws Exception {
        // w = (0.25, 0.75): μ = 3 at position 0, V = 0.25 · 9 + 0.75 · 1 = 3 > 0 → frozen; position 1 agrees.
        assertThat(MergeCall.of("safe_merge").add(1.0, 0, 1).add(3.0, 4, 1).base(-1, -1).run().values())
                .containsExactly(-1, 1);
    }

    @Test
    void guards() {
        code(() -> MergeCall.of("safe_merge").add(1.0, 1).add(-1.0, 2).base(0).run(), ErrorCode.WEIGHT_NEGATIVE);
        code(() -> MergeCall.of("safe_merge").add(1.0, 1).run(), ErrorCode.BASE_REQUIRED);
        code(() -> MergeCall.of("safe_merge").dtype(DType.F32).add(1.0, 3e38).add(1.0, -3e38).base(0).run(),
                ErrorCode.NON_FINITE_RESULT);
    }
}
