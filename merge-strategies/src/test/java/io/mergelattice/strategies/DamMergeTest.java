package io.mergelattice.strategies;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mergelattice.strategy.ErrorCode;
import io.mergelattice.strategy.MergeException;
import io.mergelattice.strategy.MergeOutcome;
import java.util.List;
import org.junit.jupiter.api.Test;

/** dam (strategies spec §3.17): per-column coefficients from artifacts or the per-group B6 proxy. */
class DamMergeTest {

    @Test
    void artifactCoefficientsSelectColumns() throws Exception {
        MergeOutcome out = MergeCall.of("dam").shape(2, 2).add(1.0, 1, 2, 3, 4).add(1.0, 10, 20, 30, 40)
                .artifact(0, "dam.coefficients", new long[] {2}, 1, 0)
                .artifact(1, "dam.coefficients", new long[] {2}, 0, 1).run();
        assertThat(out.values()).containsExactly(1.0, 20.0, 3.0, 40.0);
        assertThat(out.metadata().get("coefficients")).isEqualTo(List.of(List.of(1.0, 0.0), List.of(0.0, 1.0)));
        assertThat(out.metadata().get("dam.source")).isEqualTo("artifact");
    }

    @Test
    void aColumnWhereAllContributionsCoincideKeepsThePriorWeights() throws Exception {
        MergeOutcome out = MergeCall.of("dam").shape(2, 2).add(1.0, 1, 0, 1, 0).add(3.0, 1, 4, 1, -4)
                .add(0.0, 9, 9, 9, 9).run();
        @SuppressWarnings("unchecked")
        List<List<Double>> c = (List<List<Double>>) out.metadata().get("coefficients");
        assertThat(c).hasSize(2);
        assertThat(c.get(0)).containsExactly(0.25, 0.75);
        assertThat(c.get(1).get(0)).isNotEqualTo(0.25);
        assertThat(out.values()[0]).isEqualTo(1.0);
        assertThat(out.metadata().get("dam.source")).isEqualTo("proxy");
    }

    @Test
    void vectorsAreOneGroup() throws Exception {
        MergeOutcome out = MergeCall.of("dam").add(1.0, 1, 2).add(1.0, 3, 4).base(1, 1)
                .artifact(0, "dam.coefficients", new long[] {1}, 2)
                .artifact(1, "dam.coefficients", new long[] {1}, -1).run();
        // r = b + 2 τ_A − τ_B = (1 + 0 − 2, 1 + 2 − 3).
        assertThat(out.values()).containsExactly(-1.0, 0.0);
        assertThat(out.metadata().get("coefficients")).isEqualTo(List.of(List.of(2.0, -1.0)));
    }

    @Test
    void singleContributionIsReturned() throws Exception {
        assertThat(MergeCall.of("dam").shape(1, 2).add(5.0, 0.5, -1.0).run().values()).containsExactly(0.5, -1.0);
    }

    @Test
    void artifactMustHaveOneEntryPerColumn() {
        assertThatThrownBy(() -> MergeCall.of("dam").shape(2, 3).add(1.0, 1, 2, 3, 4, 5, 6)
                .artifact(0, "dam.coefficients", new long[] {2}, 0.5, 0.5).run())
                .extracting(e -> ((MergeException) e).code()).isEqualTo(ErrorCode.ARTIFACT_INVALID);
        assertThatThrownBy(() -> MergeCall.of("dam").add(1.0, 1, 2)
                .artifact(0, "dam.coefficients", new long[] {2}, 0.5, 0.5).run())
                .extracting(e -> ((MergeException) e).code()).isEqualTo(ErrorCode.ARTIFACT_INVALID);
    }
}
