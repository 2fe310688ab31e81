package io.mergelattice.kernels;

import static io.mergelattice.kernels.CanonicalReduction.BLOCK;
import static io.mergelattice.kernels.Layouts.F64;
import static io.mergelattice.kernels.Layouts.I64;

import java.lang.foreign.MemorySegment;
import java.util.Arrays;

/**
 * The F64 oracle: plain loops in exactly the operation order of spec §2.6–§2.8 and §2.17. The static range methods
 * ({@code from} inclusive, {@code to} exclusive) are also the tail loops of {@link VectorDoubleKernels}.
 */
final class ScalarDoubleKernels implements DoubleKernels {

    static final ScalarDoubleKernels INSTANCE = new ScalarDoubleKernels();
    private static final long MAX_ARRAY = Integer.MAX_VALUE - 8;
    private static final long BYTES = Double.BYTES;

    private ScalarDoubleKernels() {
    }

    @Override
    public void addScaled(MemorySegment out, MemorySegment a, double c, MemorySegment x, long n) {
        Layouts.require(n, BYTES, out, a, x);
        addScaled(out, a, c, x, 0, n);
    }

    static void addScaled(MemorySegment out, MemorySegment a, double c, MemorySegment x, long from, long to) {
        for (long j = from; j < to; j++) {
            // Determinism: the product is rounded to P, then the sum (two roundings, no FMA, §2.6).
            out.setAtIndex(F64, j, a.getAtIndex(F64, j) + c * x.getAtIndex(F64, j));
        }
    }

    @Override
    public void weightedSum(MemorySegment out, double[] c, MemorySegment[] x, long n) {
        requireInputs(c.length, x, n, out);
        weightedSum(out, c, x, 0, n);
    }

    static void requireInputs(int coefficients, MemorySegment[] x, long n, MemorySegment out) {
        if (coefficients != x.length) {
            throw new IllegalArgumentException(coefficients + " coefficients for " + x.length + " inputs");
        }
        Layouts.require(n, BYTES, out);
        Layouts.require(n, BYTES, x);
    }

    static void weightedSum(MemorySegment out, double[] c, MemorySegment[] x, long from, long to) {
        for (long j = from; j < to; j++) {
            double acc = 0.0;
            // Determinism: from +0.0, inputs in the given (canonical) order, acc + (c·x) each (§2.6).
            for (int i = 0; i < c.length; i++) {
                acc = acc + c[i] * x[i].getAtIndex(F64, j);
            }
            out.setAtIndex(F64, j, acc);
        }
    }

    @Override
    public void taskArithmetic(MemorySegment out, MemorySegment b, double[] c, MemorySegment[] x, double lambda, long n) {
        requireInputs(c.length, x, n, out);
        Layouts.require(n, BYTES, b);
        taskArithmetic(out, b, c, x, lambda, 0, n);
    }

    static void taskArithmetic(MemorySegment out, MemorySegment b, double[] c, MemorySegment[] x, double lambda, long from,
            long to) {
        for (long j = from; j < to; j++) {
            double bj = b.getAtIndex(F64, j);
            double acc = 0.0;
            // Determinism: τ = x − b rounded, then acc + (c·τ) from +0.0 in order, then b + (λ·acc) (§2.4, §2.6).
            for (int i = 0; i < c.length; i++) {
                acc = acc + c[i] * (x[i].getAtIndex(F64, j) - bj);
            }
            out.setAtIndex(F64, j, bj + lambda * acc);
        }
    }

    @Override
    public void scale(MemorySegment out, double c, MemorySegment x, long n) {
        Layouts.require(n, BYTES, out, x);
        scale(out, c, x, 0, n);
    }

    static void scale(MemorySegment out, double c, MemorySegment x, long from, long to) {
        for (long j = from; j < to; j++) {
            out.setAtIndex(F64, j, c * x.getAtIndex(F64, j));
        }
    }

    @Override
    public void add(MemorySegment out, MemorySegment a, MemorySegment b, long n) {
        Layouts.require(n, BYTES, out, a, b);
        binary(BinaryOp.ADD, out, a, b, 0, n);
    }

