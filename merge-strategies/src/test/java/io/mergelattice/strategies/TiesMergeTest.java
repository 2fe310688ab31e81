package io.mergelattice.strategies;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mergelattice.strategy.ErrorCode;
import io.mergelattice.strategy.MergeException;
import io.mergelattice.tensor.DType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** ties (strategies spec §3.5) with the blocks B1 trim, B2 elect and B3 disjoint (§2.17); base 0 unless stated. */
class TiesMergeTest {

    @Test
    void identicalTaskVectorsMergeToThemselves() throws Exception {
        // The reference implementation gave 2.5 for the 5; the disjoint mean divides by the agreeing weights.
        assertThat(MergeCall.of("ties").add(1.0, 5, 4, 3, 2, 1).add(1.0, 5, 4, 3, 2, 1).base(0, 0, 0, 0, 0)
                .param("density", 1.0).run().values()).containsExactly(5, 4, 3, 2, 1);
        // Default density 0.2 of d = 5 keeps k = 1 element per task vector.
        assertThat(MergeCall.of("ties").add(1.0, 5, 4, 3, 2, 1).add(1.0, 5, 4, 3, 2, 1).base(0, 0, 0, 0, 0)
                .run().values()).containsExactly(5, 0, 0, 0, 0);
    }

    @Test
    void trimKeepsEveryTieAtTheThreshold() throws Exception {
        // k = floor(0.25 × 4) = 1, kth↓ = 1: both ±1 are kept (§2.8).
        assertThat(MergeCall.of("ties").add(1.0, 1, -1, 0.5, 0.25).base(0, 0, 0, 0).param("density", 0.25).run()
                .values()).containsExactly(1, -1, 0, 0);
    }

    @Test
    void aTiedVoteKeepsTheBase() throws Exception {
        assertThat(MergeCall.of("ties").add(1.0, 1.5).add(1.0, -0.5).base(0.5).param("density", 1.0).run()
                .values()).containsExactly(0.5);
    }

    @Test
    void sumAndCountElectDifferently() throws Exception {
        // S = 3 − 1 − 1 = 1 > 0 elects +, C = 1 − 2 = −1 elects −.
        assertThat(three().run().values()).containsExactly(3.0);
        assertThat(three().param("consensus_method", "count").run().values()).containsExactly(-1.0);
        assertThat(three().param("majority_sign_method", "magnitude").run().values()).containsExactly(3.0);
        assertThat(three().param("majority_sign_method", "count").run().values()).containsExactly(-1.0);
    }

    private static MergeCall three() {
        return MergeCall.of("ties").add(1.0, 3).add(1.0, -1).add(1.0, -1).base(0).param("density", 1.0);
    }

    @Test
    void rawWeightsAreRatiosAndNormalizeFalseSums() throws Exception {
        assertThat(MergeCall.of("ties").add(1.0, 4).add(3.0, 8).base(0).param("density", 1.0).run().values())
                .containsExactly(7.0); // (1·4 + 3·8) / (1 + 3)
        assertThat(MergeCall.of("ties").add(1.0, 4).add(3.0, 8).base(0).param("density", 1.0)
                .param("normalize", false).param("lambda", 0.5).run().values()).containsExactly(14.0);
    }

    @Test
    void singleContributionWithWeightThreeChangesTheLastBit() throws Exception {
        // §2.14: (3 · 0.1) / 3 = 0.10000000000000002 when ω̂ is not a power of two.
        assertThat(MergeCall.of("ties").add(3.0, 0.1).base(0).param("density", 1.0).run().values())
                .containsExactly(0.10000000000000002);
        assertThat(MergeCall.of("ties").add(2.0, 0.1).base(0).param("density", 1.0).run().values())
                .containsExactly(0.1);
    }

    @Test
    void zeroWeightContributionsAreIgnored() throws Exception {
        assertThat(MergeCall.of("ties").add(1.0, 4).add(0.0, -100).base(0).param("density", 1.0).run().values())
                .containsExactly(4.0);
    }

    @Test
    void guards() {
        code(() -> MergeCall.of("ties").add(1.0, 1).add(-1.0, 2).base(0).run(), ErrorCode.WEIGHT_NEGATIVE);
        code(() -> MergeCall.of("ties").add(1.0, 1).run(), ErrorCode.BASE_REQUIRED);
        // τ = 3e38 − (−3e38) overflows F32 even though the trim would keep it anyway (§2.13).
        code(() -> MergeCall.of("ties").dtype(DType.F32).add(1.0, 3e38, 1).base(-3e38, 0).run(),
                ErrorCode.NON_FINITE_RESULT);
        code(() -> MergeCall.of("ties").dtype(DType.F32).add(1.0, 1).base(0).param("lambda", 1e39).run(),
                ErrorCode.NON_FINITE_RESULT);
        // The weighted vote 2 · 3e38 overflows F32; count never forms it.
        code(() -> MergeCall.of("ties").dtype(DType.F32).add(2.0, 3e38).add(1.0, -1).add(1.0, -1).base(0)
                .param("density", 1.0).run(), ErrorCode.NON_FINITE_RESULT);
    }

    @Test
    void countVoteSkipsTheProductOfADisagreeingHugeEntry() throws Exception {
        assertThat(MergeCall.of("ties").dtype(DType.F32).add(2.0, 3e38).add(1.0, -1).add(1.0, -1).base(0)
                .param("density", 1.0).param("consensus_method", "count").run().values()).containsExactly(-1.0);
    }

    @Test
    void parameters() {
        code(() -> MergeCall.of("ties").add(1.0, 1).base(0).param("majority_sign_method", "sum").run(),
                ErrorCode.INVALID_PARAMETER);
        code(() -> MergeCall.of("ties").add(1.0, 1).base(0).param("majority_sign_method", "count")
                .param("consensus_method", "sum").run(), ErrorCode.DUPLICATE_PARAMETER);
        code(() -> MergeCall.of("ties").add(1.0, 1).base(0).param("density", 0.0).run(),
                ErrorCode.INVALID_PARAMETER);
        code(() -> MergeCall.of("ties").add(1.0, 1).base(0).param("drop_rate", 0.5).run(),
                ErrorCode.UNKNOWN_PARAMETER);
    }

    static void code(Executable call, ErrorCode expected) {
        assertThatThrownBy(call::execute).isInstanceOf(MergeException.class)
                .extracting(e -> ((MergeException) e).code()).isEqualTo(expected);
    }
}
