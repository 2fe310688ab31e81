package io.mergelattice.strategies;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mergelattice.strategy.ErrorCode;
import io.mergelattice.strategy.MergeException;
import io.mergelattice.strategy.MergeOutcome;
import io.mergelattice.tensor.DType;
import org.junit.jupiter.api.Test;

/** fisher_merge (strategies spec §3.14): artifact and proxy paths, the floor and its alias, validation, overflow. */
class FisherMergeTest {

    @Test
    void proxyWeighsBySquaredMagnitudes() throws Exception {
        // F_A = (1, 4), F_B = (9, 0); a = ŵ·F: (0.5, 2), (4.5, 0); r = (0.5 + 13.5) / 5, (4 + 0) / 2.
        MergeOutcome out = MergeCall.of("fisher_merge").add(1.0, 1.0, 2.0).add(1.0, 3.0, 0.0)
                .param("fisher_floor", 0.0).run();
        assertThat(out.values()).containsExactly(2.8, 2.0);
        assertThat(out.metadata().get("fisher.source")).isEqualTo("proxy");
        assertThat(out.metadata().get("fisher.missing")).isEqualTo(2L);
    }

    @Test
    void aliasMinimalFisherWeightIsTheFloor() throws Exception {
        MergeOutcome out = MergeCall.of("fisher_merge").add(1.0, 1.0, 2.0).add(1.0, 3.0, 0.0)
                .param("minimal_fisher_weight", 0L).run();
        assertThat(out.values()).containsExactly(2.8, 2.0);
        assertThatThrownBy(() -> MergeCall.of("fisher_merge").add(1.0, 1.0).param("minimal_fisher_weight", 0.0)
                .param("fisher_floor", 0.0).run()).extracting(e -> ((MergeException) e).code())
                .isEqualTo(ErrorCode.DUPLICATE_PARAMETER);
        assertThatThrownBy(() -> MergeCall.of("fisher_merge").add(1.0, 1.0).param("minimal_fisher_weight", -1.0)
                .run()).extracting(e -> ((MergeException) e).code()).isEqualTo(ErrorCode.INVALID_PARAMETER);
    }

    @Test
    void artifactsAreUsedWhenEveryContributionHasOne() throws Exception {
        // a_A = (0.5, 0), a_B = (1.5, 0.5): r_0 = (0.5 + 4.5) / 2, r_1 = (0 + 2) / 0.5.
        MergeOutcome out = MergeCall.of("fisher_merge").add(1.0, 1.0, 2.0).add(1.0, 3.0, 4.0)
                .artifact(0, "fisher", new long[] {2}, 1.0, 0.0).artifact(1, "fisher", new long[] {2}, 3.0, 1.0)
                .param("fisher_floor", 0.0).run();
        assertThat(out.values()).containsExactly(2.5, 4.0);
        assertThat(out.metadata().get("fisher.source")).isEqualTo("artifact");
        assertThat(out.metadata().get("fisher.missing")).isNull();
    }

    @Test
    void zeroFisherEverywhereFallsBackToTheWeightedAverage() throws Exception {
        MergeOutcome out = MergeCall.of("fisher_merge").add(1.0, 1.0).add(3.0, 3.0)
                .artifact(0, "fisher", new long[] {1}, 0.0).artifact(1, "fisher", new long[] {1}, 0.0)
                .param("fisher_floor", 0.0).run();
        assertThat(out.values()).containsExactly(2.5);
    }

    @Test
    void oneMissingArtifactSwitchesEveryoneToTheProxy() throws Exception {
        MergeOutcome out = MergeCall.of("fisher_merge").add(1.0, 1.0, 2.0).add(1.0, 3.0, 0.0)
                .artifact(0, "fisher", new long[] {2}, 5.0, 5.0).param("fisher_floor", 0.0).run();
        assertThat(out.values()).containsExactly(2.8, 2.0);
        assertThat(out.metadata().get("fisher.missing")).isEqualTo(1L);
    }

    @Test
    void invalidArtifactsAreRejectedEvenWhenUnused() {
        assertThatThrownBy(() -> MergeCall.of("fisher_merge").add(1.0, 1.0, 2.0).add(1.0, 3.0, 0.0)
                .artifact(0, "fisher", new long[] {2}, 1.0, -0.5).run())
                .extracting(e -> ((MergeException) e).code()).isEqualTo(ErrorCode.ARTIFACT_INVALID);
        assertThatThrownBy(() -> MergeCall.of("fisher_merge").add(1.0, 1.0, 2.0).add(1.0, 3.0, 0.0)
                .artifact(1, "fisher", new long[] {1, 2}, 1.0, 1.0).run())
                .extracting(e -> ((MergeException) e).code()).isEqualTo(ErrorCode.ARTIFACT_INVALID);
    }

    @Test
    void aZeroWeightContributionsArtifactIsNotChecked() throws Exception {
        MergeOutcome out = MergeCall.of("fisher_merge").add(1.0, 1.0, 2.0).add(0.0, 3.0, 0.0)
                .artifact(1, "fisher", new long[] {7}, -1.0, 1, 1, 1, 1, 1, 1).run();
        assertThat(out.values()).containsExactly(1.0, 2.0);
    }

    @Test
    void squaredMagnitudeOverflowInFloat32IsNonFinite() throws Exception {
        assertThatThrownBy(() -> MergeCall.of("fisher_merge").dtype(DType.F32).add(1.0, 2e19).add(1.0, 1.0).run())
                .extracting(e -> ((MergeException) e).code()).isEqualTo(ErrorCode.NON_FINITE_RESULT);
        assertThat(MergeCall.of("fisher_merge").add(1.0, 2e19).add(1.0, 1.0).run().values()[0]).isFinite();
    }

    @Test
    void theBaseIsNeverUsed() throws Exception {
        MergeOutcome out = MergeCall.of("fisher_merge").add(1.0, 1.0, 2.0).add(1.0, 3.0, 0.0).base(100.0, 100.0)
                .param("fisher_floor", 0.0).run();
        assertThat(out.values()).containsExactly(2.8, 2.0);
    }
}
