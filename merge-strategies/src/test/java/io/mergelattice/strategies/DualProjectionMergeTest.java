package io.mergelattice.strategies;

import static org.assertj.core.api.Assertions.assertThat;

import io.mergelattice.strategy.MergeOutcome;
import io.mergelattice.tensor.DType;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * dual_projection (strategies spec §3.26). Orthogonal task vectors τ_1 = (1, 0), τ_2 = (0, 2) have the diagonal
 * Gram matrix diag(1, 4): no Jacobi rotation, eigenvectors e_2 (σ = 4) then e_1.
 */
class DualProjectionMergeTest {

    private static MergeCall orthogonal() {
        return MergeCall.of("dual_projection").add(1, 1, 0).add(1, 0, 2).base(0, 0);
    }

    @Test
    void keepsTheSharedSubspaceAndDampsTheRest() throws Exception {
        // k = rint(0.5 × 2) = 1, Pm = e_2 e_2ᵀ: a_1 = ½·½ + ½·0 = ¼, a_2 = ½·½ + ½·½ = ½.
        MergeOutcome out = orthogonal().run();
        assertThat(out.values()).containsExactly(0.25, 1.0);
        assertThat(out.metadata().get("baseUsed")).isEqualTo(true);
        assertThat(out.metadata().get("coefficients")).isEqualTo(List.of(0.25, 0.5));
        assertThat(out.metadata().get("dual_projection.k")).isEqualTo(1L);
        assertThat(out.metadata().get("class")).isEqualTo("E");
    }

    @Test
    void zeroStabilityOrFullRankGivesTheWeightedTaskVectorMean() throws Exception {
        assertThat(orthogonal().param("stability_weight", 0L).run().values()).containsExactly(0.5, 1.0);
        MergeOutcome full = orthogonal().param("rank_fraction", 1.0).run();
        assertThat(full.values()).containsExactly(0.5, 1.0);
        assertThat(full.metadata().get("dual_projection.k")).isEqualTo(2L);
    }

    @Test
    void withoutABaseItIsExactlyWeightAverage() throws Exception {
        MergeOutcome dp = MergeCall.of("dual_projection").add(1, 0.1, 0.7).add(2, 0.3, -0.2).run();
        MergeOutcome wa = MergeCall.of("weight_average").add(1, 0.1, 0.7).add(2, 0.3, -0.2).run();
        assertThat(dp.values()).containsExactly(wa.values());
        assertThat(dp.metadata().get("baseUsed")).isEqualTo(false);
        assertThat(dp.metadata().get("coefficients")).isNull();
    }

    @Test
    void oneContributionGivesBasePlusItsTaskVector() throws Exception {
        MergeOutcome out = MergeCall.of("dual_projection").add(3, 0.5, -1).base(0.25, 0.25).run();
        assertThat(out.values()).containsExactly(0.5, -1.0);
        assertThat(out.metadata().get("coefficients")).isEqualTo(List.of(1.0));
        assertThat(out.metadata().get("dual_projection.k")).isEqualTo(1L);
    }

    @Test
    void rankRoundsHalfToEvenAndIsBoundedByTheElementCount() throws Exception {
        MergeCall five = MergeCall.of("dual_projection").base(0, 0, 0, 0, 0);
        for (int i = 0; i < 5; i++) {
            double[] e = new double[5];
            e[i] = i + 1;
            five.add(1, e);
        }
        assertThat(five.run().metadata().get("dual_projection.k")).isEqualTo(2L); // rint(2.5) = 2
        MergeOutcome d1 = MergeCall.of("dual_projection").add(1, 1).add(1, 2).add(1, 3).base(0)
                .param("rank_fraction", 1.0).run();
        assertThat(d1.metadata().get("dual_projection.k")).isEqualTo(1L); // rk = min(n, d) = 1
    }

    @Test
    void theBaseIsReadSoItsDtypeTakesPartInThePrecision() throws Exception {
        MergeOutcome out = orthogonal().dtype(DType.F32).baseDtype(DType.F64).run();
        assertThat(out.metadata().get("precision")).isEqualTo("F64");
    }
}
