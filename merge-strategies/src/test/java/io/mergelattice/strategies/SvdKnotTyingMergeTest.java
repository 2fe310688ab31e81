package io.mergelattice.strategies;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.mergelattice.strategy.ErrorCode;
import io.mergelattice.strategy.MergeException;
import io.mergelattice.strategy.MergeOutcome;
import org.junit.jupiter.api.Test;

/**
 * svd_knot_tying (strategies spec §3.12). With 1-D tensors (rows = 1) X = [τ_1 | τ_2] has one component:
 * σ_0 = ‖X‖ and V = X/σ_0, so for τ_1 = (1, 0), τ_2 = (0, 1) the blocks are (1/√2, 0) and (0, 1/√2).
 */
class SvdKnotTyingMergeTest {

    private static MergeCall disjoint() {
        return MergeCall.of("svd_knot_tying").add(1, 1, 0).add(1, 0, 1).base(0, 0);
    }

    @Test
    void tiesKeepsDisjointUpdatesWhole() throws Exception {
        // Trim keeps one entry per block (k = max(1, floor(0.2 × 2)) = 1); each position has one agreeing block.
        assertThat(disjoint().run().values()).containsExactly(new double[] {1, 1}, within(1e-15));
        assertThat(disjoint().param("lambda", 0.5).run().values()).containsExactly(new double[] {0.5, 0.5},
                within(1e-15));
    }

    @Test
    void linearIsTheWeightedMeanAndAcceptsExtrapolation() throws Exception {
        assertThat(disjoint().param("merge_method", "linear").run().values())
                .containsExactly(new double[] {0.5, 0.5}, within(1e-15));
        MergeOutcome extra = MergeCall.of("svd_knot_tying").add(2, 1, 0).add(-1, 0, 1).base(0, 0)
                .param("merge_method", "linear").run();
        assertThat(extra.values()).containsExactly(new double[] {2, -1}, within(1e-15));
    }

    @Test
    void linearWithOneContributionReconstructsTheTaskMatrix() throws Exception {
        MergeOutcome out = MergeCall.of("svd_knot_tying").shape(2, 2).add(1, 1.5, 2.5, 3.5, 4.5)
                .base(0.5, 0.5, 0.5, 0.5).param("merge_method", "linear").run();
        assertThat(out.values()).containsExactly(new double[] {1.5, 2.5, 3.5, 4.5}, within(1e-14));
        assertThat(out.metadata().get("backend")).isEqualTo("scalar-v1");
    }

    @Test
    void allZeroTaskVectorsGiveTheBase() throws Exception {
        assertThat(MergeCall.of("svd_knot_tying").shape(2, 2).add(1, 1, 2, 3, 4).add(1, 1, 2, 3, 4)
                .base(1, 2, 3, 4).run().values()).containsExactly(1.0, 2.0, 3.0, 4.0);
        assertThat(MergeCall.of("svd_knot_tying").add(1, 0.25, -1).base(0.25, -1).param("lambda", 3.0).run()
                .values()).containsExactly(0.25, -1.0);
    }

    @Test
    void weightModeFollowsTheMergeMethod() {
        assertThatThrownBy(() -> MergeCall.of("svd_knot_tying").add(2, 1, 0).add(-1, 0, 1).base(0, 0).run())
                .isInstanceOf(MergeException.class).extracting(e -> ((MergeException) e).code())
                .isEqualTo(ErrorCode.WEIGHT_NEGATIVE);
        assertThatThrownBy(() -> MergeCall.of("svd_knot_tying").add(1, 1, 0).add(-1, 0, 1).base(0, 0)
                .param("merge_method", "linear").run()).extracting(e -> ((MergeException) e).code())
                .isEqualTo(ErrorCode.WEIGHTS_SUM_ZERO);
    }

    @Test
    void majoritySignMethodIsAnAliasOfConsensusMethod() throws Exception {
        assertThat(disjoint().param("majority_sign_method", "count").run().values())
                .containsExactly(new double[] {1, 1}, within(1e-15));
        assertThatThrownBy(() -> disjoint().param("majority_sign_method", "sum").run())
                .extracting(e -> ((MergeException) e).code()).isEqualTo(ErrorCode.INVALID_PARAMETER);
        assertThatThrownBy(() -> disjoint().param("majority_sign_method", "count").param("consensus_method", "sum")
                .run()).extracting(e -> ((MergeException) e).code()).isEqualTo(ErrorCode.DUPLICATE_PARAMETER);
    }

    @Test
    void tiesMergeOfBlocksByHand() {
        // Entry 0: both agree (+): (1·0.5 + 3·0.25)/(1 + 3); entry 1: sum 1·(−0.5) + 3·0.25 > 0, only block 2 agrees.
        double[] m = SvdKnotTyingMerge.tiesMerge(new double[][] {{0.5, -0.5}, {0.25, 0.25}}, new double[] {1, 3},
                1.0, false);
        assertThat(m).containsExactly(1.25 / 4, 0.25);
        // count: entry 1 has one + and one − vote → E = 0 → 0.0.
        double[] c = SvdKnotTyingMerge.tiesMerge(new double[][] {{0.5, -0.5}, {0.25, 0.25}}, new double[] {1, 3},
                1.0, true);
        assertThat(c).containsExactly(1.25 / 4, 0.0);
    }
}
