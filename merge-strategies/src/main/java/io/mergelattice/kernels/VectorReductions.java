package io.mergelattice.kernels;

import static io.mergelattice.kernels.CanonicalReduction.BLOCK;
import static io.mergelattice.kernels.Layouts.F32;
import static io.mergelattice.kernels.Layouts.F64;

import java.lang.foreign.MemorySegment;

/**
 * Canonical reductions R (spec §2.7) for the vector backend. The Vector API's {@code reduceLanes} uses another order
 * and is never used; instead 8 independent accumulators each sum one whole block, so 8 blocks progress together
 * (the CPU overlaps the 8 dependency chains) while each block is still summed strictly sequentially from +0.0.
 * The block sums then go through {@link CanonicalReduction#tree}, so the result is bitwise the oracle's.
 */
final class VectorReductions {

    private static final int WAYS = 8;

    private VectorReductions() {
    }

    private static void store(double[] sums, int b, double s0, double s1, double s2, double s3, double s4, double s5,
            double s6, double s7) {
        sums[b] = s0;
        sums[b + 1] = s1;
        sums[b + 2] = s2;
        sums[b + 3] = s3;
        sums[b + 4] = s4;
        sums[b + 5] = s5;
        sums[b + 6] = s6;
        sums[b + 7] = s7;
    }

    /** R(x_j) for F32 x. */
    static double sumF32(MemorySegment x, long n) {
        double[] sums = new double[CanonicalReduction.blockCount(n)];
        long stride = (long) BLOCK * Float.BYTES;
        int b = 0;
        // Determinism: accumulator k sums block b + k in increasing j from +0.0 (§2.7 "lane k sums block k");
        // blocks after the last full group of 8 are summed one by one in the same order.
        for (; (long) (b + WAYS) * BLOCK <= n; b += WAYS) {
            double s0 = 0.0, s1 = 0.0, s2 = 0.0, s3 = 0.0, s4 = 0.0, s5 = 0.0, s6 = 0.0, s7 = 0.0;
            for (long o = b * stride, end = o + stride; o < end; o += Float.BYTES) {
                s0 += x.get(F32, o);
                s1 += x.get(F32, o + stride);
                s2 += x.get(F32, o + 2 * stride);
                s3 += x.get(F32, o + 3 * stride);
                s4 += x.get(F32, o + 4 * stride);
                s5 += x.get(F32, o + 5 * stride);
                s6 += x.get(F32, o + 6 * stride);
                s7 += x.get(F32, o + 7 * stride);
            }
            store(sums, b, s0, s1, s2, s3, s4, s5, s6, s7);
        }
        for (; b < sums.length; b++) {
            double s = 0.0;
            for (long j = (long) b * BLOCK, end = Math.min(n, j + BLOCK); j < end; j++) {
                s += x.getAtIndex(F32, j);
            }
            sums[b] = s;
        }
        return CanonicalReduction.tree(sums);
    }

    /** R((double) x_j × (double) y_j), exact products. */
    static double dotF32(MemorySegment x, MemorySegment y, long n) {
        double[] sums = new double[CanonicalReduction.blockCount(n)];
        long stride = (long) BLOCK * Float.BYTES;
        int b = 0;
        for (; (long) (b + WAYS) * BLOCK <= n; b += WAYS) {
            double s0 = 0.0, s1 = 0.0, s2 = 0.0, s3 = 0.0, s4 = 0.0, s5 = 0.0, s6 = 0.0, s7 = 0.0;
            for (long o = b * stride, end = o + stride; o < end; o += Float.BYTES) {
                s0 += (double) x.get(F32, o) * (double) y.get(F32, o);
                s1 += (double) x.get(F32, o + stride) * (double) y.get(F32, o + stride);
                s2 += (double) x.get(F32, o + 2 * stride) * (double) y.get(F32, o + 2 * stride);
                s3 += (double) x.get(F32, o + 3 * stride) * (double) y.get(F32, o + 3 * stride);
                s4 += (double) x.get(F32, o + 4 * stride) * (double) y.get(F32, o + 4 * stride);
                s5 += (double) x.get(F32, o + 5 * stride) * (double) y.get(F32, o + 5 * stride);
                s6 += (double) x.get(F32, o + 6 * stride) * (double) y.get(F32, o + 6 * stride);
                s7 += (double) x.get(F32, o + 7 * stride) * (double) y.get(F32, o + 7 * stride);
            }
            store(sums, b, s0, s1, s2, s3, s4, s5, s6, s7);
        }
        for (; b < sums.length; b++) {
            double s = 0.0;
            for (long j = (long) b * BLOCK, end = Math.min(n, j + BLOCK); j < end; j++) {
                s += (double) x.getAtIndex(F32, j) * (double) y.getAtIndex(F32, j);
            }
            sums[b] = s;
        }
        return CanonicalReduction.tree(sums);
    }

    /** R(((double) x_j − mu)²). */
    static double sumSquaredDeviationsF32(MemorySegment x, double mu, long n) {
        double[] sums = new double[CanonicalReduction.blockCount(n)];
        long stride = (long) BLOCK * Float.BYTES;
        int b = 0;
        for (; (long) (b + WAYS) * BLOCK <= n; b += WAYS) {
            double s0 = 0.0, s1 = 0.0, s2 = 0.0, s3 = 0.0, s4 = 0.0, s5 = 0.0, s6 = 0.0, s7 = 0.0;
            for (long o = b * stride, end = o + stride; o < end; o += Float.BYTES) {
                s0 += sq((double) x.get(F32, o) - mu);
                s1 += sq((double) x.get(F32, o + stride) - mu);
                s2 += sq((double) x.get(F32, o + 2 * stride) - mu);
                s3 += sq((double) x.get(F32, o + 3 * stride) - mu);
                s4 += sq((double) x.get(F32, o + 4 * stride) - mu);
                s5 += sq((double) x.get(F32, o + 5 * stride) - mu);
                s6 += sq((double) x.get(F32, o + 6 * stride) - mu);
                s7 += sq((double) x.get(F32, o + 7 * stride) - mu);
            }
            store(sums, b, s0, s1, s2, s3, s4, s5, s6, s7);
        }
        for (; b < sums.length; b++) {
            double s = 0.0;
            for (long j = (long) b * BLOCK, end = Math.min(n, j + BLOCK); j < end; j++) {
                s += sq((double) x.getAtIndex(F32, j) - mu);
            }
            sums[b] = s;
        }
        return CanonicalReduction.tree(sums);
    }

