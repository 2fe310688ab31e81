package io.mergelattice.kernels;

import static io.mergelattice.kernels.Layouts.F64;

import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * F64 kernels on the Vector API with a fixed species (never SPECIES_PREFERRED): 4 double lanes (256 bit), and
 * 4 × 64-bit counter lanes for random masks. Lanes only ever hold independent elements, so every result is bitwise the
 * oracle's ({@link ScalarDoubleKernels}, which also runs the tails). Reductions are in {@link VectorReductions};
 * selection and ranks in {@link MagnitudeSelection}.
 */
final class VectorDoubleKernels implements DoubleKernels {

    static final VectorDoubleKernels INSTANCE = new VectorDoubleKernels();

    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_256;
    private static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;
    private static final int LANES = 4;
    private static final long BYTES = Double.BYTES;

    private VectorDoubleKernels() {
    }

    /** The element count handled by full vectors of {@code lanes}. */
    private static long bound(long n, int lanes) {
        return n - n % lanes;
    }

    @Override
    public void addScaled(MemorySegment out, MemorySegment a, double c, MemorySegment x, long n) {
        Layouts.require(n, BYTES, out, a, x);
        long bound = bound(n, LANES);
        for (long off = 0, end = bound * BYTES; off < end; off += S.vectorByteSize()) {
            DoubleVector xv = DoubleVector.fromMemorySegment(S, x, off, LE);
            DoubleVector av = DoubleVector.fromMemorySegment(S, a, off, LE);
            // Determinism: lanewise mul, then lanewise add (two roundings; never lanewise FMA).
            av.add(xv.mul(c)).intoMemorySegment(out, off, LE);
        }
        ScalarDoubleKernels.addScaled(out, a, c, x, bound, n);
    }

    @Override
    public void weightedSum(MemorySegment out, double[] c, MemorySegment[] x, long n) {
        ScalarDoubleKernels.requireInputs(c.length, x, n, out);
        long bound = bound(n, LANES);
        VectorWeightedSum.f64(out, c, x, bound);
        ScalarDoubleKernels.weightedSum(out, c, x, bound, n);
    }

    @Override
    public void taskArithmetic(MemorySegment out, MemorySegment b, double[] c, MemorySegment[] x, double lambda, long n) {
        ScalarDoubleKernels.requireInputs(c.length, x, n, out);
        Layouts.require(n, BYTES, b);
        long bound = bound(n, LANES);
        VectorTaskArithmetic.f64(out, b, c, x, lambda, bound);
        ScalarDoubleKernels.taskArithmetic(out, b, c, x, lambda, bound, n);
    }

    @Override
    public void scale(MemorySegment out, double c, MemorySegment x, long n) {
        Layouts.require(n, BYTES, out, x);
        long bound = bound(n, LANES);
        for (long off = 0, end = bound * BYTES; off < end; off += S.vectorByteSize()) {
            DoubleVector.fromMemorySegment(S, x, off, LE).mul(c).intoMemorySegment(out, off, LE);
        }
        ScalarDoubleKernels.scale(out, c, x, bound, n);
    }

    @Override
    public void add(MemorySegment out, MemorySegment a, MemorySegment b, long n) {
        Layouts.require(n, BYTES, out, a, b);
        long bound = bound(n, LANES);
        // Performance: one loop per operator, so C2 intrinsifies the lane-wise op (a VectorOperators parameter
        // passed through a shared helper is not constant-folded and falls back to per-lane Java).
        for (long off = 0, end = bound * BYTES; off < end; off += S.vectorByteSize()) {
            DoubleVector.fromMemorySegment(S, a, off, LE).add(DoubleVector.fromMemorySegment(S, b, off, LE))
                    .intoMemorySegment(out, off, LE);
        }
        ScalarDoubleKernels.binary(BinaryOp.ADD, out, a, b, bound, n);
    }

    @Override
    public void subtract(MemorySegment out, MemorySegment a, MemorySegment b, long n) {
        Layouts.require(n, BYTES, out, a, b);
        long bound = bound(n, LANES);
        // Performance: one loop per operator, so C2 intrinsifies the lane-wise op (a VectorOperators parameter
        // passed through a shared helper is not constant-folded and falls back to per-lane Java).
        for (long off = 0, end = bound * BYTES; off < end; off += S.vectorByteSize()) {
            DoubleVector.fromMemorySegment(S, a, off, LE).sub(DoubleVector.fromMemorySegment(S, b, off, LE))
                    .intoMemorySegment(out, off, LE);
        }
        ScalarDoubleKernels.binary(BinaryOp.SUBTRACT, out, a, b, bound, n);
    }

