package io.mergelattice.kernels;

import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Fused task arithmetic {@code out_j = b_j + (λ · Σ_i c_i · (x_ij − b_j))} (spec §2.4, §2.6) on 256-bit vectors in
 * one pass: τ_ij is never materialised. Lane-wise: the difference, the product and each sum rounded in turn from
 * +0.0 over the inputs in order (never FMA), exactly like {@link ScalarFloatKernels#taskArithmetic}. k = 3 has a
 * straight-line loop with the segments in locals (as {@link VectorWeightedSum}); whole vectors only, the caller runs
 * the scalar tail from {@code bound}.
 */
final class VectorTaskArithmetic {

    private static final VectorSpecies<Float> F = FloatVector.SPECIES_256;
    private static final VectorSpecies<Double> D = DoubleVector.SPECIES_256;
    private static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;

    private VectorTaskArithmetic() {
    }

    /** F32 over elements [0, bound), bound a multiple of 8. */
    static void f32(MemorySegment out, MemorySegment b, float[] c, MemorySegment[] x, float lambda, long bound) {
        long end = bound * Float.BYTES;
        int step = F.vectorByteSize();
        FloatVector zero = FloatVector.zero(F);
        if (c.length == 3) {
            MemorySegment x0 = x[0];
            MemorySegment x1 = x[1];
            MemorySegment x2 = x[2];
            float c0 = c[0];
            float c1 = c[1];
            float c2 = c[2];
            for (long off = 0; off < end; off += step) {
                FloatVector bv = FloatVector.fromMemorySegment(F, b, off, LE);
                FloatVector acc = zero.add(FloatVector.fromMemorySegment(F, x0, off, LE).sub(bv).mul(c0));
                acc = acc.add(FloatVector.fromMemorySegment(F, x1, off, LE).sub(bv).mul(c1));
                acc = acc.add(FloatVector.fromMemorySegment(F, x2, off, LE).sub(bv).mul(c2));
                bv.add(acc.mul(lambda)).intoMemorySegment(out, off, LE);
            }
            return;
        }
        for (long off = 0; off < end; off += step) {
            FloatVector bv = FloatVector.fromMemorySegment(F, b, off, LE);
            FloatVector acc = zero;
            for (int i = 0; i < c.length; i++) {
                acc = acc.add(FloatVector.fromMemorySegment(F, x[i], off, LE).sub(bv).mul(c[i]));
            }
            bv.add(acc.mul(lambda)).intoMemorySegment(out, off, LE);
        }
    }

    /** F64 over elements [0, bound), bound a multiple of 4. */
    static void f64(MemorySegment out, MemorySegment b, double[] c, MemorySegment[] x, double lambda, long bound) {
        long end = bound * Double.BYTES;
        int step = D.vectorByteSize();
        DoubleVector zero = DoubleVector.zero(D);
        if (c.length == 3) {
            MemorySegment x0 = x[0];
            MemorySegment x1 = x[1];
            MemorySegment x2 = x[2];
            double c0 = c[0];
            double c1 = c[1];
            double c2 = c[2];
            for (long off = 0; off < end; off += step) {
                DoubleVector bv = DoubleVector.fromMemorySegment(D, b, off, LE);
                DoubleVector acc = zero.add(DoubleVector.fromMemorySegment(D, x0, off, LE).sub(bv).mul(c0));
                acc = acc.add(DoubleVector.fromMemorySegment(D, x1, off, LE).sub(bv).mul(c1));
                acc = acc.add(DoubleVector.fromMemorySegment(D, x2, off, LE).sub(bv).mul(c2));
                bv.add(acc.mul(lambda)).intoMemorySegment(out, off, LE);
            }
            return;
        }
        for (long off = 0; off < end; off += step) {
            DoubleVector bv = DoubleVector.fromMemorySegment(D, b, off, LE);
            DoubleVector acc = zero;
            for (int i = 0; i < c.length; i++) {
                acc = acc.add(DoubleVector.fromMemorySegment(D, x[i], off, LE).sub(bv).mul(c[i]));
            }
            bv.add(acc.mul(lambda)).intoMemorySegment(out, off, LE);
        }
    }
}
