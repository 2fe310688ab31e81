package io.mergelattice.kernels;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
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

    /** m = [x_j, e_j non-zero of the same sign]; num_j ← num_j + (w · (x_j · m)); den_j ← den_j + (w · m). */
    static void agree(float[] num, float[] den, float w, float[] x, float[] e, int from, int len) {
        for (int j = from; j < len; j++) {
            float m = (x[j] > 0 && e[j] > 0) || (x[j] < 0 && e[j] < 0) ? 1.0f : 0.0f;
            num[j] = num[j] + w * (x[j] * m);
            den[j] = den[j] + w * m;
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
            double m = (x[j] > 0 && e[j] > 0) || (x[j] < 0 && e[j] < 0) ? 1.0 : 0.0;
            num[j] = num[j] + w * (x[j] * m);
            den[j] = den[j] + w * m;
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

    static void vectorAgree(float[] num, float[] den, float w, float[] x, float[] e, int len) {
        int bound = len - len % F.length();
        FloatVector one = FloatVector.broadcast(F, 1.0f);
        FloatVector zero = FloatVector.zero(F);
        for (int j = 0; j < bound; j += F.length()) {
            FloatVector v = FloatVector.fromArray(F, x, j);
            FloatVector s = FloatVector.fromArray(F, e, j);
            FloatVector m = zero.blend(one, v.compare(VectorOperators.GT, 0.0f).and(s.compare(VectorOperators.GT,
                    0.0f)).or(v.compare(VectorOperators.LT, 0.0f).and(s.compare(VectorOperators.LT, 0.0f))));
            FloatVector.fromArray(F, num, j).add(v.mul(m).mul(w)).intoArray(num, j);
            FloatVector.fromArray(F, den, j).add(m.mul(w)).intoArray(den, j);
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
        DoubleVector one = DoubleVector.broadcast(D, 1.0);
        DoubleVector zero = DoubleVector.zero(D);
        for (int j = 0; j < bound; j += D.length()) {
            DoubleVector v = DoubleVector.fromArray(D, x, j);
            DoubleVector s = DoubleVector.fromArray(D, e, j);
            DoubleVector m = zero.blend(one, v.compare(VectorOperators.GT, 0.0).and(s.compare(VectorOperators.GT,
                    0.0)).or(v.compare(VectorOperators.LT, 0.0).and(s.compare(VectorOperators.LT, 0.0))));
            DoubleVector.fromArray(D, num, j).add(v.mul(m).mul(w)).intoArray(num, j);
            DoubleVector.fromArray(D, den, j).add(m.mul(w)).intoArray(den, j);
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
