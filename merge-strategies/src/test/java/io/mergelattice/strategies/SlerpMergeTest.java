package io.mergelattice.strategies;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.mergelattice.strategy.ErrorCode;
import io.mergelattice.strategy.MergeException;
import io.mergelattice.strategy.MergeOutcome;
import io.mergelattice.tensor.DType;
import java.util.List;
import org.junit.jupiter.api.Test;

/** slerp (strategies spec §3.2): closed form, Karcher iteration, every guard and the metadata of every path. */
class SlerpMergeTest {

    @Test
    void singleContributionIsReturnedExactly() throws Exception {
        MergeOutcome out = MergeCall.of("slerp").add(3.0, 0.5, -1.0, 2.0).run();
        assertThat(out.values()).containsExactly(0.5, -1.0, 2.0);
        assertThat(out.metadata().get("coefficients")).isEqualTo(List.of(1.0));
        assertThat(out.metadata().get("slerp.iterations")).isEqualTo(0L);
        assertThat(out.metadata().get("slerp.fallback")).isEqualTo(false);
    }

    @Test
    void zeroWeightDropsTheContribution() throws Exception {
        MergeOutcome out = MergeCall.of("slerp").add(1.0, 0.5, -1.0).add(0.0, 9.0, 9.0).run();
        assertThat(out.values()).containsExactly(0.5, -1.0);
        assertThat(out.metadata().get("n")).isEqualTo(1L);
    }

    @Test
    void orthogonalPairIsTheMidpointOnTheCircle() throws Exception {
        // Ω = π/2, t = 1/2: α = (sin(π/4), sin(π/4)), ‖α‖_C = 1, M = 1, so r = (√½, √½).
        MergeOutcome out = MergeCall.of("slerp").add(1.0, 1.0, 0.0).add(1.0, 0.0, 1.0).run();
        assertThat(out.values()[0]).isCloseTo(Math.sqrt(0.5), within(1e-15));
        assertThat(out.values()[1]).isCloseTo(Math.sqrt(0.5), within(1e-15));
        assertThat(out.metadata().get("slerp.iterations")).isEqualTo(0L);
    }

    @Test
    void parallelPairUsesLinearCoefficientsAndTheMeanNorm() throws Exception {
        // Ω = 0 < 1e−6: α = (1/2, 1/2), ‖α‖_C = 1; M = 1.5; γ = (1.5 × 0.5) / N_i = (0.75, 0.375); r = (1.5, 0).
        MergeOutcome out = MergeCall.of("slerp").add(1.0, 1.0, 0.0).add(1.0, 2.0, 0.0).run();
        assertThat(out.values()).containsExactly(1.5, 0.0);
        assertThat(out.metadata().get("coefficients")).isEqualTo(List.of(0.75, 0.375));
    }

    @Test
    void antipodalPairTakesTheLinearFallback() throws Exception {
        MergeOutcome out = MergeCall.of("slerp").add(1.0, 1.0, 0.0).add(3.0, -1.0, 0.0).run();
        assertThat(out.values()).containsExactly(-0.5, 0.0);
        assertThat(out.metadata().get("slerp.fallback")).isEqualTo(true);
        assertThat(out.metadata().get("coefficients")).isEqualTo(List.of(0.25, 0.75));
    }

    @Test
    void zeroNormContributionAddsOnlyItsWeightToTheMagnitude() throws Exception {
        // M = 0.5 × 0 + 0.5 × 5 = 2.5; J = {B}; γ_B = 2.5 / 5 = 0.5.
        MergeOutcome out = MergeCall.of("slerp").add(1.0, 0.0, 0.0).add(1.0, 3.0, 4.0).run();
        assertThat(out.values()).containsExactly(1.5, 2.0);
        assertThat(out.metadata().get("coefficients")).isEqualTo(List.of(0.0, 0.5));
    }

    @Test
    void allZeroTaskVectorsGiveTheBase() throws Exception {
        MergeOutcome out = MergeCall.of("slerp").add(1.0, 0.5, 0.5).add(1.0, 0.5, 0.5).base(0.5, 0.5).run();
        assertThat(out.values()).containsExactly(0.5, 0.5);
        assertThat(out.metadata().get("coefficients")).isEqualTo(List.of(0.0, 0.0));
        assertThat(out.metadata().get("slerp.fallback")).isEqualTo(false);
    }

    @Test
    void threeOrthonormalDirectionsConvergeInOneIteration() throws Exception {
        MergeOutcome out = MergeCall.of("slerp").add(1.0, 1.0, 0.0, 0.0).add(1.0, 0.0, 1.0, 0.0)
                .add(1.0, 0.0, 0.0, 1.0).run();
        for (double v : out.values()) {
            assertThat(v).isCloseTo(1.0 / Math.sqrt(3.0), within(1e-15));
        }
        assertThat(out.metadata().get("slerp.iterations")).isEqualTo(1L);
        MergeOutcome none = MergeCall.of("slerp").add(1.0, 1.0, 0.0, 0.0).add(1.0, 0.0, 1.0, 0.0)
                .add(1.0, 0.0, 0.0, 1.0).param("max_iter", 0L).run();
        assertThat(none.metadata().get("slerp.iterations")).isEqualTo(0L);
    }

    @Test
    void cancellingDirectionsTakeTheFallbackAtTheFirstNormalisation() throws Exception {
        // x, −x, y with equal weights: v·C·v is tiny but positive only through y; x, −x and 2y cancel exactly.
        MergeOutcome out = MergeCall.of("slerp").add(1.0, 1.0, 0.0).add(1.0, -1.0, 0.0).add(2.0, 0.0, 0.0)
                .add(1.0, 0.0, 1.0).add(1.0, 0.0, -1.0).run();
        assertThat(out.metadata().get("slerp.fallback")).isEqualTo(true);
        assertThat(out.metadata().get("slerp.iterations")).isEqualTo(0L);
        assertThat(out.values()).containsExactly(0.0, 0.0);
    }

    @Test
    void float32InputsComputeInFloat32() throws Exception {
        MergeOutcome out = MergeCall.of("slerp").dtype(DType.F32).add(1.0, 1.0, 0.0).add(1.0, 0.0, 1.0).run();
        assertThat(out.metadata().get("precision")).isEqualTo("F32");
        assertThat(out.values()[0]).isEqualTo((double) (float) out.values()[0]);
    }

    @Test
    void parametersAreTyped() {
        assertThatThrownBy(() -> MergeCall.of("slerp").add(1.0, 1.0).param("max_iter", 100.0).run())
                .extracting(e -> ((MergeException) e).code()).isEqualTo(ErrorCode.INVALID_PARAMETER);
        assertThatThrownBy(() -> MergeCall.of("slerp").add(1.0, 1.0).param("tol", 0.0).run())
                .extracting(e -> ((MergeException) e).code()).isEqualTo(ErrorCode.INVALID_PARAMETER);
        assertThatThrownBy(() -> MergeCall.of("slerp").add(1.0, 1.0).param("t", 0.5).run())
                .extracting(e -> ((MergeException) e).code()).isEqualTo(ErrorCode.UNKNOWN_PARAMETER);
        assertThatThrownBy(() -> MergeCall.of("slerp").add(1.0, 1.0).add(-1.0, 2.0).run())
                .extracting(e -> ((MergeException) e).code()).isEqualTo(ErrorCode.WEIGHT_NEGATIVE);
    }
}
