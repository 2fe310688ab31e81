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
 * order. Agreement is tested as v_ij × E_j &gt; 0 with E_j ∈ {−1, 0, +1} (exact). Overflow (§2.13): every v_ij, the
 * elected sum S_j and M_j are checked, so a non-finite value can neither vote nor be skipped silently; an overflow
 * of λ̂ · M or of the sum with b is left to the runner's check of r.
 */
public final class Disjoint {
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
    private final int[] count;

    /**
     * @param omega the raw weights ω_i (R+ mode: positive and normal after rounding, §2.3)
     * @param lambda λ (rounded to P here)
     * @param maxLen the longest chunk that will be passed
     */
    public Disjoint(SliceOps ops, double[] omega, Elect method, boolean normalize, double lambda, int maxLen)
            throws MergeException {
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
        this.count = method == Elect.COUNT ? new int[maxLen] : null;
    }

    /**
     * out_j = b_j + (λ̂ · M_j) for j &lt; len. v_ij is taken as +0.0 when |v_ij| &lt; keep[i] (B1's threshold;
     * {@code keep == null} keeps everything); {@code v} is overwritten. {@code first} is the flat index of element 0.
     */
    public void apply(float[][] v, double[] keep, float[] b, float[] out, int len, long first) throws MergeException {
        int n = v.length;
        float[] e = sf; // the elected sums S_j, then the signs E_j
        java.util.Arrays.fill(e, 0, len, 0.0f);
        if (count != null) {
            java.util.Arrays.fill(count, 0, len, 0);
        }
        for (int i = 0; i < n; i++) {
            float[] x = v[i];
            SliceOps.checkFinite(x, len, first, "sparsified task vector " + i);
            if (keep != null) {
                float k = (float) keep[i]; // exact: thresholds are P values
                for (int j = 0; j < len; j++) {
                    x[j] = Math.abs(x[j]) >= k ? x[j] : 0.0f; // B1: trimmed elements are +0.0
                }
            }
            if (count == null) {
                float wi = wf[i];
                for (int j = 0; j < len; j++) {
                    e[j] = e[j] + wi * x[j]; // Determinism: product rounded, then the sum (§2.6)
                }
            } else {
                for (int j = 0; j < len; j++) {
                    count[j] += x[j] > 0.0f ? 1 : x[j] < 0.0f ? -1 : 0;
                }
            }
        }
        if (count == null) {
            SliceOps.checkFinite(e, len, first, "elected sum");
            for (int j = 0; j < len; j++) {
                e[j] = e[j] > 0.0f ? 1.0f : e[j] < 0.0f ? -1.0f : 0.0f;
            }
        } else {
            for (int j = 0; j < len; j++) {
                e[j] = Integer.signum(count[j]);
            }
        }
        float[] num = nf;
        float[] den = df;
        java.util.Arrays.fill(num, 0, len, 0.0f);
        java.util.Arrays.fill(den, 0, len, 0.0f);
        for (int i = 0; i < n; i++) {
            float[] x = v[i];
            float wi = wf[i];
            for (int j = 0; j < len; j++) {
                boolean agree = x[j] * e[j] > 0.0f;
                num[j] = agree ? num[j] + wi * x[j] : num[j];
                den[j] = agree ? den[j] + wi : den[j];
            }
        }
        if (normalize) {
            for (int j = 0; j < len; j++) {
                num[j] = den[j] > 0.0f ? num[j] / den[j] : 0.0f;
            }
        }
        SliceOps.checkFinite(num, len, first, "disjoint merge");
        float lam = (float) lambda;
        for (int j = 0; j < len; j++) {
            out[j] = b[j] + lam * num[j];
        }
    }

    /** The F64 variant of {@link #apply(float[][], double[], float[], float[], int, long)}. */
    public void apply(double[][] v, double[] keep, double[] b, double[] out, int len, long first)
            throws MergeException {
        int n = v.length;
        double[] e = sd;
        java.util.Arrays.fill(e, 0, len, 0.0);
        if (count != null) {
            java.util.Arrays.fill(count, 0, len, 0);
        }
        for (int i = 0; i < n; i++) {
            double[] x = v[i];
            SliceOps.checkFinite(x, len, first, "sparsified task vector " + i);
            if (keep != null) {
                double k = keep[i];
                for (int j = 0; j < len; j++) {
                    x[j] = Math.abs(x[j]) >= k ? x[j] : 0.0;
                }
            }
            if (count == null) {
                double wi = w[i];
                for (int j = 0; j < len; j++) {
                    e[j] = e[j] + wi * x[j];
                }
            } else {
                for (int j = 0; j < len; j++) {
                    count[j] += x[j] > 0.0 ? 1 : x[j] < 0.0 ? -1 : 0;
                }
            }
        }
        if (count == null) {
            SliceOps.checkFinite(e, len, first, "elected sum");
            for (int j = 0; j < len; j++) {
                e[j] = e[j] > 0.0 ? 1.0 : e[j] < 0.0 ? -1.0 : 0.0;
            }
        } else {
            for (int j = 0; j < len; j++) {
                e[j] = Integer.signum(count[j]);
            }
        }
        double[] num = nd;
        double[] den = dd;
        java.util.Arrays.fill(num, 0, len, 0.0);
        java.util.Arrays.fill(den, 0, len, 0.0);
        for (int i = 0; i < n; i++) {
            double[] x = v[i];
            double wi = w[i];
            for (int j = 0; j < len; j++) {
                boolean agree = x[j] * e[j] > 0.0;
                num[j] = agree ? num[j] + wi * x[j] : num[j];
                den[j] = agree ? den[j] + wi : den[j];
            }
        }
        if (normalize) {
            for (int j = 0; j < len; j++) {
                num[j] = den[j] > 0.0 ? num[j] / den[j] : 0.0;
            }
        }
        SliceOps.checkFinite(num, len, first, "disjoint merge");
        double lam = lambda;
        for (int j = 0; j < len; j++) {
            out[j] = b[j] + lam * num[j];
        }
    }
}
