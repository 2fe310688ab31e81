package io.mergelattice.kernels;

import static io.mergelattice.kernels.Layouts.F32;

import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * F32 kernels on the Vector API with fixed species (never SPECIES_PREFERRED): 8 float lanes (256 bit) for
 * element-wise work; random masks use 4 lanes (4 × 64-bit counters, 4 double quotients, 128-bit floats). Lanes only
 * ever hold independent elements, so every result is bitwise the oracle's ({@link ScalarFloatKernels}, which also runs
 * the tails). Reductions are in {@link VectorReductions}; selection and ranks in {@link MagnitudeSelection}.
 */
final class VectorFloatKernels implements FloatKernels {

    static final VectorFloatKernels INSTANCE = new VectorFloatKernels();

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_256;
    private static final VectorSpecies<Float> S4 = FloatVector.SPECIES_128;
    private static final VectorSpecies<Double> D4 = DoubleVector.SPECIES_256;
    private static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;
    private static final int LANES = 8;
    private static final long BYTES = Float.BYTES;

    private VectorFloatKernels() {
    }

    /** The element count handled by full vectors of {@code lanes}. */
    private static long bound(long n, int lanes) {
        return n - n % lanes;
    }

    @Override
    public void addScaled(MemorySegment out, MemorySegment a, float c, MemorySegment x, long n) {
        Layouts.require(n, BYTES, out, a, x);
        long bound = bound(n, LANES);
        for (long off = 0, end = bound * BYTES; off < end; off += S.vectorByteSize()) {
            FloatVector xv = FloatVector.fromMemorySegment(S, x, off, LE);
            FloatVector av = FloatVector.fromMemorySegment(S, a, off, LE);
            // Determinism: lanewise mul, then lanewise add (two roundings; never lanewise FMA).
            av.add(xv.mul(c)).intoMemorySegment(out, off, LE);
        }
        ScalarFloatKernels.addScaled(out, a, c, x, bound, n);
    }

    @Override
    public void weightedSum(MemorySegment out, float[] c, MemorySegment[] x, long n) {
        ScalarFloatKernels.requireInputs(c.length, x, n, out);
        long bound = bound(n, LANES);
        VectorWeightedSum.f32(out, c, x, bound);
        ScalarFloatKernels.weightedSum(out, c, x, bound, n);
    }

    @Override
    public void taskArithmetic(MemorySegment out, MemorySegment b, float[] c, MemorySegment[] x, float lambda, long n) {
        ScalarFloatKernels.requireInputs(c.length, x, n, out);
        Layouts.require(n, BYTES, b);
        long bound = bound(n, LANES);
        VectorTaskArithmetic.f32(out, b, c, x, lambda, bound);
        ScalarFloatKernels.taskArithmetic(out, b, c, x, lambda, bound, n);
    }

    @Override
    public void scale(MemorySegment out, float c, MemorySegment x, long n) {
        Layouts.require(n, BYTES, out, x);
        long bound = bound(n, LANES);
        for (long off = 0, end = bound * BYTES; off < end; off += S.vectorByteSize()) {
            FloatVector.fromMemorySegment(S, x, off, LE).mul(c).intoMemorySegment(out, off, LE);
        }
        ScalarFloatKernels.scale(out, c, x, bound, n);
    }

    @Override
    public void add(MemorySegment out, MemorySegment a, MemorySegment b, long n) {
        Layouts.require(n, BYTES, out, a, b);
        long bound = bound(n, LANES);
        // Performance: one loop per operator, so C2 intrinsifies the lane-wise op (a VectorOperators parameter
        // passed through a shared helper is not constant-folded and falls back to per-lane Java).
        for (long off = 0, end = bound * BYTES; off < end; off += S.vectorByteSize()) {
            FloatVector.fromMemorySegment(S, a, off, LE).add(FloatVector.fromMemorySegment(S, b, off, LE))
                    .intoMemorySegment(out, off, LE);
        }
        ScalarFloatKernels.binary(BinaryOp.ADD, out, a, b, bound, n);
    }

    @Override
    public void subtract(MemorySegment out, MemorySegment a, MemorySegment b, long n) {
        Layouts.require(n, BYTES, out, a, b);
        long bound = bound(n, LANES);
        // Performance: one loop per operator, so C2 intrinsifies the lane-wise op (a VectorOperators parameter
        // passed through a shared helper is not constant-folded and falls back to per-lane Java).
        for (long off = 0, end = bound * BYTES; off < end; off += S.vectorByteSize()) {
            FloatVector.fromMemorySegment(S, a, off, LE).sub(FloatVector.fromMemorySegment(S, b, off, LE))
                    .intoMemorySegment(out, off, LE);
        }
        ScalarFloatKernels.binary(BinaryOp.SUBTRACT, out, a, b, bound, n);
    }

