package io.mergelattice.strategies;

import static io.mergelattice.strategies.TiesMergeTest.code;
import static org.assertj.core.api.Assertions.assertThat;

import io.mergelattice.strategy.ErrorCode;
import io.mergelattice.tensor.DType;
import org.junit.jupiter.api.Test;

/** negative_merge (strategies spec §3.20): sign-consensual task vectors are subtracted from the base. */
class NegativeMergeTest {

    @Test
    void singleContributionIsNegated() throws Exception {
        assertThat(MergeCall.of("negative_merge").add(1.0, 2, 1).base(1, 2).run().values()).containsExactly(0, 3);
    }

    @Test
    void onlyConsensualPositionsAreSubtracted() throws Exception {
        // τ_A = (1, 1, 0), τ_B = (2, −1, −3): positions 0 (both ≥ 0) and 2 (both ≤ 0) agree; acc = (1.5, 0, −1.5).
        for (DType t : new DType[] {DType.F32, DType.F64}) {
            assertThat(MergeCall.of("negative_merge").dtype(t).add(1.0, 1, 1, 0).add(1.0, 2, -1, -3).base(0, 0, 0)
                    .run().values()).containsExactly(-1.5, 0, 1.5);
        }
    }

    @Test
    void withoutConsensusTheResultIsTheBase() throws Exception {
        assertThat(MergeCall.of("negative_merge").add(1.0, 1, -1).add(1.0, -1, 1).base(0.5, 0.25).run().values())
                .containsExactly(0.5, 0.25);
    }

    @Test
    void scalingIsTheLambdaAlias() throws Exception {
        assertThat(MergeCall.of("negative_merge").add(1.0, 2).base(1).param("scaling", 2L).run().values())
                .containsExactly(-1.0);
        code(() -> MergeCall.of("negative_merge").add(1.0, 2).base(1).param("scaling", 2.0).param("lambda", 1.0)
                .run(), ErrorCode.DUPLICATE_PARAMETER);
        code(() -> MergeCall.of("negative_merge").add(1.0, 2).add(-1.0, 1).base(1).run(), ErrorCode.WEIGHT_NEGATIVE);
    }
}
