package io.mergelattice.strategies.blocks;

import io.mergelattice.strategy.MergeException;

/**
 * B3 disjoint(v, ω, E, normalize) of strategies spec §2.17, fused with the B2 vote ({@link Elect}) and the final
 * r = b + (λ̂ · M) of ties, della and dare_ties (§3.5, §3.7, §3.8), on one chunk of elements:
 * agree_ij = (v_ij ≠ 0) ∧ (E_j ≠ 0) ∧ (sign(v_ij) = E_j); num_j = Σ_i [agree_ij] (ω̂_i · v_ij),
 * den_j = Σ_i [agree_ij] ω̂_i, both in P over i in order; M_j = num_j / den_j if den_j > 0 else +0.0 (normalize),
 * or num_j. The product ω̂_i · v_ij is the very value used in the B2 sum. ω̂ are the raw weights rounded to P.
 *
 * <p>Loops run contribution by contribution over the chunk, so each element still accumulates over i in canonical
 * order; B1's trim, B3's agreement and its normalisation run on the kernels backend (exact 0/1 selections), the
 * other loops are plain and C2 vectorises them. Overflow (§2.13): every v_ij, the
 * elected sum S_j and M_j are checked, so a non-finite value can neither vote nor be skipped silently; an overflow
 * of λ̂ · M or of the sum with b is left to the runner's check of r. With the sum vote the v_ij are checked only when
 * some S_j is not finite: ω̂_i is positive and finite and the trim keeps x or gives ±0.0, so a non-finite v_ij makes
 * S_j non-finite, and a non-finite sum stays so; the checks then run in the original order, with the same error.
 */
public final class Disjoint {
    private final SliceOps ops;
    private final Elect method;
    private final boolean normalize;
    private final double[] w;
    private final double lambda;
    private final float[] wf;
    private final float[] sf;
    private final float[] nf;
    private final float[] df;
    private final double[] sd;
    private final double[] nd;
    private final double[] dd;

    /**
     * @param omega the raw weights ω_i (R+ mode: positive and normal after rounding, §2.3)
     * @param lambda λ (rounded to P here)
     * @param maxLen the longest chunk that will be passed
     */
    public Disjoint(SliceOps ops, double[] omega, Elect method, boolean normalize, double lambda, int maxLen)
            throws MergeException {
        this.ops = ops;
        this.method = method;
        this.normalize = normalize;
        this.w = ops.round(omega, "weight");
        this.lambda = ops.round(lambda, "lambda");
        this.wf = SliceOps.floats(w);
        boolean f = ops.isF32();
        this.sf = f ? new float[maxLen] : null;
        this.nf = f ? new float[maxLen] : null;
        this.df = f ? new float[maxLen] : null;
        this.sd = f ? null : new double[maxLen];
        this.nd = f ? null : new double[maxLen];
        this.dd = f ? null : new double[maxLen];
    }

    private Disjoint(Disjoint o, int maxLen) {
        this.ops = o.ops; // only its stateless kernels are used
        this.method = o.method;
        this.normalize = o.normalize;
        this.w = o.w;
        this.lambda = o.lambda;
        this.wf = o.wf;
        boolean f = o.sf != null;
        this.sf = f ? new float[maxLen] : null;
        this.nf = f ? new float[maxLen] : null;
        this.df = f ? new float[maxLen] : null;
        this.sd = f ? null : new double[maxLen];
        this.nd = f ? null : new double[maxLen];
        this.dd = f ? null : new double[maxLen];
    }

    /** The same B2 + B3 with its own buffers (one per thread). */
    public Disjoint copy(int maxLen) {
        return new Disjoint(this, maxLen);
    }

