package io.mergelattice.kernels;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The element loops of B1 trim and B3 disjoint (spec §2.17) on chunks held in Java arrays: the scalar oracle and
 * the Vector API implementation behind {@link FloatKernels#trim(float[], float, int)},
 * {@link FloatKernels#agree(float[], float[], float, float[], float[], int)} and
 * {@link FloatKernels#divideByWeights(float[], float[], int)} and their F64 twins. Selections are 0/1 factors, so
 * the vector path performs exactly the oracle's roundings: a lane's factor is 1 or 0 as the oracle's, and the same
 * products and sums follow (inputs are finite, §2.13).
 */
final class ArrayDisjoint {
    private static final VectorSpecies<Float> F = FloatVector.SPECIES_256;
    private static final VectorSpecies<Double> D = DoubleVector.SPECIES_256;

    private ArrayDisjoint() {
    }

    // Scalar oracles (from = the first element to process, so that the vector paths finish their tails here).

    /** x_j ← x_j · [|x_j| ≥ k]. */
    static void trim(float[] x, float k, int from, int len) {
        for (int j = from; j < len; j++) {
            x[j] = x[j] * (Math.abs(x[j]) >= k ? 1.0f : 0.0f);
        }
    }

    /** x_j ← x_j · [l &lt; |x_j| &lt; h]. */
    static void band(float[] x, float h, float l, int from, int len) {
        for (int j = from; j < len; j++) {
            float a = Math.abs(x[j]);
            x[j] = x[j] * (a < h && a > l ? 1.0f : 0.0f);
        }
    }

    static void band(double[] x, double h, double l, int from, int len) {
        for (int j = from; j < len; j++) {
            double a = Math.abs(x[j]);
            x[j] = x[j] * (a < h && a > l ? 1.0 : 0.0);
        }
    }

    /**
     * If x_j and the sign e_j are non-zero of the same sign: num_j ← num_j + (w · x_j), den_j ← den_j + w; else both
     * gain +0.0 (so an accumulator that started at +0.0 is unchanged, as by w · (x_j · 0) in B3's formula).
     */
    static void agree(float[] num, float[] den, float w, float[] x, float[] e, int from, int len) {
        for (int j = from; j < len; j++) {
            boolean m = (x[j] > 0 && e[j] > 0) || (x[j] < 0 && e[j] < 0);
            num[j] = num[j] + (m ? w * x[j] : 0.0f);
            den[j] = den[j] + (m ? w : 0.0f);
        }
    }

    /** num_j ← num_j / max(den_j, MIN_VALUE). */
    static void divide(float[] num, float[] den, int from, int len) {
        for (int j = from; j < len; j++) {
            num[j] = num[j] / Math.max(den[j], Float.MIN_VALUE);
        }
    }

    static void trim(double[] x, double k, int from, int len) {
        for (int j = from; j < len; j++) {
            x[j] = x[j] * (Math.abs(x[j]) >= k ? 1.0 : 0.0);
        }
    }

    static void agree(double[] num, double[] den, double w, double[] x, double[] e, int from, int len) {
        for (int j = from; j < len; j++) {
            boolean m = (x[j] > 0 && e[j] > 0) || (x[j] < 0 && e[j] < 0);
            num[j] = num[j] + (m ? w * x[j] : 0.0);
            den[j] = den[j] + (m ? w : 0.0);
        }
    }

    static void divide(double[] num, double[] den, int from, int len) {
        for (int j = from; j < len; j++) {
            num[j] = num[j] / Math.max(den[j], Double.MIN_VALUE);
        }
    }

    // Vector API implementations.

    static void vectorTrim(float[] x, float k, int len) {
        int bound = len - len % F.length();
        FloatVector one = FloatVector.broadcast(F, 1.0f);
        FloatVector zero = FloatVector.zero(F);
        for (int j = 0; j < bound; j += F.length()) {
            FloatVector v = FloatVector.fromArray(F, x, j);
            v.mul(zero.blend(one, v.abs().compare(VectorOperators.GE, k))).intoArray(x, j);
        }
        trim(x, k, bound, len);
    }

    static void vectorBand(float[] x, float h, float l, int len) {
        int bound = len - len % F.length();
        FloatVector one = FloatVector.broadcast(F, 1.0f);
        FloatVector zero = FloatVector.zero(F);
        for (int j = 0; j < bound; j += F.length()) {
            FloatVector v = FloatVector.fromArray(F, x, j);
            FloatVector a = v.abs();
            v.mul(zero.blend(one, a.compare(VectorOperators.LT, h).and(a.compare(VectorOperators.GT, l))))
                    .intoArray(x, j);
        }
        band(x, h, l, bound, len);
    }

    static void vectorBand(double[] x, double h, double l, int len) {
        int bound = len - len % D.length();
        DoubleVector one = DoubleVector.broadcast(D, 1.0);
        DoubleVector zero = DoubleVector.zero(D);
        for (int j = 0; j < bound; j += D.length()) {
            DoubleVector v = DoubleVector.fromArray(D, x, j);
            DoubleVector a = v.abs();
            v.mul(zero.blend(one, a.compare(VectorOperators.LT, h).and(a.compare(VectorOperators.GT, l))))
                    .intoArray(x, j);
        }
        band(x, h, l, bound, len);
    }

    // Agreement as x_j · e_j > 0: for a sign e_j ∈ {−1, ±0, +1} the product is exactly ±x_j or ±0.0, so it is
    // positive exactly when the oracle's four comparisons hold (and never for NaN), in one multiply and one compare.

    static void vectorAgree(float[] num, float[] den, float w, float[] x, float[] e, int len) {
        int bound = len - len % F.length();
        FloatVector zero = FloatVector.zero(F);
        FloatVector wv = FloatVector.broadcast(F, w);
        for (int j = 0; j < bound; j += F.length()) {
            FloatVector v = FloatVector.fromArray(F, x, j);
            VectorMask<Float> m = v.mul(FloatVector.fromArray(F, e, j)).compare(VectorOperators.GT, 0.0f);
            FloatVector.fromArray(F, num, j).add(zero.blend(v.mul(w), m)).intoArray(num, j);
            FloatVector.fromArray(F, den, j).add(zero.blend(wv, m)).intoArray(den, j);
        }
        agree(num, den, w, x, e, bound, len);
    }

    static void vectorDivide(float[] num, float[] den, int len) {
        int bound = len - len % F.length();
        for (int j = 0; j < bound; j += F.length()) {
            FloatVector.fromArray(F, num, j).div(FloatVector.fromArray(F, den, j).max(Float.MIN_VALUE))
                    .intoArray(num, j);
        }
        divide(num, den, bound, len);
    }

    static void vectorTrim(double[] x, double k, int len) {
        int bound = len - len % D.length();
        DoubleVector one = DoubleVector.broadcast(D, 1.0);
        DoubleVector zero = DoubleVector.zero(D);
        for (int j = 0; j < bound; j += D.length()) {
            DoubleVector v = DoubleVector.fromArray(D, x, j);
            v.mul(zero.blend(one, v.abs().compare(VectorOperators.GE, k))).intoArray(x, j);
        }
        trim(x, k, bound, len);
    }

    static void vectorAgree(double[] num, double[] den, double w, double[] x, double[] e, int len) {
        int bound = len - len % D.length();
        DoubleVector zero = DoubleVector.zero(D);
        DoubleVector wv = DoubleVector.broadcast(D, w);
        for (int j = 0; j < bound; j += D.length()) {
            DoubleVector v = DoubleVector.fromArray(D, x, j);
            VectorMask<Double> m = v.mul(DoubleVector.fromArray(D, e, j)).compare(VectorOperators.GT, 0.0);
            DoubleVector.fromArray(D, num, j).add(zero.blend(v.mul(w), m)).intoArray(num, j);
            DoubleVector.fromArray(D, den, j).add(zero.blend(wv, m)).intoArray(den, j);
        }
        agree(num, den, w, x, e, bound, len);
    }

    static void vectorDivide(double[] num, double[] den, int len) {
        int bound = len - len % D.length();
        for (int j = 0; j < bound; j += D.length()) {
            DoubleVector.fromArray(D, num, j).div(DoubleVector.fromArray(D, den, j).max(Double.MIN_VALUE))
                    .intoArray(num, j);
        }
        divide(num, den, bound, len);
    }
}
