package io.mergelattice.kernels;

import static io.mergelattice.kernels.TestData.assertSameBits;
import static org.assertj.core.api.Assertions.assertThat;

import io.mergelattice.kernels.TestData.Memory;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Differential tests for the canonical reductions R (spec §2.7), exact selection and min-ranks (§2.8): the vector
 * backend (interleaved block accumulators, radix select, radix-sorted ranks) against the oracle (sequential blocks,
 * sorted copies), bit for bit.
 */
class ScalarVsVectorReductionsTest {

    private static final Kernels SCALAR = ScalarKernels.instance();
    private static Kernels vector;

    @BeforeAll
    static void vectorBackendIsReallyActive() {
        vector = TestData.activeVectorKernels();
    }

    static Stream<Arguments> reductionCases() {
        return IntStream.concat(TestData.awkward(), IntStream.of(TestData.REDUCTION_EXTRA)).boxed()
                .flatMap(n -> Stream.of(Memory.values()).map(m -> Arguments.of(n, m)));
    }

    static Stream<Arguments> selectionCases() {
        return TestData.awkward().boxed().flatMap(n -> Stream.of(Memory.values()).map(m -> Arguments.of(n, m)));
    }

    @ParameterizedTest(name = "n={0} {1}")
    @MethodSource("reductionCases")
    void reductionsF32(int n, Memory memory) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment x = memory.floats(arena, TestData.nastyFloats(5, n));
            MemorySegment y = memory.floats(arena, TestData.nastyFloats(6, n));
            String at = " F32 n=" + n + " " + memory;
            FloatKernels s = SCALAR.f32();
            FloatKernels v = vector.f32();
            assertSameBits("sum" + at, s.sum(x, n), v.sum(x, n));
            assertSameBits("dot" + at, s.dot(x, y, n), v.dot(x, y, n));
            assertSameBits("sumSquares" + at, s.sumSquares(x, n), v.sumSquares(x, n));
            assertSameBits("norm" + at, s.norm(x, n), v.norm(x, n));
            assertSameBits("sumSquaredDeviations" + at, s.sumSquaredDeviations(x, 0.375, n),
                    v.sumSquaredDeviations(x, 0.375, n));
            if (n > 0) {
                assertSameBits("mean" + at, s.mean(x, n), v.mean(x, n));
                assertSameBits("variance" + at, s.variance(x, n), v.variance(x, n));
            }
        }
    }

    @ParameterizedTest(name = "n={0} {1}")
    @MethodSource("reductionCases")
    void reductionsF64(int n, Memory memory) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment x = memory.doubles(arena, TestData.nastyDoubles(5, n));
            MemorySegment y = memory.doubles(arena, TestData.nastyDoubles(6, n));
            String at = " F64 n=" + n + " " + memory;
            DoubleKernels s = SCALAR.f64();
            DoubleKernels v = vector.f64();
            assertSameBits("sum" + at, s.sum(x, n), v.sum(x, n));
            assertSameBits("dot" + at, s.dot(x, y, n), v.dot(x, y, n));
            assertSameBits("sumSquares" + at, s.sumSquares(x, n), v.sumSquares(x, n));
            assertSameBits("norm" + at, s.norm(x, n), v.norm(x, n));
            assertSameBits("sumSquaredDeviations" + at, s.sumSquaredDeviations(x, -1.5e-3, n),
                    v.sumSquaredDeviations(x, -1.5e-3, n));
            if (n > 0) {
                assertSameBits("mean" + at, s.mean(x, n), v.mean(x, n));
                assertSameBits("variance" + at, s.variance(x, n), v.variance(x, n));
            }
        }
    }

    @ParameterizedTest(name = "n={0} {1}")
    @MethodSource("selectionCases")
    void selectionAndRanksF32(int n, Memory memory) {
        for (float[] values : new float[][] {TestData.nastyFloats(7, n), duplicatesF32(n)}) {
            try (Arena arena = Arena.ofConfined()) {
                MemorySegment x = memory.floats(arena, values);
                float[] a = finite(values);
                float[] b = new float[n];
                for (int j = 0; j < n; j++) { // θ − b with cancellations, equal differences and exact zeros
                    b[j] = j % 3 == 0 ? a[j] : a[(j + 1) % n] / 2;
                }
                MemorySegment fa = memory.floats(arena, a);
                MemorySegment fb = memory.floats(arena, b);
                for (long k : ranks(n)) {
                    String at = " F32 n=" + n + " k=" + k + " " + memory;
                    assertSameBits("kthLargest" + at, SCALAR.f32().kthLargestMagnitude(x, n, k),
                            vector.f32().kthLargestMagnitude(x, n, k));
                    assertSameBits("kthSmallest" + at, SCALAR.f32().kthSmallestMagnitude(x, n, k),
                            vector.f32().kthSmallestMagnitude(x, n, k));
                    assertSameBits("kthSmallestMagnitudesOfDifference" + at,
                            SCALAR.f32().kthSmallestMagnitudesOfDifference(fa, fb, n, k, n - k + 1, k),
                            vector.f32().kthSmallestMagnitudesOfDifference(fa, fb, n, k, n - k + 1, k));
                }
                MemorySegment rs = memory.longs(arena, n);
                MemorySegment rv = memory.longs(arena, n);
                SCALAR.f32().minRanks(rs, x, n);
                vector.f32().minRanks(rv, x, n);
                assertThat(TestData.longs(rv, n)).as("minRanks F32 n=%d %s", n, memory)
                        .containsExactly(TestData.longs(rs, n));
            }
        }
    }

    @ParameterizedTest(name = "n={0} {1}")
    @MethodSource("selectionCases")
    void selectionAndRanksF64(int n, Memory memory) {
        for (double[] values : new double[][] {TestData.nastyDoubles(7, n), duplicatesF64(n)}) {
            try (Arena arena = Arena.ofConfined()) {
                MemorySegment x = memory.doubles(arena, values);
                double[] a = finite(values);
                double[] b = new double[n];
                for (int j = 0; j < n; j++) { // θ − b with cancellations, equal differences and exact zeros
                    b[j] = j % 3 == 0 ? a[j] : a[(j + 1) % n] / 2;
                }
                MemorySegment fa = memory.doubles(arena, a);
                MemorySegment fb = memory.doubles(arena, b);
                for (long k : ranks(n)) {
                    String at = " F64 n=" + n + " k=" + k + " " + memory;
                    assertSameBits("kthLargest" + at, SCALAR.f64().kthLargestMagnitude(x, n, k),
                            vector.f64().kthLargestMagnitude(x, n, k));
                    assertSameBits("kthSmallest" + at, SCALAR.f64().kthSmallestMagnitude(x, n, k),
                            vector.f64().kthSmallestMagnitude(x, n, k));
                    assertSameBits("kthSmallestMagnitudesOfDifference" + at,
                            SCALAR.f64().kthSmallestMagnitudesOfDifference(fa, fb, n, k, n - k + 1, k),
                            vector.f64().kthSmallestMagnitudesOfDifference(fa, fb, n, k, n - k + 1, k));
                }
                MemorySegment rs = memory.longs(arena, n);
                MemorySegment rv = memory.longs(arena, n);
                SCALAR.f64().minRanks(rs, x, n);
                vector.f64().minRanks(rv, x, n);
                assertThat(TestData.longs(rv, n)).as("minRanks F64 n=%d %s", n, memory)
                        .containsExactly(TestData.longs(rs, n));
            }
        }
    }

    /** k = 1, 2, n/3, n/2, n−1, n and a few random ranks (deduplicated, in [1, n]). */
    private static long[] ranks(int n) {
        SplittableRandom r = new SplittableRandom(n);
        return IntStream.of(1, 2, n / 3, n / 2, n - 1, n, r.nextInt(1, n + 1), r.nextInt(1, n + 1))
                .filter(k -> k >= 1 && k <= n).distinct().asLongStream().toArray();
    }

    /** Many ties: magnitudes from a small set, both signs and both zeros, plus a denormal. */
    private static float[] duplicatesF32(int n) {
        float[] pool = {0.0f, -0.0f, 1.0f, -1.0f, 2.5f, -2.5f, Float.MIN_VALUE, -Float.MIN_VALUE, 7.0f};
        SplittableRandom r = new SplittableRandom(n + 11);
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = pool[r.nextInt(pool.length)];
        }
        return a;
    }

    private static double[] duplicatesF64(int n) {
        double[] pool = {0.0, -0.0, 1.0, -1.0, 2.5, -2.5, Double.MIN_VALUE, -Double.MIN_VALUE, 7.0};
        SplittableRandom r = new SplittableRandom(n + 11);
        double[] a = new double[n];
        for (int i = 0; i < n; i++) {
            a[i] = pool[r.nextInt(pool.length)];
        }
        return a;
    }

    /** The values with the non-finite ones replaced by 1.5 (differences of finite values stay comparable). */
    private static float[] finite(float[] v) {
        float[] out = v.clone();
        for (int j = 0; j < out.length; j++) {
            out[j] = Float.isFinite(out[j]) && Math.abs(out[j]) < 1e30f ? out[j] : 1.5f;
        }
        return out;
    }

    private static double[] finite(double[] v) {
        double[] out = v.clone();
        for (int j = 0; j < out.length; j++) {
            out[j] = Double.isFinite(out[j]) && Math.abs(out[j]) < 1e300 ? out[j] : 1.5;
        }
        return out;
    }
}
