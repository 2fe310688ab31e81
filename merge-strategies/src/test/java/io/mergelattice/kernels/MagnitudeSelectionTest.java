package io.mergelattice.kernels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.foreign.MemorySegment;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Exact k-th selection and min-ranks on magnitudes with ties and duplicates (spec §2.8), on every backend. */
class MagnitudeSelectionTest {

    static Stream<Kernels> backends() {
        return Stream.of(ScalarKernels.instance(), VectorKernels.instance());
    }

    // |x| = 3, 3, 1, 5, 0, 0, 3 → descending 5, 3, 3, 3, 1, 0, 0
    private static final float[] X = {3.0f, -3.0f, 1.0f, -5.0f, 0.0f, -0.0f, 3.0f};
    private static final float[] DESCENDING = {5.0f, 3.0f, 3.0f, 3.0f, 1.0f, 0.0f, 0.0f};

    @ParameterizedTest
    @MethodSource("backends")
    void kthLargestAndSmallestKeepDuplicates(Kernels k) {
        MemorySegment x = MemorySegment.ofArray(X);
        for (int i = 1; i <= X.length; i++) {
            assertThat(k.f32().kthLargestMagnitude(x, X.length, i)).as("kth↓ k=%d", i).isEqualTo(DESCENDING[i - 1]);
            assertThat(k.f32().kthSmallestMagnitude(x, X.length, i)).as("kth↑ k=%d", i)
                    .isEqualTo(DESCENDING[X.length - i]);
        }
        // Invariant: magnitudes are never −0.0.
        assertThat(Float.floatToRawIntBits(k.f32().kthSmallestMagnitude(x, X.length, 1))).isZero();
        MemorySegment d = MemorySegment.ofArray(new double[] {-0.0, 2.0, -2.0, Double.MIN_VALUE, 1e308});
        assertThat(k.f64().kthLargestMagnitude(d, 5, 1)).isEqualTo(1e308);
        assertThat(k.f64().kthLargestMagnitude(d, 5, 2)).isEqualTo(2.0);
        assertThat(k.f64().kthLargestMagnitude(d, 5, 3)).isEqualTo(2.0);
        assertThat(k.f64().kthSmallestMagnitude(d, 5, 2)).isEqualTo(Double.MIN_VALUE);
        assertThat(Double.doubleToRawLongBits(k.f64().kthSmallestMagnitude(d, 5, 1))).isZero();
    }

    @ParameterizedTest
    @MethodSource("backends")
    void minRanksShareTheLowestRank(Kernels k) {
        long[] ranks = new long[X.length];
        k.f32().minRanks(MemorySegment.ofArray(ranks), MemorySegment.ofArray(X), X.length);
        assertThat(ranks).containsExactly(3, 3, 2, 6, 0, 0, 3);
        long[] r64 = new long[4];
        k.f64().minRanks(MemorySegment.ofArray(r64), MemorySegment.ofArray(new double[] {-1e-310, 1e-310, 7.0, 0.0}),
                4);
        assertThat(r64).containsExactly(1, 1, 3, 0);
    }

    @ParameterizedTest
    @MethodSource("backends")
    void topKKeepRuleKeepsAllTies(Kernels k) {
        // B1 with k = 2: kth↓ = 3, so all three 3s survive (more than k elements, §2.8).
        MemorySegment x = MemorySegment.ofArray(X);
        float t = k.f32().kthLargestMagnitude(x, X.length, 2);
        float[] out = new float[X.length];
        k.f32().thresholdKeep(MemorySegment.ofArray(out), x, t, X.length);
        assertThat(out).containsExactly(3.0f, -3.0f, 0.0f, -5.0f, 0.0f, 0.0f, 3.0f);
    }

    @Test
    void radixSelectionMatchesSortingOnPatternsAcrossDigits() {
        // Values whose magnitude patterns differ only in the low 16 bits, and across the high digit.
        float a = 1.0f;
        float[] v = {Math.nextUp(a), a, -Math.nextUp(Math.nextUp(a)), -a, 65536.0f, Float.MIN_VALUE};
        MemorySegment x = MemorySegment.ofArray(v);
        assertThat(MagnitudeSelection.kthSmallestF32(x, null, v.length, new long[] {1}, false)[0]).isEqualTo(Float.MIN_VALUE);
        assertThat(MagnitudeSelection.kthSmallestF32(x, null, v.length, new long[] {2}, false)[0]).isEqualTo(a);
        assertThat(MagnitudeSelection.kthSmallestF32(x, null, v.length, new long[] {3}, false)[0]).isEqualTo(a);
        assertThat(MagnitudeSelection.kthSmallestF32(x, null, v.length, new long[] {4}, false)[0]).isEqualTo(Math.nextUp(a));
        assertThat(MagnitudeSelection.kthSmallestF32(x, null, v.length, new long[] {5}, false)[0]).isEqualTo(Math.nextUp(Math.nextUp(a)));
        assertThat(MagnitudeSelection.kthSmallestF32(x, null, v.length, new long[] {6}, false)[0]).isEqualTo(65536.0f);
    }

    @Test
    void rejectsRanksOutOfRange() {
        MemorySegment x = MemorySegment.ofArray(X);
        assertThatThrownBy(() -> ScalarKernels.instance().f32().kthLargestMagnitude(x, X.length, 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> VectorKernels.instance().f32().kthSmallestMagnitude(x, X.length, 8))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
