package io.mergelattice.strategies;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.mergelattice.strategy.ErrorCode;
import io.mergelattice.strategy.MergeException;
import io.mergelattice.strategy.MergeOutcome;
import io.mergelattice.strategy.Params;
import io.mergelattice.tensor.DType;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** weight_scope_alignment (strategies spec §3.22) with hand-computed scopes. */
class WeightScopeAlignmentMergeTest {

    @Test
    void zscoreAlignsToTheWeightedMeanScope() throws Exception {
        // (1, 3): μ 2, σ 1; (10, 30): μ 20, σ 10. Targets tm = 11, ts = 5.5; N = ½·(−1, 1) + 0.05·(−10, 10) = (−1, 1).
        MergeOutcome out = MergeCall.of("weight_scope_alignment").add(1, 1, 3).add(1, 10, 30).run();
        assertThat(out.values()).containsExactly(5.5, 16.5);
    }

    @Test
    void oneContributionIsReproduced() throws Exception {
        assertThat(MergeCall.of("weight_scope_alignment").add(2, 1, 3).run().values()).containsExactly(1.0, 3.0);
        assertThat(MergeCall.of("weight_scope_alignment").add(2, 1, 3).param("scope_method", "minmax").run()
                .values()).containsExactly(1.0, 3.0);
        assertThat(MergeCall.of("weight_scope_alignment").add(2, 3, 4).param("scope_method", "unit").run()
                .values()).containsExactly(new double[] {3, 4}, within(1e-15));
    }

    @Test
    void aConstantContributionIsSkippedButEntersTheTargets() throws Exception {
        // (5, 5) has σ = 0: tm = ½·2 + ½·5 = 3.5, ts = ½; N = ½·(−1, 1).
        MergeOutcome out = MergeCall.of("weight_scope_alignment").add(1, 1, 3).add(1, 5, 5).run();
        assertThat(out.values()).containsExactly(3.25, 3.75);
        // Every contribution constant: N = 0 and r = t̂m.
        assertThat(MergeCall.of("weight_scope_alignment").add(1, 2, 2).add(1, 4, 4).run().values())
                .containsExactly(3.0, 3.0);
    }

    @Test
    void baseTargetNeedsAndReadsTheBase() throws Exception {
        assertThatThrownBy(() -> MergeCall.of("weight_scope_alignment").add(1, 1, 3)
                .param("target_distribution", "base").run()).isInstanceOf(MergeException.class)
                .extracting(e -> ((MergeException) e).code()).isEqualTo(ErrorCode.BASE_REQUIRED);
        // Base (0, 10): μ 5, σ 5 → r = (−1, 1)·5 + 5.
        MergeOutcome out = MergeCall.of("weight_scope_alignment").add(1, 1, 3).base(0, 10)
                .param("target_distribution", "base").run();
        assertThat(out.values()).containsExactly(0.0, 10.0);
        WeightScopeAlignmentMerge s = new WeightScopeAlignmentMerge();
        Params mean = Params.validate(s.info().id(), s.info().params(), s.info().aliases(), Map.of());
        assertThat(s.readsBase(mean, Set.of())).isFalse();
        assertThat(s.requiresBase(mean)).isFalse();
    }

    @Test
    void anUnreadBaseDoesNotDecideThePrecision() throws Exception {
        MergeOutcome mean = MergeCall.of("weight_scope_alignment").dtype(DType.F32).add(1, 1, 3).base(0, 10)
                .baseDtype(DType.F64).run();
        assertThat(mean.metadata().get("precision")).isEqualTo("F32");
        MergeOutcome base = MergeCall.of("weight_scope_alignment").dtype(DType.F32).add(1, 1, 3).base(0, 10)
                .baseDtype(DType.F64).param("target_distribution", "base").run();
        assertThat(base.metadata().get("precision")).isEqualTo("F64");
    }

    @Test
    void rejectsUnknownMethods() {
        assertThatThrownBy(() -> MergeCall.of("weight_scope_alignment").add(1, 1, 3)
                .param("target_distribution", "first").run()).extracting(e -> ((MergeException) e).code())
                .isEqualTo(ErrorCode.INVALID_PARAMETER);
    }
}