    @Override
    public void subtract(MemorySegment out, MemorySegment a, MemorySegment b, long n) {
        Layouts.require(n, BYTES, out, a, b);
        binary(BinaryOp.SUBTRACT, out, a, b, 0, n);
    }

    @Override
    public void multiply(MemorySegment out, MemorySegment a, MemorySegment b, long n) {
        Layouts.require(n, BYTES, out, a, b);
        binary(BinaryOp.MULTIPLY, out, a, b, 0, n);
    }

    @Override
    public void divide(MemorySegment out, MemorySegment a, MemorySegment b, long n) {
        Layouts.require(n, BYTES, out, a, b);
        binary(BinaryOp.DIVIDE, out, a, b, 0, n);
    }

    static void binary(BinaryOp op, MemorySegment out, MemorySegment a, MemorySegment b, long from, long to) {
        for (long j = from; j < to; j++) {
            double x = a.getAtIndex(F64, j);
            double y = b.getAtIndex(F64, j);
            double r = switch (op) {
                case ADD -> x + y;
                case SUBTRACT -> x - y;
                case MULTIPLY -> x * y;
                case DIVIDE -> x / y;
            };
            out.setAtIndex(F64, j, r);
        }
    }

    @Override
    public void sign(MemorySegment out, MemorySegment x, long n) {
        Layouts.require(n, BYTES, out, x);
        sign(out, x, 0, n);
    }

    static void sign(MemorySegment out, MemorySegment x, long from, long to) {
        for (long j = from; j < to; j++) {
            double v = x.getAtIndex(F64, j);
            // Invariant: sign(±0.0) = +0.0 (Math.signum would keep −0.0).
            out.setAtIndex(F64, j, v > 0.0 ? 1.0 : v < 0.0 ? -1.0 : 0.0);
        }
    }

    @Override
    public void thresholdKeep(MemorySegment out, MemorySegment x, double t, long n) {
        Layouts.require(n, BYTES, out, x);
        thresholdKeep(out, x, t, 0, n);
    }

    static void thresholdKeep(MemorySegment out, MemorySegment x, double t, long from, long to) {
        for (long j = from; j < to; j++) {
            double v = x.getAtIndex(F64, j);
            out.setAtIndex(F64, j, Math.abs(v) >= t ? v : 0.0); // a select: dropped elements are +0.0
        }
    }

    @Override
    public void randomKeep(MemorySegment out, MemorySegment x, long key, long firstIndex, double p, boolean rescale,
            long n) {
        Layouts.require(n, BYTES, out, x);
        Layouts.requireProbability(p);
        randomKeep(out, x, key, firstIndex, p, rescale, 0, n);
    }

    static void randomKeep(MemorySegment out, MemorySegment x, long key, long firstIndex, double p, boolean rescale,
            long from, long to) {
        for (long i = from; i < to; i++) {
            double v = x.getAtIndex(F64, i);
            // Determinism: the counter is the flat element index firstIndex + i (§2.10); quotient in double (§2.6).
            double r = CounterRng.u(key, firstIndex + i) < p ? (rescale ? v / p : v) : 0.0;
            out.setAtIndex(F64, i, r);
        }
    }

    @Override
    public void randomKeep(MemorySegment out, MemorySegment x, long key, long firstIndex, MemorySegment p,
            boolean rescale, long n) {
        Layouts.require(n, BYTES, out, x);
        Layouts.require(n, Double.BYTES, p);
        randomKeep(out, x, key, firstIndex, p, rescale, 0, n);
    }

    static void randomKeep(MemorySegment out, MemorySegment x, long key, long firstIndex, MemorySegment p,
            boolean rescale, long from, long to) {
        for (long i = from; i < to; i++) {
            double v = x.getAtIndex(F64, i);
            double pi = p.getAtIndex(F64, i);
            double r = CounterRng.u(key, firstIndex + i) < pi ? (rescale ? v / pi : v) : 0.0;
            out.setAtIndex(F64, i, r);
        }
    }

    @Override
    public double kthLargestMagnitude(MemorySegment x, long n, long k) {
        Layouts.requireRank(k, n);
        return kthSmallestMagnitude(x, n, n - k + 1);
    }

