package io.mergelattice.kernels;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.SplittableRandom;
import java.util.function.LongToDoubleFunction;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The vector backend's one-pass window selection ({@link WindowSelect}) against the scalar oracle's radix select, on
 * tensors large enough to take the window path: the answer must be the oracle's bit pattern whether the window held
 * the rank (asserted, so the fast path ran) or the rank fell back (asserted on inputs built to defeat the sample).
 */
class WindowSelectTest {
    private static final long N = WindowSelect.MIN_ELEMENTS + 13; // not a multiple of the block, vector or run
    private static Arena arena;

    @BeforeAll
    static void open() {
        arena = Arena.ofShared(); // shared: the scan runs on two threads where the machine has two cores
    }

    @AfterAll
    static void close() {
        arena.close();
    }

    private static MemorySegment tensor(LongToDoubleFunction value) {
        MemorySegment s = arena.allocate(N * Float.BYTES, 64);
        for (long j = 0; j < N; j++) {
            s.setAtIndex(Layouts.F32, j, (float) value.applyAsDouble(j));
        }
        return s;
    }

    private static MemorySegment gaussian(long seed, double scale, MemorySegment around) {
        SplittableRandom r = new SplittableRandom(seed);
        return tensor(j -> (around == null ? 0.0 : around.getAtIndex(Layouts.F32, j)) + r.nextGaussian() * scale);
    }

    /** Runs the window selection and checks every value against the scalar oracle; returns the outcome. */
    private static WindowSelect.Outcome check(MemorySegment[] a, MemorySegment b, long[][] ks) {
        WindowSelect.Outcome o = WindowSelect.f32(a, b, N, ks);
        FloatKernels oracle = ScalarKernels.instance().f32();
        int total = 0;
        for (int i = 0; i < a.length; i++) {
            float[] expected = oracle.kthSmallestMagnitudesOfDifference(a[i], b, N, ks[i]);
            for (int r = 0; r < ks[i].length; r++) {
                assertThat(Float.floatToRawIntBits(o.values()[i][r])).as("contribution %d, k = %d", i, ks[i][r])
                        .isEqualTo(Float.floatToRawIntBits(expected[r]));
                total++;
            }
        }
        assertThat(o.inWindow() + o.fellBack()).isEqualTo(total);
        return o;
    }

    @Test
    void gaussianTaskVectorsAreFoundInTheirWindowsAtEveryRank() {
        MemorySegment b = gaussian(1, 0.02, null);
        MemorySegment[] a = {gaussian(2, 0.01, b), gaussian(3, 0.001, b), gaussian(4, 1e-5, b)};
        long[] ranks = {1, 2, 1000, N / 2, N - (long) (0.2 * N) + 1, N - 1, N};
        WindowSelect.Outcome o = check(a, b, new long[][] {ranks, ranks, {N / 3, N / 3, 7}});
        assertThat(o.fellBack()).as("no rank needed the fallback").isZero();
        assertThat(o.inWindow()).isEqualTo(2 * ranks.length + 3);
    }

    @Test
    void theVectorBackendAgreesWithTheScalarBackendOnLargeTensors() {
        MemorySegment b = gaussian(5, 0.02, null);
        MemorySegment[] a = {gaussian(6, 0.01, b), gaussian(7, 0.01, b)};
        long[][] ks = {{N / 10, N - 5}, {N / 2}};
        float[][] vector = VectorKernels.instance().f32().kthSmallestMagnitudesOfDifferences(a, b, N, ks);
        float[][] scalar = ScalarKernels.instance().f32().kthSmallestMagnitudesOfDifferences(a, b, N, ks);
        assertThat(vector).isDeepEqualTo(scalar);
        assertThat(VectorKernels.instance().f32().kthSmallestMagnitudesOfDifference(a[1], b, N, N / 2)[0])
                .isEqualTo(scalar[1][0]);
    }

