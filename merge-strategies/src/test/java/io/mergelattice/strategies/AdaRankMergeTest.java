package io.mergelattice.strategies;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.mergelattice.strategy.ErrorCode;
import io.mergelattice.strategy.MergeException;
import io.mergelattice.strategy.MergeOutcome;
import java.util.List;
import org.junit.jupiter.api.Test;

/** adarank (strategies spec §3.13): τ = diag(3, 1) has σ = (3, 1) and energy 10. */
class AdaRankMergeTest {

    private static MergeCall diag() {
        return MergeCall.of("adarank").shape(2, 2).add(1, 3, 0, 0, 1).base(0, 0, 0, 0);
    }

    @Test
    void autoKeepsTheLeadingEnergyFraction() throws Exception {
        MergeOutcome out = diag().run(); // 9 ≥ 0.9 × 10 → ℓ = 1, no rescaling
        assertThat(out.values()).containsExactly(3.0, 0.0, 0.0, 0.0);
        assertThat(out.metadata().get("adarank.ranks")).isEqualTo(List.of(1L));
        MergeOutcome more = diag().param("energy_threshold", 0.95).run();
        assertThat(more.values()).containsExactly(3.0, 0.0, 0.0, 1.0);
        assertThat(more.metadata().get("adarank.ranks")).isEqualTo(List.of(2L));
    }

    @Test
    void integerTargetRankIsClampedToTheComponentCount() throws Exception {
        assertThat(diag().param("target_rank", 1L).run().values()).containsExactly(3.0, 0.0, 0.0, 0.0);
        MergeOutcome all = diag().param("target_rank", 7L).run();
        assertThat(all.values()).containsExactly(3.0, 0.0, 0.0, 1.0);
        assertThat(all.metadata().get("adarank.ranks")).isEqualTo(List.of(2L));
        assertThat(diag().param("target_rank", "auto").run().metadata().get("adarank.ranks"))
                .isEqualTo(List.of(1L));
    }

    @Test
    void vectorsAndZeroTaskVectorsAreUnchanged() throws Exception {
        MergeOutcome v = MergeCall.of("adarank").add(1, 1, -2).base(0, 0).param("target_rank", 1L).run();
        assertThat(v.values()).containsExactly(1.0, -2.0);
        assertThat(v.metadata().get("adarank.ranks")).isEqualTo(List.of(1L));
        MergeOutcome z = MergeCall.of("adarank").shape(2, 2).add(2, 1, 1, 1, 1).add(2, 0, 1, 0, 1)
                .base(1, 1, 1, 1).run();
        // τ_1 = 0 stays zero (ℓ = 0); τ_2 = [[−1, 0], [−1, 0]] has rank 1 and is reproduced up to SVD rounding.
        assertThat(z.metadata().get("adarank.ranks")).isEqualTo(List.of(0L, 1L));
        assertThat(z.values()).containsExactly(new double[] {0.5, 1.0, 0.5, 1.0}, within(1e-15));
    }

    @Test
    void targetRankIsTyped() {
        for (Object bad : new Object[] {2.0, 0L, "Auto"}) {
            assertThatThrownBy(() -> diag().param("target_rank", bad).run()).isInstanceOf(MergeException.class)
                    .extracting(e -> ((MergeException) e).code()).isEqualTo(ErrorCode.INVALID_PARAMETER);
        }
        assertThatThrownBy(() -> diag().param("energy_threshold", 0.0).run())
                .extracting(e -> ((MergeException) e).code()).isEqualTo(ErrorCode.INVALID_PARAMETER);
    }
}
