package io.mergelattice.strategies;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.mergelattice.strategy.ErrorCode;
import io.mergelattice.strategy.MergeException;
import io.mergelattice.strategy.MergeOutcome;
import io.mergelattice.tensor.DType;
import org.junit.jupiter.api.Test;

/** representation_surgery (strategies spec §3.23): moment matching of the merged vector. */
class RepresentationSurgeryMergeTest {

    @Test
    void restoresTheCollapsedVariance() throws Exception {
        // m = (1, 1, 0): μ_m = 2/3, v_m = 2/9; v̄ = 8/9, so s = 2 and y = (m − 2/3)·2 + 2/3 = (4/3, 4/3, −2/3).
        MergeOutcome out = MergeCall.of("representation_surgery").add(1, 2, 0, 0).add(1, 0, 2, 0).run();
        assertThat(out.values()).containsExactly(new double[] {4.0 / 3, 4.0 / 3, -2.0 / 3}, within(1e-15));
        assertThat(out.metadata().get("representation_surgery.corrected")).isEqualTo(true);
    }

    @Test
    void matchesTaskVectorsWhenABaseIsGiven() throws Exception {
        MergeOutcome out = MergeCall.of("representation_surgery").add(1, 3, 1, 1).add(1, 1, 3, 1).base(1, 1, 1)
                .run();
        assertThat(out.values()).containsExactly(new double[] {1 + 4.0 / 3, 1 + 4.0 / 3, 1 - 2.0 / 3},
                within(1e-15));
    }

    @Test
    void oneContributionIsReproduced() throws Exception {
        MergeOutcome out = MergeCall.of("representation_surgery").add(5, 1, 3).run();
        assertThat(out.values()).containsExactly(1.0, 3.0);
        assertThat(out.metadata().get("representation_surgery.corrected")).isEqualTo(true);
    }

    @Test
    void aConstantMergedVectorIsNotCorrected() throws Exception {
        MergeOutcome out = MergeCall.of("representation_surgery").add(1, 1, -1).add(1, -1, 1).run();
        assertThat(out.values()).containsExactly(0.0, 0.0);
        assertThat(out.metadata().get("representation_surgery.corrected")).isEqualTo(false);
    }

    @Test
    void anUnrepresentableScaleLeavesTheMergeUncorrected() throws Exception {
        // Inputs S3 of §4.1 in F32: m = (0, 2^−149), s = 2^149 overflows F32, so y = m.
        MergeOutcome f32 = MergeCall.of("representation_surgery").dtype(DType.F32).add(1, 1, 0)
                .add(1, -1, 0x1p-148).run();
        assertThat(f32.values()).containsExactly(0.0, 0x1p-149);
        assertThat(f32.metadata().get("representation_surgery.corrected")).isEqualTo(false);
        MergeOutcome f64 = MergeCall.of("representation_surgery").add(1, 1, 0).add(1, -1, 0x1p-148).run();
        assertThat(f64.metadata().get("representation_surgery.corrected")).isEqualTo(true);
    }

    @Test
    void onlyRescaleIsAccepted() {
        assertThatThrownBy(() -> MergeCall.of("representation_surgery").add(1, 1, 3)
                .param("correction_method", "center").run()).isInstanceOf(MergeException.class)
                .extracting(e -> ((MergeException) e).code()).isEqualTo(ErrorCode.INVALID_PARAMETER);
    }
}
