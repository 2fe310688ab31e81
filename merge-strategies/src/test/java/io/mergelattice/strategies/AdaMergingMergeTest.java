package io.mergelattice.strategies;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.mergelattice.strategy.ErrorCode;
import io.mergelattice.strategy.MergeException;
import io.mergelattice.strategy.MergeOutcome;
import java.util.List;
import org.junit.jupiter.api.Test;

/** ada_merging (strategies spec §3.16): artifact coefficients, the B6 proxy, base handling and validation. */
class AdaMergingMergeTest {

    @Test
    void coincidingContributionsKeepThePriorWeights() throws Exception {
        MergeOutcome out = MergeCall.of("ada_merging").add(1.0, 2.0, 4.0).add(3.0, 2.0, 4.0).run();
        assertThat(out.metadata().get("coefficients")).isEqualTo(List.of(0.25, 0.75));
        assertThat(out.metadata().get("ada_merging.source")).isEqualTo("proxy");
        assertThat(out.values()).containsExactly(2.0, 4.0);
    }

    @Test
    void anOutlierLosesWeight() throws Exception {
        // x = (0, 0, 3), K = diag(0, 0, 9), w = 1/3: q = 1, D = (1, 1, 4), so with η = 1 one step gives
        // c ∝ (1, 1, 1/4) / (1 + δ-terms) ≈ (4/9, 4/9, 1/9) and r ≈ 3/9.
        MergeOutcome out = MergeCall.of("ada_merging").add(1.0, 0.0).add(1.0, 0.0).add(1.0, 3.0)
                .param("steps", 1L).param("learning_rate", 1.0).run();
        @SuppressWarnings("unchecked")
        List<Double> c = (List<Double>) out.metadata().get("coefficients");
        assertThat(c.get(0)).isCloseTo(4.0 / 9.0, within(1e-5));
        assertThat(c.get(1)).isEqualTo(c.get(0));
        assertThat(c.get(2)).isCloseTo(1.0 / 9.0, within(1e-5));
        assertThat(out.values()[0]).isCloseTo(1.0 / 3.0, within(1e-5));
    }

    @Test
    void zeroStepsKeepThePriorWeights() throws Exception {
        MergeOutcome out = MergeCall.of("ada_merging").add(1.0, 0.0).add(1.0, 0.0).add(2.0, 4.0)
                .param("steps", 0L).run();
        assertThat(out.metadata().get("coefficients")).isEqualTo(List.of(0.25, 0.25, 0.5));
        assertThat(out.values()).containsExactly(2.0);
    }

    @Test
    void artifactCoefficientsAreUsedAsGivenWithTheBase() throws Exception {
        // τ_A = (2, 0), τ_B = (0, 4); r = b + 0.5 τ_A − 0.25 τ_B.
        MergeOutcome out = MergeCall.of("ada_merging").add(1.0, 3.0, 1.0).add(1.0, 1.0, 5.0).base(1.0, 1.0)
                .artifact(0, "ada_merging.coefficient", new long[] {}, 0.5)
                .artifact(1, "ada_merging.coefficient", new long[] {1}, -0.25).run();
        assertThat(out.values()).containsExactly(2.0, 0.0);
        assertThat(out.metadata().get("coefficients")).isEqualTo(List.of(0.5, -0.25));
        assertThat(out.metadata().get("ada_merging.source")).isEqualTo("artifact");
    }

    @Test
    void singleContributionIsReturned() throws Exception {
        assertThat(MergeCall.of("ada_merging").add(2.0, 0.5, -1.0).run().values()).containsExactly(0.5, -1.0);
        MergeOutcome withBase = MergeCall.of("ada_merging").add(2.0, 0.5, -1.0).base(0.25, 0.25).run();
        assertThat(withBase.values()).containsExactly(0.5, -1.0);
        assertThat(withBase.metadata().get("coefficients")).isEqualTo(List.of(1.0));
    }

    @Test
    void coefficientArtifactsNeedExactlyOneElement() {
        assertThatThrownBy(() -> MergeCall.of("ada_merging").add(1.0, 1.0).add(1.0, 2.0)
                .artifact(0, "ada_merging.coefficient", new long[] {2}, 0.5, 0.5).run())
                .extracting(e -> ((MergeException) e).code()).isEqualTo(ErrorCode.ARTIFACT_INVALID);
        assertThatThrownBy(() -> MergeCall.of("ada_merging").add(1.0, 1.0).add(1.0, 2.0)
                .artifact(0, "ada_merging.coefficient", new long[] {1, 1}, 0.5).run())
                .extracting(e -> ((MergeException) e).code()).isEqualTo(ErrorCode.ARTIFACT_INVALID);
        assertThatThrownBy(() -> MergeCall.of("ada_merging").add(1.0, 1.0).param("learning_rate", 0.0).run())
                .extracting(e -> ((MergeException) e).code()).isEqualTo(ErrorCode.INVALID_PARAMETER);
    }
}
