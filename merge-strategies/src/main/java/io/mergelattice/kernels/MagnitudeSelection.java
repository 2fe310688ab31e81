package io.mergelattice.kernels;

import static io.mergelattice.kernels.Layouts.F32;
import static io.mergelattice.kernels.Layouts.F64;
import static io.mergelattice.kernels.Layouts.I64;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Arrays;
import java.util.List;

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

    /** Elements whose patterns are computed at once (into a reused array) by the selection passes. */
    private static final int RUN = 4096;

    /** The magnitude pattern of x_j, or of the difference x_j − b_j rounded to F32 when {@code b != null}. */
    static int keyF32(MemorySegment x, MemorySegment b, long j) {
        float v = x.getAtIndex(F32, j);
        return keyF32(b == null ? v : v - b.getAtIndex(F32, j));
    }

    static long keyF64(MemorySegment x, MemorySegment b, long j) {
        double v = x.getAtIndex(F64, j);
        return keyF64(b == null ? v : v - b.getAtIndex(F64, j));
    }

    private static void keysF32(MemorySegment x, MemorySegment b, long from, int len, int[] keys, boolean vector) {
        if (vector) {
            VectorKeys.f32(x, b, from, len, keys);
        } else {
            for (int j = 0; j < len; j++) {
                keys[j] = keyF32(x, b, from + j);
            }
        }
    }

    private static void keysF64(MemorySegment x, MemorySegment b, long from, int len, long[] keys, boolean vector) {
        if (vector) {
            VectorKeys.f64(x, b, from, len, keys);
        } else {
            for (int j = 0; j < len; j++) {
                keys[j] = keyF64(x, b, from + j);
            }
        }
    }

    /** The unit of a parallel histogram pass ({@link Parallel}: at least 8 such runs per part). */
    private static final int PART_GRAIN = RUN;

    /**
     * kth↑(|x|, k) for F32 (of |x − b| when {@code b != null}) for every k of {@code ks}, 1 ≤ k ≤ n; {@code vector}:
     * patterns computed by {@link VectorKeys} (the same integers). Pass 1 histograms the high 16 bits of every
     * pattern; pass 2 counts the low 16 bits of the elements in the selected buckets only. Both passes are split over
     * threads by {@link Parallel}: each part counts into its own tables, which are then added (exact integers).
     */
    static float[] kthSmallestF32(MemorySegment x, MemorySegment b, long n, long[] ks, boolean vector) {
        int parts = Parallel.parts(n, PART_GRAIN, b == null ? List.of(x) : List.of(x, b));
        long[][] high = new long[2 * parts][1 << DIGIT_BITS];
        Parallel.<RuntimeException>run(n, PART_GRAIN, parts, p -> (lo, hi) -> {
            // Two tables, even and odd elements: runs of equal buckets then form two independent chains of
            // increments instead of one (the tables are added exactly afterwards).
            long[] h = high[2 * p];
            long[] g = high[2 * p + 1];
            int[] keys = new int[RUN];
            for (long j0 = lo; j0 < hi; j0 += RUN) {
                int len = (int) Math.min(RUN, hi - j0);
                keysF32(x, b, j0, len, keys, vector);
                int j = 0;
                for (; j + 1 < len; j += 2) {
                    h[keys[j] >>> DIGIT_BITS]++;
                    g[keys[j + 1] >>> DIGIT_BITS]++;
                }
                if (j < len) {
                    h[keys[j] >>> DIGIT_BITS]++;
                }
            }
        });
        long[] hist = sum(high);
        int q = ks.length;
        long[] remaining = ks.clone();
        int[] bucket = new int[q];
        for (int r = 0; r < q; r++) {
            while (remaining[r] > hist[bucket[r]]) {
                remaining[r] -= hist[bucket[r]++];
            }
        }
        long[][][] low = new long[parts][q][1 << DIGIT_BITS];
        Parallel.<RuntimeException>run(n, PART_GRAIN, parts, p -> (lo, hi) -> {
            long[][] h = low[p];
            int[] keys = new int[RUN];
            for (long j0 = lo; j0 < hi; j0 += RUN) {
                int len = (int) Math.min(RUN, hi - j0);
                if (vector) {
                    VectorKeys.countLowF32(x, b, j0, len, bucket, h);
                    continue;
                }
                keysF32(x, b, j0, len, keys, false);
                for (int j = 0; j < len; j++) {
                    int key = keys[j];
                    for (int r = 0; r < q; r++) {
                        if (key >>> DIGIT_BITS == bucket[r]) {
                            h[r][key & DIGIT_MASK]++;
                        }
                    }
                }
            }
        });
        float[] out = new float[q];
        for (int r = 0; r < q; r++) {
            long[][] perPart = new long[parts][];
            for (int p = 0; p < parts; p++) {
                perPart[p] = low[p][r];
            }
            long[] h = sum(perPart);
            int digit = 0;
            while (remaining[r] > h[digit]) {
                remaining[r] -= h[digit++];
            }
            out[r] = Float.intBitsToFloat(bucket[r] << DIGIT_BITS | digit);
        }
        return out;
    }

    private static long[] sum(long[][] tables) {
        long[] s = tables[0];
        for (int p = 1; p < tables.length; p++) {
            for (int i = 0; i < s.length; i++) {
                s[i] += tables[p][i];
            }
        }
        return s;
    }

    /** kth↑(|x|, k) for F64 (of |x − b| when {@code b != null}) for every k of {@code ks}: four 16-bit passes each. */
    static double[] kthSmallestF64(MemorySegment x, MemorySegment b, long n, long[] ks, boolean vector) {
        double[] out = new double[ks.length];
        long[] hist = new long[1 << DIGIT_BITS];
        long[] keys = new long[(int) Math.min(n, RUN)];
        for (int r = 0; r < ks.length; r++) {
            long prefix = 0;
            long fixed = 0;
            long remaining = ks[r];
            for (int shift : F64_SHIFTS) {
                Arrays.fill(hist, 0);
                for (long j0 = 0; j0 < n; j0 += RUN) {
                    int len = (int) Math.min(RUN, n - j0);
                    keysF64(x, b, j0, len, keys, vector);
                    for (int j = 0; j < len; j++) {
                        long key = keys[j];
                        if ((key & fixed) == prefix) {
                            hist[(int) (key >>> shift) & DIGIT_MASK]++;
                        }
                    }
                }
                int digit = 0;
                while (remaining > hist[digit]) {
                    remaining -= hist[digit++];
                }
                prefix |= (long) digit << shift;
                fixed |= (long) DIGIT_MASK << shift;
            }
            out[r] = Double.longBitsToDouble(prefix);
        }
        return out;
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