    @Override
    public void multiply(MemorySegment out, MemorySegment a, MemorySegment b, long n) {
        Layouts.require(n, BYTES, out, a, b);
        long bound = bound(n, LANES);
        // Performance: one loop per operator, so C2 intrinsifies the lane-wise op (a VectorOperators parameter
        // passed through a shared helper is not constant-folded and falls back to per-lane Java).
        for (long off = 0, end = bound * BYTES; off < end; off += S.vectorByteSize()) {
            FloatVector.fromMemorySegment(S, a, off, LE).mul(FloatVector.fromMemorySegment(S, b, off, LE))
                    .intoMemorySegment(out, off, LE);
        }
        ScalarFloatKernels.binary(BinaryOp.MULTIPLY, out, a, b, bound, n);
    }

    @Override
    public void divide(MemorySegment out, MemorySegment a, MemorySegment b, long n) {
        Layouts.require(n, BYTES, out, a, b);
        long bound = bound(n, LANES);
        // Performance: one loop per operator, so C2 intrinsifies the lane-wise op (a VectorOperators parameter
        // passed through a shared helper is not constant-folded and falls back to per-lane Java).
        for (long off = 0, end = bound * BYTES; off < end; off += S.vectorByteSize()) {
            FloatVector.fromMemorySegment(S, a, off, LE).div(FloatVector.fromMemorySegment(S, b, off, LE))
                    .intoMemorySegment(out, off, LE);
        }
        ScalarFloatKernels.binary(BinaryOp.DIVIDE, out, a, b, bound, n);
    }

    @Override
    public void sign(MemorySegment out, MemorySegment x, long n) {
        Layouts.require(n, BYTES, out, x);
        long bound = bound(n, LANES);
        FloatVector zero = FloatVector.zero(S);
        FloatVector one = FloatVector.broadcast(S, 1.0f);
        FloatVector minusOne = FloatVector.broadcast(S, -1.0f);
        for (long off = 0, end = bound * BYTES; off < end; off += S.vectorByteSize()) {
            FloatVector v = FloatVector.fromMemorySegment(S, x, off, LE);
            // Invariant: ±0.0 is neither > 0 nor < 0, so it maps to +0.0 (§2.8).
            zero.blend(one, v.compare(VectorOperators.GT, 0.0f))
                    .blend(minusOne, v.compare(VectorOperators.LT, 0.0f))
                    .intoMemorySegment(out, off, LE);
        }
        ScalarFloatKernels.sign(out, x, bound, n);
    }

    @Override
    public void thresholdKeep(MemorySegment out, MemorySegment x, float t, long n) {
        Layouts.require(n, BYTES, out, x);
        long bound = bound(n, LANES);
        FloatVector zero = FloatVector.zero(S);
        for (long off = 0, end = bound * BYTES; off < end; off += S.vectorByteSize()) {
            FloatVector v = FloatVector.fromMemorySegment(S, x, off, LE);
            zero.blend(v, v.abs().compare(VectorOperators.GE, t)).intoMemorySegment(out, off, LE);
        }
        ScalarFloatKernels.thresholdKeep(out, x, t, bound, n);
    }

    @Override
    public void randomKeep(MemorySegment out, MemorySegment x, long key, long firstIndex, double p, boolean rescale,
            long n) {
        Layouts.require(n, BYTES, out, x);
        Layouts.requireProbability(p);
        long bound = bound(n, VectorRandom.LANES);
        DoubleVector pv = DoubleVector.broadcast(D4, p);
        LongVector z = VectorRandom.counters(key, firstIndex);
        for (long j = 0; j < bound; j += VectorRandom.LANES) {
            DoubleVector u = VectorRandom.uniform(z);
            z = VectorRandom.next(z);
            keep4(out, x, j * BYTES, u.compare(VectorOperators.LT, pv), pv, rescale);
        }
        ScalarFloatKernels.randomKeep(out, x, key, firstIndex, p, rescale, bound, n);
    }

    @Override
    public void randomKeep(float[] x, int len, long key, long firstIndex, double p, boolean rescale) {
        java.util.Objects.checkFromIndexSize(0, len, x.length);
        ArrayKeep.vectorF32(x, len, key, firstIndex, p, rescale);
    }

    @Override
    public boolean allFinite(float[] x, int len) {
        java.util.Objects.checkFromIndexSize(0, len, x.length);
        return ArrayFinite.vectorAllFinite(x, len);
    }

    @Override
    public boolean subtractFinite(float[] out, MemorySegment x, long first, float[] b, int len) {
        java.util.Objects.checkFromIndexSize(0, len, Math.min(out.length, b.length));
        java.util.Objects.checkFromIndexSize(first, len, x.byteSize() / Float.BYTES);
        return ArrayFinite.vectorSubtract(out, x, first, b, len);
    }

