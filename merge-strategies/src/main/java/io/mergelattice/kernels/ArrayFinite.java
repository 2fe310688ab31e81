package io.mergelattice.kernels;

import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Finiteness checks (the overflow rule, spec §2.13) of chunks held in Java arrays, and the task-vector chunk
 * τ_j = x_{from+j} − b_j (§2.4) read straight from a tensor segment, with its check: the scalar oracle and the
 * Vector API implementation behind {@link FloatKernels#allFinite(float[], int)} and
 * {@link FloatKernels#subtractFinite(float[], MemorySegment, long, float[], int)} and their F64 twins. The vector
 * path sums v_j · 0 lane-wise: a product is ±0.0 for finite v_j and NaN otherwise, and a NaN is sticky, so the sums
 * are NaN iff some element is not finite (a yes/no answer; no value is written from it).
 */
final class ArrayFinite {
    private static final VectorSpecies<Float> F = FloatVector.SPECIES_256;
    private static final VectorSpecies<Double> D = DoubleVector.SPECIES_256;
    private static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;

    private ArrayFinite() {
    }

    static boolean allFinite(float[] x, int from, int len) {
        boolean ok = true;
        for (int j = from; j < len; j++) {
            ok &= Float.isFinite(x[j]);
        }
        return ok;
    }

    static boolean allFinite(double[] x, int from, int len) {
        boolean ok = true;
        for (int j = from; j < len; j++) {
            ok &= Double.isFinite(x[j]);
        }
        return ok;
    }

    static boolean subtract(float[] out, MemorySegment x, long first, float[] b, int from, int len) {
        for (int j = from; j < len; j++) {
            out[j] = x.getAtIndex(Layouts.F32, first + j) - b[j];
        }
        return allFinite(out, from, len);
    }

    static boolean subtract(double[] out, MemorySegment x, long first, double[] b, int from, int len) {
        for (int j = from; j < len; j++) {
            out[j] = x.getAtIndex(Layouts.F64, first + j) - b[j];
        }
        return allFinite(out, from, len);
    }

    static boolean vectorAllFinite(float[] x, int len) {
        int bound = len - len % F.length();
        FloatVector acc = FloatVector.zero(F);
        for (int j = 0; j < bound; j += F.length()) {
            acc = acc.add(FloatVector.fromArray(F, x, j).mul(0.0f));
        }
        return !acc.test(VectorOperators.IS_NAN).anyTrue() & allFinite(x, bound, len);
    }

    static boolean vectorAllFinite(double[] x, int len) {
        int bound = len - len % D.length();
        DoubleVector acc = DoubleVector.zero(D);
        for (int j = 0; j < bound; j += D.length()) {
            acc = acc.add(DoubleVector.fromArray(D, x, j).mul(0.0));
        }
        return !acc.test(VectorOperators.IS_NAN).anyTrue() & allFinite(x, bound, len);
    }

    static boolean vectorSubtract(float[] out, MemorySegment x, long first, float[] b, int len) {
        int bound = len - len % F.length();
        FloatVector acc = FloatVector.zero(F);
        for (int j = 0; j < bound; j += F.length()) {
            FloatVector v = FloatVector.fromMemorySegment(F, x, (first + j) * Float.BYTES, LE)
                    .sub(FloatVector.fromArray(F, b, j));
            v.intoArray(out, j);
            acc = acc.add(v.mul(0.0f));
        }
        return !acc.test(VectorOperators.IS_NAN).anyTrue() & subtract(out, x, first, b, bound, len);
    }

    static boolean vectorSubtract(double[] out, MemorySegment x, long first, double[] b, int len) {
        int bound = len - len % D.length();
        DoubleVector acc = DoubleVector.zero(D);
        for (int j = 0; j < bound; j += D.length()) {
            DoubleVector v = DoubleVector.fromMemorySegment(D, x, (first + j) * Double.BYTES, LE)
                    .sub(DoubleVector.fromArray(D, b, j));
            v.intoArray(out, j);
            acc = acc.add(v.mul(0.0));
        }
        return !acc.test(VectorOperators.IS_NAN).anyTrue() & subtract(out, x, first, b, bound, len);
    }
}