    /** R(x_j) for F64 x. */
    static double sumF64(MemorySegment x, long n) {
        double[] sums = new double[CanonicalReduction.blockCount(n)];
        long stride = (long) BLOCK * Double.BYTES;
        int b = 0;
        for (; (long) (b + WAYS) * BLOCK <= n; b += WAYS) {
            double s0 = 0.0, s1 = 0.0, s2 = 0.0, s3 = 0.0, s4 = 0.0, s5 = 0.0, s6 = 0.0, s7 = 0.0;
            for (long o = b * stride, end = o + stride; o < end; o += Double.BYTES) {
                s0 += x.get(F64, o);
                s1 += x.get(F64, o + stride);
                s2 += x.get(F64, o + 2 * stride);
                s3 += x.get(F64, o + 3 * stride);
                s4 += x.get(F64, o + 4 * stride);
                s5 += x.get(F64, o + 5 * stride);
                s6 += x.get(F64, o + 6 * stride);
                s7 += x.get(F64, o + 7 * stride);
            }
            store(sums, b, s0, s1, s2, s3, s4, s5, s6, s7);
        }
        for (; b < sums.length; b++) {
            double s = 0.0;
            for (long j = (long) b * BLOCK, end = Math.min(n, j + BLOCK); j < end; j++) {
                s += x.getAtIndex(F64, j);
            }
            sums[b] = s;
        }
        return CanonicalReduction.tree(sums);
    }

    /** R(x_j × y_j), one rounding per product. */
    static double dotF64(MemorySegment x, MemorySegment y, long n) {
        double[] sums = new double[CanonicalReduction.blockCount(n)];
        long stride = (long) BLOCK * Double.BYTES;
        int b = 0;
        for (; (long) (b + WAYS) * BLOCK <= n; b += WAYS) {
            double s0 = 0.0, s1 = 0.0, s2 = 0.0, s3 = 0.0, s4 = 0.0, s5 = 0.0, s6 = 0.0, s7 = 0.0;
            for (long o = b * stride, end = o + stride; o < end; o += Double.BYTES) {
                s0 += x.get(F64, o) * y.get(F64, o);
                s1 += x.get(F64, o + stride) * y.get(F64, o + stride);
                s2 += x.get(F64, o + 2 * stride) * y.get(F64, o + 2 * stride);
                s3 += x.get(F64, o + 3 * stride) * y.get(F64, o + 3 * stride);
                s4 += x.get(F64, o + 4 * stride) * y.get(F64, o + 4 * stride);
                s5 += x.get(F64, o + 5 * stride) * y.get(F64, o + 5 * stride);
                s6 += x.get(F64, o + 6 * stride) * y.get(F64, o + 6 * stride);
                s7 += x.get(F64, o + 7 * stride) * y.get(F64, o + 7 * stride);
            }
            store(sums, b, s0, s1, s2, s3, s4, s5, s6, s7);
        }
        for (; b < sums.length; b++) {
            double s = 0.0;
            for (long j = (long) b * BLOCK, end = Math.min(n, j + BLOCK); j < end; j++) {
                s += x.getAtIndex(F64, j) * y.getAtIndex(F64, j);
            }
            sums[b] = s;
        }
        return CanonicalReduction.tree(sums);
    }

    /** R((x_j − mu)²). */
    static double sumSquaredDeviationsF64(MemorySegment x, double mu, long n) {
        double[] sums = new double[CanonicalReduction.blockCount(n)];
        long stride = (long) BLOCK * Double.BYTES;
        int b = 0;
        for (; (long) (b + WAYS) * BLOCK <= n; b += WAYS) {
            double s0 = 0.0, s1 = 0.0, s2 = 0.0, s3 = 0.0, s4 = 0.0, s5 = 0.0, s6 = 0.0, s7 = 0.0;
            for (long o = b * stride, end = o + stride; o < end; o += Double.BYTES) {
                s0 += sq(x.get(F64, o) - mu);
                s1 += sq(x.get(F64, o + stride) - mu);
                s2 += sq(x.get(F64, o + 2 * stride) - mu);
                s3 += sq(x.get(F64, o + 3 * stride) - mu);
                s4 += sq(x.get(F64, o + 4 * stride) - mu);
                s5 += sq(x.get(F64, o + 5 * stride) - mu);
                s6 += sq(x.get(F64, o + 6 * stride) - mu);
                s7 += sq(x.get(F64, o + 7 * stride) - mu);
            }
            store(sums, b, s0, s1, s2, s3, s4, s5, s6, s7);
        }
        for (; b < sums.length; b++) {
            double s = 0.0;
            for (long j = (long) b * BLOCK, end = Math.min(n, j + BLOCK); j < end; j++) {
                s += sq(x.getAtIndex(F64, j) - mu);
            }
            sums[b] = s;
        }
        return CanonicalReduction.tree(sums);
    }

    /** The square of a difference as one double product (§2.7). */
    private static double sq(double d) {
        return d * d;
    }
}