    @Override
    public double kthSmallestMagnitude(MemorySegment x, long n, long k) {
        Layouts.require(n, BYTES, x);
        Layouts.requireRank(k, n);
        if (n > MAX_ARRAY) {
            return MagnitudeSelection.kthSmallestF64(x, null, n, new long[] {k}, false)[0];
        }
        return sortedMagnitudes(x, n)[(int) (k - 1)]; // sort a copy, duplicates kept (§2.8)
    }

    @Override
    public double[] kthSmallestMagnitudesOfDifference(MemorySegment a, MemorySegment b, long n, long... ks) {
        Layouts.require(n, BYTES, a, b);
        for (long k : ks) {
            Layouts.requireRank(k, n);
        }
        if (n > MAX_ARRAY) {
            return MagnitudeSelection.kthSmallestF64(a, b, n, ks, false);
        }
        double[] m = new double[(int) n];
        for (int j = 0; j < m.length; j++) {
            m[j] = Math.abs(a.getAtIndex(F64, j) - b.getAtIndex(F64, j));
        }
        Arrays.sort(m);
        double[] out = new double[ks.length];
        for (int q = 0; q < ks.length; q++) {
            out[q] = m[(int) (ks[q] - 1)];
        }
        return out;
    }

    @Override
    public void minRanks(MemorySegment ranks, MemorySegment x, long n) {
        Layouts.require(n, BYTES, x);
        Layouts.require(n, Long.BYTES, ranks);
        if (n > MAX_ARRAY) {
            MagnitudeSelection.minRanksF64(ranks, x, n);
            return;
        }
        double[] sorted = sortedMagnitudes(x, n);
        for (long j = 0; j < n; j++) {
            double a = Math.abs(x.getAtIndex(F64, j));
            int lo = 0;
            int hi = sorted.length;
            while (lo < hi) { // lower bound: #{l : |x_l| < a}, ties share the lowest rank
                int mid = (lo + hi) >>> 1;
                if (sorted[mid] < a) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            ranks.setAtIndex(I64, j, lo);
        }
    }

    private static double[] sortedMagnitudes(MemorySegment x, long n) {
        double[] a = new double[(int) n];
        for (int j = 0; j < a.length; j++) {
            a[j] = Math.abs(x.getAtIndex(F64, j));
        }
        Arrays.sort(a);
        return a;
    }

    @Override
    public double sum(MemorySegment x, long n) {
        Layouts.require(n, BYTES, x);
        double[] sums = new double[CanonicalReduction.blockCount(n)];
        for (int b = 0; b < sums.length; b++) {
            double s = 0.0;
            // Determinism: blocks of 4096 terms, each summed sequentially from +0.0, then the fixed tree (§2.7).
            for (long j = (long) b * BLOCK, end = Math.min(n, j + BLOCK); j < end; j++) {
                s += x.getAtIndex(F64, j);
            }
            sums[b] = s;
        }
        return CanonicalReduction.tree(sums);
    }

    @Override
    public double dot(MemorySegment x, MemorySegment y, long n) {
        Layouts.require(n, BYTES, x, y);
        double[] sums = new double[CanonicalReduction.blockCount(n)];
        for (int b = 0; b < sums.length; b++) {
            double s = 0.0;
            for (long j = (long) b * BLOCK, end = Math.min(n, j + BLOCK); j < end; j++) {
                s += x.getAtIndex(F64, j) * y.getAtIndex(F64, j); // one rounding (§2.7)
            }
            sums[b] = s;
        }
        return CanonicalReduction.tree(sums);
    }

    @Override
    public double sumSquares(MemorySegment x, long n) {
        return dot(x, x, n);
    }

    @Override
    public double sumSquaredDeviations(MemorySegment x, double mu, long n) {
        Layouts.require(n, BYTES, x);
        double[] sums = new double[CanonicalReduction.blockCount(n)];
        for (int b = 0; b < sums.length; b++) {
            double s = 0.0;
            for (long j = (long) b * BLOCK, end = Math.min(n, j + BLOCK); j < end; j++) {
                double d = x.getAtIndex(F64, j) - mu;
                s += d * d;
            }
            sums[b] = s;
        }
        return CanonicalReduction.tree(sums);
    }
}
