package io.mergelattice.strategies;

import static io.mergelattice.strategies.TiesMergeTest.code;
import static org.assertj.core.api.Assertions.assertThat;

import io.mergelattice.strategy.ErrorCode;
import org.junit.jupiter.api.Test;

/** model_breadcrumbs (strategies spec §3.9): outliers and small magnitudes removed, then task arithmetic. */
class ModelBreadcrumbsMergeTest {
    private static final double[] TAU = {1, -2, 3, -4, 5, -6, 7, -8, 9, -10};
    private static final double[] ZERO = new double[10];

    @Test
    void dropsTheLargestGammaAndTheSmallestRemainder() throws Exception {
        // d = 10: target 5, n_top 2 (|τ| ≥ 9 dropped), n_bot 3 (|τ| ≤ 3 dropped).
        assertThat(MergeCall.of("model_breadcrumbs").add(1.0, TAU).base(ZERO).param("density", 0.5)
                .param("gamma", 0.2).run().values()).containsExactly(0, 0, 0, -4, 5, -6, 7, -8, 0, 0);
    }

    @Test
    void densityOneRemovesNothing() throws Exception {
        // target 10, n_top 2, n_bot −2 → n_top 0, n_bot 0.
        assertThat(MergeCall.of("model_breadcrumbs").add(1.0, TAU).base(ZERO).param("density", 1.0)
                .param("gamma", 0.2).run().values()).containsExactly(TAU);
    }

    @Test
    void densityPlusGammaAboveOneReducesTheOutlierCount() throws Exception {
        // target 9, n_top 2, n_bot −1 → n_top 1: only the largest magnitude goes.
        assertThat(MergeCall.of("model_breadcrumbs").add(1.0, TAU).base(ZERO).param("density", 0.9)
                .param("gamma", 0.2).run().values()).containsExactly(1, -2, 3, -4, 5, -6, 7, -8, 9, 0);
    }

    @Test
    void defaultGammaRemovesNoOutlierBelowOneHundredElements() throws Exception {
        // density 0.9, gamma 0.01, d = 10: n_top 0, n_bot 1.
        assertThat(MergeCall.of("model_breadcrumbs").add(1.0, TAU).base(ZERO).run().values())
                .containsExactly(0, -2, 3, -4, 5, -6, 7, -8, 9, -10);
        assertThat(ModelBreadcrumbsMerge.counts(0.9, 0.01, 50)).containsExactly(0, 5);
    }

    @Test
    void tiesAtAThresholdAreDroppedTogether() throws Exception {
        // n_bot = 2, kth↑ = 1: all three 1s go, so fewer than the target remain.
        assertThat(MergeCall.of("model_breadcrumbs").add(1.0, 1, 1, 1, 2).base(0, 0, 0, 0).param("density", 0.5)
                .param("gamma", 0.0).run().values()).containsExactly(0, 0, 0, 2);
    }

    @Test
    void rawSignedWeightsAndTheSparsityAlias() throws Exception {
        // Nothing is dropped (sparsity 0 → density 1); acc = 2 · 3 − 1 · 1 = 5, r = 1 + 0.5 · 5.
        assertThat(MergeCall.of("model_breadcrumbs").add(2.0, 4).add(-1.0, 2).base(1).param("sparsity", 0.0)
                .param("gamma", 0.0).param("lambda", 0.5).run().values()).containsExactly(3.5);
        code(() -> MergeCall.of("model_breadcrumbs").add(1.0, 1).base(0).param("sparsity", 0.5)
                .param("density", 0.5).run(), ErrorCode.DUPLICATE_PARAMETER);
        code(() -> MergeCall.of("model_breadcrumbs").add(1.0, 1).base(0).param("gamma", 1.0).run(),
                ErrorCode.INVALID_PARAMETER);
        code(() -> MergeCall.of("model_breadcrumbs").add(1.0, 1).run(), ErrorCode.BASE_REQUIRED);
    }
}