    @Override
    public void multiply(MemorySegment out, MemorySegment a, MemorySegment b, long n) {
        Layouts.require(n, BYTES, out, a, b);
        long bound = bound(n, LANES);
        // Performance: one loop per operator, so C2 intrinsifies the lane-wise op (a VectorOperators parameter
        // passed through a shared helper is not constant-folded and falls back to per-lane Java).
        for (long off = 0, end = bound * BYTES; off < end; off += S.vectorByteSize()) {
            DoubleVector.fromMemorySegment(S, a, off, LE).mul(DoubleVector.fromMemorySegment(S, b, off, LE))
                    .intoMemorySegment(out, off, LE);
        }
        ScalarDoubleKernels.binary(BinaryOp.MULTIPLY, out, a, b, bound, n);
    }

    @Override
    public void divide(MemorySegment out, MemorySegment a, MemorySegment b, long n) {
        Layouts.require(n, BYTES, out, a, b);
        long bound = bound(n, LANES);
        // Performance: one loop per operator, so C2 intrinsifies the lane-wise op (a VectorOperators parameter
        // passed through a shared helper is not constant-folded and falls back to per-lane Java).
        for (long off = 0, end = bound * BYTES; off < end; off += S.vectorByteSize()) {
            DoubleVector.fromMemorySegment(S, a, off, LE).div(DoubleVector.fromMemorySegment(S, b, off, LE))
                    .intoMemorySegment(out, off, LE);
        }
        ScalarDoubleKernels.binary(BinaryOp.DIVIDE, out, a, b, bound, n);
    }

    @Override
    public void sign(MemorySegment out, MemorySegment x, long n) {
        Layouts.require(n, BYTES, out, x);
        long bound = bound(n, LANES);
        DoubleVector zero = DoubleVector.zero(S);
        DoubleVector one = DoubleVector.broadcast(S, 1.0);
        DoubleVector minusOne = DoubleVector.broadcast(S, -1.0);
        for (long off = 0, end = bound * BYTES; off < end; off += S.vectorByteSize()) {
            DoubleVector v = DoubleVector.fromMemorySegment(S, x, off, LE);
            // Invariant: ±0.0 is neither > 0 nor < 0, so it maps to +0.0 (§2.8).
            zero.blend(one, v.compare(VectorOperators.GT, 0.0))
                    .blend(minusOne, v.compare(VectorOperators.LT, 0.0))
                    .intoMemorySegment(out, off, LE);
        }
        ScalarDoubleKernels.sign(out, x, bound, n);
    }

    @Override
    public void thresholdKeep(MemorySegment out, MemorySegment x, double t, long n) {
        Layouts.require(n, BYTES, out, x);
        long bound = bound(n, LANES);
        DoubleVector zero = DoubleVector.zero(S);
        for (long off = 0, end = bound * BYTES; off < end; off += S.vectorByteSize()) {
            DoubleVector v = DoubleVector.fromMemorySegment(S, x, off, LE);
            zero.blend(v, v.abs().compare(VectorOperators.GE, t)).intoMemorySegment(out, off, LE);
        }
        ScalarDoubleKernels.thresholdKeep(out, x, t, bound, n);
    }

    @Override
    public void randomKeep(MemorySegment out, MemorySegment x, long key, long firstIndex, double p, boolean rescale,
            long n) {
        Layouts.require(n, BYTES, out, x);
        Layouts.requireProbability(p);
        long bound = bound(n, VectorRandom.LANES);
        DoubleVector pv = DoubleVector.broadcast(S, p);
        LongVector z = VectorRandom.counters(key, firstIndex);
        for (long j = 0; j < bound; j += VectorRandom.LANES) {
            DoubleVector u = VectorRandom.uniform(z);
            z = VectorRandom.next(z);
            keep4(out, x, j * BYTES, u.compare(VectorOperators.LT, pv), pv, rescale);
        }
        ScalarDoubleKernels.randomKeep(out, x, key, firstIndex, p, rescale, bound, n);
    }

    @Override
    public void randomKeep(double[] x, int len, long key, long firstIndex, double p, boolean rescale) {
        java.util.Objects.checkFromIndexSize(0, len, x.length);
        ArrayKeep.vectorF64(x, len, key, firstIndex, p, rescale);
    }