    /**
     * out_j = b_j + (λ̂ · M_j) for j &lt; len. v_ij is taken as +0.0 when |v_ij| &lt; keep[i] (B1's threshold;
     * {@code keep == null} keeps everything); {@code v} is overwritten. {@code first} is the flat index of element 0.
     */
    public void apply(float[][] v, double[] keep, float[] b, float[] out, int len, long first) throws MergeException {
        float[] e = sf; // the elected sums S_j (or the counts C_j), then the signs E_j
        java.util.Arrays.fill(e, 0, len, 0.0f);
        boolean sum = method == Elect.SUM;
        for (int i = 0; i < v.length; i++) {
            if (!sum) {
                ops.check(v[i], len, first, "sparsified task vector " + i);
            }
            if (keep != null) {
                ops.f32().trim(v[i], (float) keep[i], len); // exact: thresholds are P values
            }
            if (sum) {
                vote(e, wf[i], v[i], len);
            } else {
                count(e, v[i], len);
            }
        }
        if (sum && !ops.f32().allFinite(e, len)) { // then some v_ij is not finite, or S_j overflowed
            for (int i = 0; i < v.length; i++) {
                ops.check(v[i], len, first, "sparsified task vector " + i);
            }
            ops.check(e, len, first, "elected sum");
        }
        signs(e, len);
        java.util.Arrays.fill(nf, 0, len, 0.0f);
        java.util.Arrays.fill(df, 0, len, 0.0f);
        for (int i = 0; i < v.length; i++) {
            ops.f32().agree(nf, df, wf[i], v[i], e, len);
        }
        if (normalize) {
            ops.f32().divideByWeights(nf, df, len);
        }
        ops.check(nf, len, first, "disjoint merge");
        finish(out, b, (float) lambda, nf, len);
    }

    /** The F64 variant of {@link #apply(float[][], double[], float[], float[], int, long)}. */
    public void apply(double[][] v, double[] keep, double[] b, double[] out, int len, long first)
            throws MergeException {
        double[] e = sd;
        java.util.Arrays.fill(e, 0, len, 0.0);
        boolean sum = method == Elect.SUM;
        for (int i = 0; i < v.length; i++) {
            if (!sum) {
                ops.check(v[i], len, first, "sparsified task vector " + i);
            }
            if (keep != null) {
                ops.f64().trim(v[i], keep[i], len);
            }
            if (sum) {
                vote(e, w[i], v[i], len);
            } else {
                count(e, v[i], len);
            }
        }
        if (sum && !ops.f64().allFinite(e, len)) { // then some v_ij is not finite, or S_j overflowed
            for (int i = 0; i < v.length; i++) {
                ops.check(v[i], len, first, "sparsified task vector " + i);
            }
            ops.check(e, len, first, "elected sum");
        }
        signs(e, len);
        java.util.Arrays.fill(nd, 0, len, 0.0);
        java.util.Arrays.fill(dd, 0, len, 0.0);
        for (int i = 0; i < v.length; i++) {
            ops.f64().agree(nd, dd, w[i], v[i], e, len);
        }
        if (normalize) {
            ops.f64().divideByWeights(nd, dd, len);
        }
        ops.check(nd, len, first, "disjoint merge");
        finish(out, b, lambda, nd, len);
    }

    // The other element loops, one small method each so that C2 compiles and vectorises every one of them.

    /** B2 sum: S_j ← S_j + (ω̂_i · v_ij), the product rounded, then the sum (§2.6). */
    private static void vote(float[] s, float wi, float[] x, int len) {
        for (int j = 0; j < len; j++) {
            s[j] = s[j] + wi * x[j];
        }
    }

    /** B2 count: C_j ← C_j + sign(v_ij), exact in P. */
    private static void count(float[] c, float[] x, int len) {
        for (int j = 0; j < len; j++) {
            c[j] = c[j] + Math.signum(x[j]);
        }
    }

    /** E_j = sign(S_j) (or sign(C_j)); ±0.0 elects nothing. */
    private static void signs(float[] e, int len) {
        for (int j = 0; j < len; j++) {
            e[j] = Math.signum(e[j]);
        }
    }

    /** r_j = b_j + (λ̂ · M_j). */
    private static void finish(float[] out, float[] b, float lam, float[] m, int len) {
        for (int j = 0; j < len; j++) {
            out[j] = b[j] + lam * m[j];
        }
    }

    private static void vote(double[] s, double wi, double[] x, int len) {
        for (int j = 0; j < len; j++) {
            s[j] = s[j] + wi * x[j];
        }
    }

    private static void count(double[] c, double[] x, int len) {
        for (int j = 0; j < len; j++) {
            c[j] = c[j] + Math.signum(x[j]);
        }
    }

    private static void signs(double[] e, int len) {
        for (int j = 0; j < len; j++) {
            e[j] = Math.signum(e[j]);
        }
    }

    private static void finish(double[] out, double[] b, double lam, double[] m, int len) {
        for (int j = 0; j < len; j++) {
            out[j] = b[j] + lam * m[j];
        }
    }
}
