package io.mergelattice.strategies;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mergelattice.strategy.ErrorCode;
import io.mergelattice.strategy.MergeException;
import io.mergelattice.strategy.MergeOutcome;
import java.util.List;
import org.junit.jupiter.api.Test;

/** star (strategies spec §3.11) on diagonal task matrices whose SVD is known by hand. */
class StarMergeTest {

    @Test
    void truncatesToEtaOfTheNuclearNormAndRescales() throws Exception {
        // τ = diag(3, 1): total 4, eta 40 → thresh 1.6, ℓ = 1, scale 4/3, so the kept value becomes 4.
        MergeOutcome out = MergeCall.of("star").shape(2, 2).add(1, 3, 0, 0, 1).base(0, 0, 0, 0).run();
        assertThat(out.values()).containsExactly(4.0, 0.0, 0.0, 0.0);
        assertThat(out.metadata().get("star.ranks")).isEqualTo(List.of(1L));
        assertThat(out.metadata().get("class")).isEqualTo("S");
        assertThat(out.metadata().get("backend")).isEqualTo("scalar-v1");
    }

    @Test
    void eta100KeepsEveryComponent() throws Exception {
        MergeOutcome out = MergeCall.of("star").shape(2, 2).add(1, 3.5, 0.5, 0.5, 1).base(0.5, 0.5, 0.5, 0)
                .param("eta", 100).run();
        assertThat(out.values()).containsExactly(3.5, 0.5, 0.5, 1.0);
        assertThat(out.metadata().get("star.ranks")).isEqualTo(List.of(2L));
    }

    @Test
    void vectorsAreNeverTruncatedAndZeroTaskVectorsStayZero() throws Exception {
        MergeOutcome out = MergeCall.of("star").add(1, 1, 2, 3).add(1, 5, 5, 5).base(5, 5, 5)
                .param("eta", 1.0).run();
        // 1-D: g = τ; acc = ½·(−4, −3, −2) + ½·0.
        assertThat(out.values()).containsExactly(3.0, 3.5, 4.0);
        assertThat(out.metadata().get("star.ranks")).isEqualTo(List.of(1L, 1L));
        MergeOutcome zero = MergeCall.of("star").shape(2, 2).add(1, 1, 2, 3, 4).base(1, 2, 3, 4).run();
        assertThat(zero.values()).containsExactly(1.0, 2.0, 3.0, 4.0);
        assertThat(zero.metadata().get("star.ranks")).isEqualTo(List.of(0L));
    }

    @Test
    void averagesTheTruncatedTaskMatricesWithNormalisedWeights() throws Exception {
        // Rank-1 task matrices are kept exactly (ℓ = 1, scale 1): r = b + ¼·τ_1 + ¾·τ_2.
        MergeOutcome out = MergeCall.of("star").shape(2, 2).add(1, 4, 0, 0, 0).add(3, 0, 0, 0, 8)
                .base(0, 0, 0, 0).run();
        assertThat(out.values()).containsExactly(1.0, 0.0, 0.0, 6.0);
        assertThat(out.metadata().get("star.ranks")).isEqualTo(List.of(1L, 1L));
    }

    @Test
    void needsABaseAndAValidEta() {
        assertThatThrownBy(() -> MergeCall.of("star").add(1, 1, 2).run()).isInstanceOf(MergeException.class)
                .extracting(e -> ((MergeException) e).code()).isEqualTo(ErrorCode.BASE_REQUIRED);
        assertThatThrownBy(() -> MergeCall.of("star").add(1, 1, 2).base(0, 0).param("eta", 0.0).run())
                .extracting(e -> ((MergeException) e).code()).isEqualTo(ErrorCode.INVALID_PARAMETER);
        assertThatThrownBy(() -> MergeCall.of("star").add(1, 1, 2).base(0, 0).param("eta", 100.5).run())
                .extracting(e -> ((MergeException) e).code()).isEqualTo(ErrorCode.INVALID_PARAMETER);
    }
}