    @Override
    public void trim(float[] x, float k, int len) {
        java.util.Objects.checkFromIndexSize(0, len, x.length);
        ArrayDisjoint.vectorTrim(x, k, len);
    }

    @Override
    public void band(float[] x, float h, float l, int len) {
        java.util.Objects.checkFromIndexSize(0, len, x.length);
        ArrayDisjoint.vectorBand(x, h, l, len);
    }

    @Override
    public void agree(float[] num, float[] den, float w, float[] x, float[] e, int len) {
        java.util.Objects.checkFromIndexSize(0, len, Math.min(Math.min(num.length, den.length),
                Math.min(x.length, e.length)));
        ArrayDisjoint.vectorAgree(num, den, w, x, e, len);
    }

    @Override
    public void divideByWeights(float[] num, float[] den, int len) {
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
            DoubleVector pv = DoubleVector.fromMemorySegment(D4, p, j * Double.BYTES, LE);
            DoubleVector u = VectorRandom.uniform(z);
            z = VectorRandom.next(z);
            keep4(out, x, j * BYTES, u.compare(VectorOperators.LT, pv), pv, rescale);
        }
        ScalarFloatKernels.randomKeep(out, x, key, firstIndex, p, rescale, bound, n);
    }

    /** Writes 4 elements at byte offset {@code off}: kept ones (rescaled in double, rounded once), others +0.0. */
    private static void keep4(MemorySegment out, MemorySegment x, long off, VectorMask<Double> keep, DoubleVector p,
            boolean rescale) {
        FloatVector v = FloatVector.fromMemorySegment(S4, x, off, LE);
        if (rescale) {
            // Determinism: (double) x / p in double, one rounding to float (§2.6), exactly the oracle's cast.
            DoubleVector wide = (DoubleVector) v.convertShape(VectorOperators.F2D, D4, 0);
            v = (FloatVector) wide.div(p).convertShape(VectorOperators.D2F, S4, 0);
        }
        FloatVector.zero(S4).blend(v, keep.cast(S4)).intoMemorySegment(out, off, LE);
    }

    @Override
    public float kthLargestMagnitude(MemorySegment x, long n, long k) {
        Layouts.requireRank(k, n);
        return kthSmallestMagnitude(x, n, n - k + 1);
    }

    @Override
    public float kthSmallestMagnitude(MemorySegment x, long n, long k) {
        Layouts.require(n, BYTES, x);
        Layouts.requireRank(k, n);
        return MagnitudeSelection.kthSmallestF32(x, null, n, new long[] {k}, true)[0];
    }

    @Override
    public float[] kthSmallestMagnitudesOfDifference(MemorySegment a, MemorySegment b, long n, long... ks) {
        Layouts.require(n, BYTES, a, b);
        for (long k : ks) {
            Layouts.requireRank(k, n);
        }
        return kthSmallestMagnitudesOfDifferences(new MemorySegment[] {a}, b, n, new long[][] {ks})[0];
    }

    /** Large tensors: {@link WindowSelect}, one pass for all contributions; small ones: the radix select. */
    @Override
    public float[][] kthSmallestMagnitudesOfDifferences(MemorySegment[] a, MemorySegment b, long n, long[][] ks) {
        for (int i = 0; i < a.length; i++) {
            Layouts.require(n, BYTES, a[i], b);
            for (long k : ks[i]) {
                Layouts.requireRank(k, n);
            }
        }
        if (n >= WindowSelect.MIN_ELEMENTS) {
            return WindowSelect.f32(a, b, n, ks).values();
        }
        float[][] out = new float[a.length][];
        for (int i = 0; i < a.length; i++) {
            out[i] = MagnitudeSelection.kthSmallestF32(a[i], b, n, ks[i], true);
        }
        return out;
    }

    @Override
    public void minRanks(MemorySegment ranks, MemorySegment x, long n) {
        Layouts.require(n, BYTES, x);
        Layouts.require(n, Long.BYTES, ranks);
        MagnitudeSelection.minRanksF32(ranks, x, n);
    }

    @Override
    public double sum(MemorySegment x, long n) {
        Layouts.require(n, BYTES, x);
        return VectorReductions.sumF32(x, n);
    }

    @Override
    public double dot(MemorySegment x, MemorySegment y, long n) {
        Layouts.require(n, BYTES, x, y);
        return VectorReductions.dotF32(x, y, n);
    }

    @Override
    public double sumSquares(MemorySegment x, long n) {
        return dot(x, x, n);
    }

    @Override
    public double sumSquaredDeviations(MemorySegment x, double mu, long n) {
        Layouts.require(n, BYTES, x);
        return VectorReductions.sumSquaredDeviationsF32(x, mu, n);
    }
}
