package io.mergelattice.strategies;

import static io.mergelattice.strategies.TiesMergeTest.code;
import static org.assertj.core.api.Assertions.assertThat;

import io.mergelattice.strategy.ErrorCode;
import io.mergelattice.strategy.MergeOutcome;
import io.mergelattice.tensor.DType;
import java.util.List;
import org.junit.jupiter.api.Test;

/** emr (strategies spec §3.10): elect, mask, rescale; base 0 unless stated. */
class EmrMergeTest {

    @Test
    void electsTheLargestAgreeingMagnitudeAndRescalesByL1Ratios() throws Exception {
        // S = (1.5, 0): γ = (+, 0), u = (2, 0). Masks A (1, 0), B (1, 0); λ_A = 3 / 2, λ_B = 2 / 2;
        // s_0 = 0.5 · 1.5 + 0.5 · 1 = 1.25, r = u · s = (2.5, 0).
        for (DType t : new DType[] {DType.F32, DType.F64}) {
            MergeOutcome out = MergeCall.of("emr").dtype(t).add(1.0, 2, -1).add(1.0, 1, 1).base(0, 0).run();
            assertThat(out.values()).containsExactly(2.5, 0.0);
            assertThat(out.metadata().get("emr.rescalers")).isEqualTo(List.of(1.5, 1.0));
            MergeOutcome unified = MergeCall.of("emr").dtype(t).add(1.0, 2, -1).add(1.0, 1, 1).base(0, 0)
                    .param("output", "unified").run();
            assertThat(unified.values()).containsExactly(2.0, 0.0);
            assertThat(unified.metadata().get("emr.rescalers")).isNull();
        }
    }

    @Test
    void singleContributionReturnsBasePlusTaskVector() throws Exception {
        MergeOutcome out = MergeCall.of("emr").add(1.0, 0.5, -1, 0).base(0.25, 0.25, 0.25).run();
        assertThat(out.values()).containsExactly(0.5, -1.0, 0.0);
        assertThat(out.metadata().get("emr.rescalers")).isEqualTo(List.of(1.0));
    }

    @Test
    void aContributionThatNeverAgreesGetsRescalerZero() throws Exception {
        // S = −1: u = −3; A's 1 disagrees: λ_A = 0. λ_B = 1, s = 0.5, r = −1.5.
        MergeOutcome out = MergeCall.of("emr").add(1.0, 1).add(1.0, -3).base(0).run();
        assertThat(out.values()).containsExactly(-1.5);
        assertThat(out.metadata().get("emr.rescalers")).isEqualTo(List.of(0.0, 1.0));
    }

    @Test
    void f64MasksUseTheLiteralDoubleProduct() throws Exception {
        // τ × u = 1e−400 underflows to 0: no mask, λ = 0, so only the base remains (F32 products are exact).
        MergeOutcome out = MergeCall.of("emr").add(1.0, 1e-200).add(1.0, 1e-200).base(0).run();
        assertThat(out.values()).containsExactly(0.0);
        assertThat(out.metadata().get("emr.rescalers")).isEqualTo(List.of(0.0, 0.0));
        assertThat(MergeCall.of("emr").add(1.0, 1e-200).base(0).param("output", "unified").run().values())
                .containsExactly(1e-200);
        // τ × u = 1e320 overflows: a non-finite computed value (§2.13).
        code(() -> MergeCall.of("emr").add(1.0, 1e160).add(1.0, 1e160).base(0).run(), ErrorCode.NON_FINITE_RESULT);
    }

    @Test
    void guards() {
        code(() -> MergeCall.of("emr").add(1.0, 1).add(-0.5, 1).base(0).run(), ErrorCode.WEIGHT_NEGATIVE);
        code(() -> MergeCall.of("emr").add(1.0, 1).run(), ErrorCode.BASE_REQUIRED);
        code(() -> MergeCall.of("emr").add(1.0, 1).base(0).param("output", "Average").run(),
                ErrorCode.INVALID_PARAMETER);
    }
}
