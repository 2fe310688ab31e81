package io.mergelattice.kernels;

import static io.mergelattice.kernels.Layouts.F32;
import static io.mergelattice.kernels.Layouts.F64;
import static io.mergelattice.kernels.Layouts.I64;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Arrays;

/**
 * Exact selection and min-ranks on magnitudes (spec §2.8) without sorting a Java array, so any element count works:
 * radix select on bit patterns (2 passes for F32, 4 for F64, no copy) and an off-heap LSD radix sort for ranks.
 *
 * <p>Invariant: for finite values the magnitude bit pattern {@code bits(x) & ~signBit} is a non-negative integer
 * whose order is the order of |x| (and +0.0 = |−0.0| has pattern 0), so selecting on patterns is exact.
 */
final class MagnitudeSelection {

    private static final int DIGIT_BITS = 16;
    private static final int DIGIT_MASK = (1 << DIGIT_BITS) - 1;
    private static final int[] F32_SHIFTS = {16, 0};
    private static final int[] F64_SHIFTS = {48, 32, 16, 0};

    private MagnitudeSelection() {
    }

    static int keyF32(float v) {
        return Float.floatToRawIntBits(v) & 0x7FFF_FFFF;
    }

    static long keyF64(double v) {
        return Double.doubleToRawLongBits(v) & 0x7FFF_FFFF_FFFF_FFFFL;
    }

    /** kth↑(|x|, k) for F32, 1 ≤ k ≤ n. */
    static float kthSmallestF32(MemorySegment x, long n, long k) {
        long[] hist = new long[1 << DIGIT_BITS];
        int prefix = 0;
        int fixed = 0;
        long remaining = k;
        for (int shift : F32_SHIFTS) {
            Arrays.fill(hist, 0);
            for (long j = 0; j < n; j++) {
                int key = keyF32(x.getAtIndex(F32, j));
                if ((key & fixed) == prefix) {
                    hist[(key >>> shift) & DIGIT_MASK]++;
                }
            }
            int digit = 0;
            while (remaining > hist[digit]) {
                remaining -= hist[digit++];
            }
            prefix |= digit << shift;
            fixed |= DIGIT_MASK << shift;
        }
        return Float.intBitsToFloat(prefix);
    }

    /** kth↑(|x|, k) for F64, 1 ≤ k ≤ n. */
    static double kthSmallestF64(MemorySegment x, long n, long k) {
        long[] hist = new long[1 << DIGIT_BITS];
        long prefix = 0;
        long fixed = 0;
        long remaining = k;
        for (int shift : F64_SHIFTS) {
            Arrays.fill(hist, 0);
            for (long j = 0; j < n; j++) {
                long key = keyF64(x.getAtIndex(F64, j));
                if ((key & fixed) == prefix) {
                    hist[(int) (key >>> shift) & DIGIT_MASK]++;
                }
            }
            int digit = 0;
            while (remaining > hist[digit]) {
                remaining -= hist[digit++];
            }
            prefix |= (long) digit << shift;
            fixed |= (long) DIGIT_MASK << shift;
        }
        return Double.longBitsToDouble(prefix);
    }

    /** Min-ranks of |x| within the group, written as I64 (§2.8). */
    static void minRanksF32(MemorySegment ranks, MemorySegment x, long n) {
        if (n == 0) {
            return;
        }
        ValueLayout.OfInt layout = ValueLayout.JAVA_INT;
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment a = arena.allocate(layout, n);
            MemorySegment b = arena.allocate(layout, n);
            for (long j = 0; j < n; j++) {
                a.setAtIndex(layout, j, keyF32(x.getAtIndex(F32, j)));
            }
            long[] count = new long[1 << DIGIT_BITS];
            for (int p = F32_SHIFTS.length - 1; p >= 0; p--) { // LSD: least significant digit first
                int shift = F32_SHIFTS[p];
                Arrays.fill(count, 0);
                for (long j = 0; j < n; j++) {
                    count[(a.getAtIndex(layout, j) >>> shift) & DIGIT_MASK]++;
                }
                exclusivePrefixSum(count);
                for (long j = 0; j < n; j++) { // stable scatter
                    int key = a.getAtIndex(layout, j);
                    b.setAtIndex(layout, count[(key >>> shift) & DIGIT_MASK]++, key);
                }
                MemorySegment t = a;
                a = b;
                b = t;
            }
            for (long j = 0; j < n; j++) {
                int key = keyF32(x.getAtIndex(F32, j));
                long lo = 0;
                long hi = n;
                while (lo < hi) { // lower bound: the number of sorted keys < key
                    long mid = (lo + hi) >>> 1;
                    if (a.getAtIndex(layout, mid) < key) {
                        lo = mid + 1;
                    } else {
                        hi = mid;
                    }
                }
                ranks.setAtIndex(I64, j, lo);
            }
        }
    }

    /** Min-ranks of |x| within the group, written as I64 (§2.8). */
    static void minRanksF64(MemorySegment ranks, MemorySegment x, long n) {
        if (n == 0) {
            return;
        }
        ValueLayout.OfLong layout = ValueLayout.JAVA_LONG;
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment a = arena.allocate(layout, n);
            MemorySegment b = arena.allocate(layout, n);
            for (long j = 0; j < n; j++) {
                a.setAtIndex(layout, j, keyF64(x.getAtIndex(F64, j)));
            }
            long[] count = new long[1 << DIGIT_BITS];
            for (int p = F64_SHIFTS.length - 1; p >= 0; p--) {
                int shift = F64_SHIFTS[p];
                Arrays.fill(count, 0);
                for (long j = 0; j < n; j++) {
                    count[(int) (a.getAtIndex(layout, j) >>> shift) & DIGIT_MASK]++;
                }
                exclusivePrefixSum(count);
                for (long j = 0; j < n; j++) {
                    long key = a.getAtIndex(layout, j);
                    b.setAtIndex(layout, count[(int) (key >>> shift) & DIGIT_MASK]++, key);
                }
                MemorySegment t = a;
                a = b;
                b = t;
            }
            for (long j = 0; j < n; j++) {
                long key = keyF64(x.getAtIndex(F64, j));
                long lo = 0;
                long hi = n;
                while (lo < hi) {
                    long mid = (lo + hi) >>> 1;
                    if (a.getAtIndex(layout, mid) < key) {
                        lo = mid + 1;
                    } else {
                        hi = mid;
                    }
                }
                ranks.setAtIndex(I64, j, lo);
            }
        }
    }

    private static void exclusivePrefixSum(long[] count) {
        long sum = 0;
        for (int i = 0; i < count.length; i++) {
            long c = count[i];
            count[i] = sum;
            sum += c;
        }
    }
}
