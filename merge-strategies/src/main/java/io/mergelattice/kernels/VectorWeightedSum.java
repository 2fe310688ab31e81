package io.mergelattice.kernels;

import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The fused multi-input weighted sum {@code out_j = Σ_i c_i · x_ij} (spec §2.6) on 256-bit vectors, one pass over
 * the inputs. Up to 3 inputs have straight-line loops with the segments and coefficients in locals (this is what
 * reaches memcpy bandwidth for k = 3); more inputs use a loop over the inputs per vector. Every path computes
 * {@code ((+0.0 + c_0·x_0) + c_1·x_1) + …} lane-wise, with the products rounded first, exactly like the oracle.
 * Only whole vectors are handled here: the caller runs the scalar tail from {@code bound}.
 */
final class VectorWeightedSum {

    private static final VectorSpecies<Float> F = FloatVector.SPECIES_256;
    private static final VectorSpecies<Double> D = DoubleVector.SPECIES_256;
    private static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;

    private VectorWeightedSum() {
    }

    /** F32 over elements [0, bound), bound a multiple of 8. */
    static void f32(MemorySegment out, float[] c, MemorySegment[] x, long bound) {
        long end = bound * Float.BYTES;
        int step = F.vectorByteSize();
        FloatVector zero = FloatVector.zero(F);
        switch (c.length) {
            case 0 -> {
                for (long off = 0; off < end; off += step) {
                    zero.intoMemorySegment(out, off, LE);
                }
            }
            case 1 -> {
                MemorySegment x0 = x[0];
                float c0 = c[0];
                for (long off = 0; off < end; off += step) {
                    zero.add(FloatVector.fromMemorySegment(F, x0, off, LE).mul(c0)).intoMemorySegment(out, off, LE);
                }
            }
            case 2 -> {
                MemorySegment x0 = x[0];
                MemorySegment x1 = x[1];
                float c0 = c[0];
                float c1 = c[1];
                for (long off = 0; off < end; off += step) {
                    FloatVector acc = zero.add(FloatVector.fromMemorySegment(F, x0, off, LE).mul(c0));
                    acc.add(FloatVector.fromMemorySegment(F, x1, off, LE).mul(c1)).intoMemorySegment(out, off, LE);
                }
            }
            case 3 -> {
                MemorySegment x0 = x[0];
                MemorySegment x1 = x[1];
                MemorySegment x2 = x[2];
                float c0 = c[0];
                float c1 = c[1];
                float c2 = c[2];
                for (long off = 0; off < end; off += step) {
                    // Determinism: +0.0 first, then inputs in order, product before sum (no FMA).
                    FloatVector acc = zero.add(FloatVector.fromMemorySegment(F, x0, off, LE).mul(c0));
                    acc = acc.add(FloatVector.fromMemorySegment(F, x1, off, LE).mul(c1));
                    acc.add(FloatVector.fromMemorySegment(F, x2, off, LE).mul(c2)).intoMemorySegment(out, off, LE);
                }
            }
            default -> {
                for (long off = 0; off < end; off += step) {
                    FloatVector acc = zero;
                    for (int i = 0; i < c.length; i++) {
                        acc = acc.add(FloatVector.fromMemorySegment(F, x[i], off, LE).mul(c[i]));
                    }
                    acc.intoMemorySegment(out, off, LE);
                }
            }
        }
    }

    /** F64 over elements [0, bound), bound a multiple of 4. */
    static void f64(MemorySegment out, double[] c, MemorySegment[] x, long bound) {
        long end = bound * Double.BYTES;
        int step = D.vectorByteSize();
        DoubleVector zero = DoubleVector.zero(D);
        switch (c.length) {
            case 0 -> {
                for (long off = 0; off < end; off += step) {
                    zero.intoMemorySegment(out, off, LE);
                }
            }
            case 1 -> {
                MemorySegment x0 = x[0];
                double c0 = c[0];
                for (long off = 0; off < end; off += step) {
                    zero.add(DoubleVector.fromMemorySegment(D, x0, off, LE).mul(c0)).intoMemorySegment(out, off, LE);
                }
            }
            case 2 -> {
                MemorySegment x0 = x[0];
                MemorySegment x1 = x[1];
                double c0 = c[0];
                double c1 = c[1];
                for (long off = 0; off < end; off += step) {
                    DoubleVector acc = zero.add(DoubleVector.fromMemorySegment(D, x0, off, LE).mul(c0));
                    acc.add(DoubleVector.fromMemorySegment(D, x1, off, LE).mul(c1)).intoMemorySegment(out, off, LE);
                }
            }
            case 3 -> {
                MemorySegment x0 = x[0];
                MemorySegment x1 = x[1];
                MemorySegment x2 = x[2];
                double c0 = c[0];
                double c1 = c[1];
                double c2 = c[2];
                for (long off = 0; off < end; off += step) {
                    DoubleVector acc = zero.add(DoubleVector.fromMemorySegment(D, x0, off, LE).mul(c0));
                    acc = acc.add(DoubleVector.fromMemorySegment(D, x1, off, LE).mul(c1));
                    acc.add(DoubleVector.fromMemorySegment(D, x2, off, LE).mul(c2)).intoMemorySegment(out, off, LE);
                }
            }
            default -> {
                for (long off = 0; off < end; off += step) {
                    DoubleVector acc = zero;
                    for (int i = 0; i < c.length; i++) {
                        acc = acc.add(DoubleVector.fromMemorySegment(D, x[i], off, LE).mul(c[i]));
                    }
                    acc.intoMemorySegment(out, off, LE);
                }
            }
        }
    }
}
