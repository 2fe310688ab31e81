package io.mergelattice.kernels;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The last steps of the sparsifying strategies fused into one loop over a chunk held in Java arrays (spec §2.6,
 * §2.17): the scalar oracle and the Vector API implementation behind
 * {@link FloatKernels#disjointMerge(float[][], float[], boolean, boolean, float, float[], float[], int)},
 * {@link FloatKernels#taskSum(float[][], float[], float, float[], float[], int)} and their F64 twins.
 *
 * <p>Every element performs exactly the operations of the step-by-step loops, in the same order over i: for B2 + B3
 * S_j = Σ_i (ω̂_i · v_ij) (or C_j = Σ_i sign(v_ij)), E_j = sign, num_j = Σ_i (ω̂_i · (v_ij · m_ij)),
 * den_j = Σ_i (ω̂_i · m_ij), M_j = num_j / max(den_j, MIN_VALUE) if normalise, out_j = b_j + (λ̂ · M_j); for the task
 * sum acc_j = Σ_i (ĉ_i · v_ij) from +0.0 and out_j = b_j + (λ̂ · acc_j). Lanes are elements, so the vector path is
 * the oracle lane by lane. Only the order of the loops changes: one pass over the chunk instead of 2n + 6.
 *
 * <p>The overflow rule (§2.13) stays with the caller: {@code disjointMerge} returns false when a value the step-by-step
 * path checks (v_ij for the count vote, S_j for the sum vote, M_j) is not finite, and the caller then reruns the
 * chunk step by step, which reports the first such value exactly as before.
 */
final class ArrayFused {
    private static final VectorSpecies<Float> F = FloatVector.SPECIES_256;
    private static final VectorSpecies<Double> D = DoubleVector.SPECIES_256;

    private ArrayFused() {
    }

    // Scalar oracles from element `from` (the vector paths finish their tails here).

    static boolean disjoint(float[][] v, float[] w, boolean count, boolean normalize, float lambda, float[] b,
            float[] out, int from, int len) {
        boolean finite = true;
        for (int j = from; j < len; j++) {
            float s = 0.0f;
            for (int i = 0; i < v.length; i++) {
                float x = v[i][j];
                if (count) {
                    finite &= Float.isFinite(x);
                    s = s + Math.signum(x);
                } else {
                    s = s + w[i] * x;
                }
            }
            finite &= Float.isFinite(s);
            float e = Math.signum(s);
            float num = 0.0f;
            float den = 0.0f;
            for (int i = 0; i < v.length; i++) {
                float x = v[i][j];
                float m = (x > 0 && e > 0) || (x < 0 && e < 0) ? 1.0f : 0.0f;
                num = num + w[i] * (x * m);
                den = den + w[i] * m;
            }
            if (normalize) {
                num = num / Math.max(den, Float.MIN_VALUE);
            }
            finite &= Float.isFinite(num);
            out[j] = b[j] + lambda * num;
        }
        return finite;
    }

    static boolean disjoint(double[][] v, double[] w, boolean count, boolean normalize, double lambda, double[] b,
            double[] out, int from, int len) {
        boolean finite = true;
        for (int j = from; j < len; j++) {
            double s = 0.0;
            for (int i = 0; i < v.length; i++) {
                double x = v[i][j];
                if (count) {
                    finite &= Double.isFinite(x);
                    s = s + Math.signum(x);
                } else {
                    s = s + w[i] * x;
                }
            }
            finite &= Double.isFinite(s);
            double e = Math.signum(s);
            double num = 0.0;
            double den = 0.0;
            for (int i = 0; i < v.length; i++) {
                double x = v[i][j];
                double m = (x > 0 && e > 0) || (x < 0 && e < 0) ? 1.0 : 0.0;
                num = num + w[i] * (x * m);
                den = den + w[i] * m;
            }
            if (normalize) {
                num = num / Math.max(den, Double.MIN_VALUE);
            }
            finite &= Double.isFinite(num);
            out[j] = b[j] + lambda * num;
        }
        return finite;
    }

    static void taskSum(float[][] v, float[] c, float lambda, float[] b, float[] out, int from, int len) {
        for (int j = from; j < len; j++) {
            float acc = 0.0f;
            for (int i = 0; i < v.length; i++) {
                acc = acc + c[i] * v[i][j];
            }
            out[j] = b[j] + lambda * acc;
        }
    }

    static void taskSum(double[][] v, double[] c, double lambda, double[] b, double[] out, int from, int len) {
        for (int j = from; j < len; j++) {
            double acc = 0.0;
            for (int i = 0; i < v.length; i++) {
                acc = acc + c[i] * v[i][j];
            }
            out[j] = b[j] + lambda * acc;
        }
    }

    // Vector API implementations. A lane's 0/1 factor is the oracle's; x · 0 is NaN exactly for a non-finite x, so
    // the sum of such products flags a non-finite value (the flag is only tested, never part of a result). The
    // elected sign is compared afresh for every contribution: a mask kept live across the inner loop measured slower.

    static boolean vectorDisjoint(float[][] v, float[] w, boolean count, boolean normalize, float lambda, float[] b,
            float[] out, int len) {
        int bound = len - len % F.length();
        FloatVector zero = FloatVector.zero(F);
        FloatVector one = FloatVector.broadcast(F, 1.0f);
        FloatVector flag = zero;
        for (int j = 0; j < bound; j += F.length()) {
            FloatVector s = zero;
            for (int i = 0; i < v.length; i++) {
                FloatVector x = FloatVector.fromArray(F, v[i], j);
                if (count) {
                    flag = flag.add(x.mul(0.0f));
                    // C_j + sign(v_ij) as + [v > 0] − [v < 0]: exact small integers, the same signs.
                    s = s.add(zero.blend(one, x.compare(VectorOperators.GT, 0.0f)))
                            .sub(zero.blend(one, x.compare(VectorOperators.LT, 0.0f)));
                } else {
                    s = s.add(x.mul(w[i]));
                }
            }
            flag = flag.add(s.mul(0.0f));
            FloatVector num = zero;
            FloatVector den = zero;
            for (int i = 0; i < v.length; i++) {
                FloatVector x = FloatVector.fromArray(F, v[i], j);
                FloatVector m = zero.blend(one, x.compare(VectorOperators.GT, 0.0f).and(s.compare(VectorOperators.GT,
                        0.0f)).or(x.compare(VectorOperators.LT, 0.0f).and(s.compare(VectorOperators.LT, 0.0f))));
                num = num.add(x.mul(m).mul(w[i]));
                den = den.add(m.mul(w[i]));
            }
            if (normalize) {
                num = num.div(den.max(Float.MIN_VALUE));
            }
            flag = flag.add(num.mul(0.0f));
            FloatVector.fromArray(F, b, j).add(num.mul(lambda)).intoArray(out, j);
        }
        boolean tail = disjoint(v, w, count, normalize, lambda, b, out, bound, len);
        return tail && !flag.test(VectorOperators.IS_NAN).anyTrue();
    }

    static boolean vectorDisjoint(double[][] v, double[] w, boolean count, boolean normalize, double lambda,
            double[] b, double[] out, int len) {
        int bound = len - len % D.length();
        DoubleVector zero = DoubleVector.zero(D);
        DoubleVector one = DoubleVector.broadcast(D, 1.0);
        DoubleVector flag = zero;
        for (int j = 0; j < bound; j += D.length()) {
            DoubleVector s = zero;
            for (int i = 0; i < v.length; i++) {
                DoubleVector x = DoubleVector.fromArray(D, v[i], j);
                if (count) {
                    flag = flag.add(x.mul(0.0));
                    s = s.add(zero.blend(one, x.compare(VectorOperators.GT, 0.0)))
                            .sub(zero.blend(one, x.compare(VectorOperators.LT, 0.0)));
                } else {
                    s = s.add(x.mul(w[i]));
                }
            }
            flag = flag.add(s.mul(0.0));
            DoubleVector num = zero;
            DoubleVector den = zero;
            for (int i = 0; i < v.length; i++) {
                DoubleVector x = DoubleVector.fromArray(D, v[i], j);
                DoubleVector m = zero.blend(one, x.compare(VectorOperators.GT, 0.0).and(s.compare(VectorOperators.GT,
                        0.0)).or(x.compare(VectorOperators.LT, 0.0).and(s.compare(VectorOperators.LT, 0.0))));
                num = num.add(x.mul(m).mul(w[i]));
                den = den.add(m.mul(w[i]));
            }
            if (normalize) {
                num = num.div(den.max(Double.MIN_VALUE));
            }
            flag = flag.add(num.mul(0.0));
            DoubleVector.fromArray(D, b, j).add(num.mul(lambda)).intoArray(out, j);
        }
        boolean tail = disjoint(v, w, count, normalize, lambda, b, out, bound, len);
        return tail && !flag.test(VectorOperators.IS_NAN).anyTrue();
    }

    static void vectorTaskSum(float[][] v, float[] c, float lambda, float[] b, float[] out, int len) {
        int bound = len - len % F.length();
        for (int j = 0; j < bound; j += F.length()) {
            FloatVector acc = FloatVector.zero(F);
            for (int i = 0; i < v.length; i++) {
                acc = acc.add(FloatVector.fromArray(F, v[i], j).mul(c[i]));
            }
            FloatVector.fromArray(F, b, j).add(acc.mul(lambda)).intoArray(out, j);
        }
        taskSum(v, c, lambda, b, out, bound, len);
    }

    static void vectorTaskSum(double[][] v, double[] c, double lambda, double[] b, double[] out, int len) {
        int bound = len - len % D.length();
        for (int j = 0; j < bound; j += D.length()) {
            DoubleVector acc = DoubleVector.zero(D);
            for (int i = 0; i < v.length; i++) {
                acc = acc.add(DoubleVector.fromArray(D, v[i], j).mul(c[i]));
            }
            DoubleVector.fromArray(D, b, j).add(acc.mul(lambda)).intoArray(out, j);
        }
        taskSum(v, c, lambda, b, out, bound, len);
    }
}