    @Test
    void aLargerTensorSamplesAtMostMaxStrataBlocks() {
        assertThat(WindowSelect.stratum(N)).isEqualTo(WindowSelect.STRATUM);
        long huge = 1L << 34;
        assertThat(huge / (WindowSelect.BLOCK * WindowSelect.stratum(huge))).isEqualTo(WindowSelect.MAX_STRATA);
        for (long s = 0; s < 1000; s++) {
            assertThat(WindowSelect.sampledBlock(s, 64)).isBetween(64 * s, 64 * s + 63);
        }
    }

    /** The window's limit is per thread part, a share of the expected size: it must trip whatever the core count. */
    @Test
    void aConstantTaskVectorOverflowsItsWindowAndFallsBack() {
        MemorySegment b = gaussian(8, 0.02, null);
        MemorySegment a = tensor(j -> b.getAtIndex(Layouts.F32, j) + 0.5f);
        // Not every difference rounds to the same float, but a few values hold all elements: far more than a window.
        WindowSelect.Outcome o = check(new MemorySegment[] {a}, b, new long[][] {{1, N / 2, N}});
        assertThat(o.fellBack()).isPositive();
    }

    @Test
    void aSampleThatMisleadsFallsBackToTheExactAnswer() {
        // Every block the sample reads holds small differences, every other block large ones: the window drawn from
        // the sample cannot hold the median of the tensor.
        java.util.Set<Long> sampled = new java.util.HashSet<>();
        long stratum = WindowSelect.stratum(N);
        for (long s = 0; s < N / (WindowSelect.BLOCK * stratum); s++) {
            sampled.add(WindowSelect.sampledBlock(s, stratum));
        }
        SplittableRandom r = new SplittableRandom(9);
        MemorySegment b = tensor(j -> 0.0);
        MemorySegment a = tensor(j -> (sampled.contains(j / WindowSelect.BLOCK) ? 1e-3 : 10.0) * r.nextGaussian());
        WindowSelect.Outcome o = check(new MemorySegment[] {a}, b, new long[][] {{N / 2, N / 4}});
        assertThat(o.fellBack()).isEqualTo(2);
    }

    @Test
    void zerosDuplicatesAndOverflowedDifferencesKeepTheirOrder() {
        SplittableRandom r = new SplittableRandom(10);
        MemorySegment b = tensor(j -> j % 97 == 0 ? -Float.MAX_VALUE : 0.25);
        // 70 % zeros (θ = b), a few |θ − b| = +∞ (an overflow the merge reports later), the rest on a coarse grid.
        MemorySegment a = tensor(j -> j % 97 == 0 ? Float.MAX_VALUE
                : r.nextDouble() < 0.7 ? 0.25 : 0.25 + (r.nextInt(2001) - 1000) * 1e-3);
        long zeros = 0;
        for (long j = 0; j < N; j++) {
            float d = a.getAtIndex(Layouts.F32, j) - b.getAtIndex(Layouts.F32, j);
            zeros += d == 0.0f ? 1 : 0;
        }
        check(new MemorySegment[] {a, a}, b, new long[][] {{zeros, zeros + 1, N - 3, N}, {1, N / 2}});
    }

    @Test
    void confinedSegmentsAreScannedOnTheCallingThread() {
        try (Arena confined = Arena.ofConfined()) {
            MemorySegment b = confined.allocate(N * Float.BYTES, 64);
            MemorySegment a = confined.allocate(N * Float.BYTES, 64);
            SplittableRandom r = new SplittableRandom(11);
            for (long j = 0; j < N; j++) {
                b.setAtIndex(Layouts.F32, j, (float) r.nextGaussian());
                a.setAtIndex(Layouts.F32, j, (float) r.nextGaussian());
            }
            WindowSelect.Outcome o = WindowSelect.f32(new MemorySegment[] {a}, b, N, new long[][] {{N / 5}});
            assertThat(o.values()[0][0]).isEqualTo(
                    ScalarKernels.instance().f32().kthSmallestMagnitudesOfDifference(a, b, N, N / 5)[0]);
            assertThat(o.inWindow()).isEqualTo(1);
        }
    }
}