    @Override
    public boolean allFinite(double[] x, int len) {
        java.util.Objects.checkFromIndexSize(0, len, x.length);
        return ArrayFinite.vectorAllFinite(x, len);
    }

    @Override
    public boolean subtractFinite(double[] out, MemorySegment x, long first, double[] b, int len) {
        java.util.Objects.checkFromIndexSize(0, len, Math.min(out.length, b.length));
        java.util.Objects.checkFromIndexSize(first, len, x.byteSize() / Double.BYTES);
        return ArrayFinite.vectorSubtract(out, x, first, b, len);
    }

    @Override
    public void trim(double[] x, double k, int len) {
        java.util.Objects.checkFromIndexSize(0, len, x.length);
        ArrayDisjoint.vectorTrim(x, k, len);
    }

    @Override
    public void band(double[] x, double h, double l, int len) {
        java.util.Objects.checkFromIndexSize(0, len, x.length);
        ArrayDisjoint.vectorBand(x, h, l, len);
    }

    @Override
    public void agree(double[] num, double[] den, double w, double[] x, double[] e, int len) {
        java.util.Objects.checkFromIndexSize(0, len, Math.min(Math.min(num.length, den.length),
                Math.min(x.length, e.length)));
        ArrayDisjoint.vectorAgree(num, den, w, x, e, len);
    }

    @Override
    public void divideByWeights(double[] num, double[] den, int len) {
        java.util.Objects.checkFromIndexSize(0, len, Math.min(num.length, den.length));
        ArrayDisjoint.vectorDivide(num, den, len);
    }

    @Override
    public void randomKeep(MemorySegment out, MemorySegment x, long key, long firstIndex, MemorySegment p,
            boolean rescale, long n) {
        Layouts.require(n, BYTES, out, x);
        Layouts.require(n, Double.BYTES, p);
        long bound = bound(n, VectorRandom.LANES);
        LongVector z = VectorRandom.counters(key, firstIndex);
        for (long j = 0; j < bound; j += VectorRandom.LANES) {
            DoubleVector pv = DoubleVector.fromMemorySegment(S, p, j * Double.BYTES, LE);
            DoubleVector u = VectorRandom.uniform(z);
            z = VectorRandom.next(z);
            keep4(out, x, j * BYTES, u.compare(VectorOperators.LT, pv), pv, rescale);
        }
        ScalarDoubleKernels.randomKeep(out, x, key, firstIndex, p, rescale, bound, n);
    }

    /** Writes 4 elements at byte offset {@code off}: kept ones (rescaled, one rounding), others +0.0. */
    private static void keep4(MemorySegment out, MemorySegment x, long off, VectorMask<Double> keep, DoubleVector p,
            boolean rescale) {
        DoubleVector v = DoubleVector.fromMemorySegment(S, x, off, LE);
        if (rescale) {
            v = v.div(p); // Determinism: one IEEE division per kept element, like the oracle (§2.6).
        }
        DoubleVector.zero(S).blend(v, keep).intoMemorySegment(out, off, LE);
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
        return MagnitudeSelection.kthSmallestF64(x, null, n, new long[] {k}, true)[0];
    }

    @Override
    public double[] kthSmallestMagnitudesOfDifference(MemorySegment a, MemorySegment b, long n, long... ks) {
        Layouts.require(n, BYTES, a, b);
        for (long k : ks) {
            Layouts.requireRank(k, n);
        }
        return MagnitudeSelection.kthSmallestF64(a, b, n, ks, true);
    }

    @Override
    public void minRanks(MemorySegment ranks, MemorySegment x, long n) {
        Layouts.require(n, BYTES, x);
        Layouts.require(n, Long.BYTES, ranks);
        MagnitudeSelection.minRanksF64(ranks, x, n);
    }

    @Override
    public double sum(MemorySegment x, long n) {
        Layouts.require(n, BYTES, x);
        return VectorReductions.sumF64(x, n);
    }

    @Override
    public double dot(MemorySegment x, MemorySegment y, long n) {
        Layouts.require(n, BYTES, x, y);
        return VectorReductions.dotF64(x, y, n);
    }

    @Override
    public double sumSquares(MemorySegment x, long n) {
        return dot(x, x, n);
    }

    @Override
    public double sumSquaredDeviations(MemorySegment x, double mu, long n) {
        Layouts.require(n, BYTES, x);
        return VectorReductions.sumSquaredDeviationsF64(x, mu, n);
    }
}
