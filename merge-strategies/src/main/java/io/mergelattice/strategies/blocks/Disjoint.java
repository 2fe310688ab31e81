package io.mergelattice.strategies.blocks;

import static io.mergelattice.kernels.Layouts.F32;
import static io.mergelattice.kernels.Layouts.F64;

import io.mergelattice.strategy.MergeException;
import java.lang.foreign.MemorySegment;

/**
 * B3 disjoint(v, ω, E, normalize) of strategies spec §2.17, fused with the B2 vote ({@link Elect}) and the final
 * r = b + (λ̂ · M) of ties, della and dare_ties (§3.5, §3.7, §3.8) in one pass over the elements:
 * agree_ij = (v_ij ≠ 0) ∧ (E_j ≠ 0) ∧ (sign(v_ij) = E_j); num_j = Σ_i [agree_ij] (ω̂_i · v_ij),
 * den_j = Σ_i [agree_ij] ω̂_i, both in P over i in order; M_j = num_j / den_j if den_j > 0 else +0.0 (normalize),
 * or num_j. The product ω̂_i · v_ij is the very value used in the B2 sum. ω̂ are the raw weights rounded to P.
 *
 * <p>Overflow (§2.13): every v_ij, the elected sum S_j and M_j are checked, so a non-finite value can neither vote
 * nor be skipped silently; an overflow of λ̂ · M or of the sum with b is left to the runner's check of r.
 */
public final class Disjoint {
    private final SliceOps ops;
    private final Elect method;
    private final boolean normalize;
    private final double[] w;
    private final double lambda;
    private final float[] wf;
    private final float[] xf;
    private final double[] xd;

    /**
     * @param omega the raw weights ω_i (R+ mode: positive and normal after rounding, §2.3)
     * @param lambda λ (rounded to P here)
     */
    public Disjoint(SliceOps ops, double[] omega, Elect method, boolean normalize, double lambda)
            throws MergeException {
        this.ops = ops;
        this.method = method;
        this.normalize = normalize;
        this.w = ops.round(omega, "weight");
        this.lambda = ops.round(lambda, "lambda");
        this.wf = new float[w.length];
        for (int i = 0; i < w.length; i++) {
            wf[i] = (float) w[i];
        }
        this.xf = new float[w.length];
        this.xd = new double[w.length];
    }

    /**
     * out_j = b_j + (λ̂ · M_j) for j in [0, len). Element j of v_i is {@code v[i]}'s element j, taken as +0.0 when
     * |v_ij| < keep[i] (B1's threshold; {@code keep == null} keeps everything). {@code first} is the flat index of
     * element 0 (for messages).
     */
    public void apply(MemorySegment[] v, double[] keep, MemorySegment base, MemorySegment out, long len, long first)
            throws MergeException {
        if (ops.isF32()) {
            float[] k = new float[v.length];
            for (int i = 0; i < k.length; i++) {
                k[i] = keep == null ? 0.0f : (float) keep[i]; // exact: thresholds are P values
            }
            applyF32(v, k, base, out, len, first);
        } else {
            applyF64(v, keep == null ? new double[v.length] : keep, base, out, len, first);
        }
    }

    private void applyF32(MemorySegment[] v, float[] keep, MemorySegment base, MemorySegment out, long len,
            long first) throws MergeException {
        int n = v.length;
        float[] x = xf;
        float lam = (float) lambda;
        boolean sum = method == Elect.SUM;
        for (long j = 0; j < len; j++) {
            float s = 0.0f;
            int c = 0;
            for (int i = 0; i < n; i++) {
                float xi = v[i].getAtIndex(F32, j);
                if (!(Math.abs(xi) <= Float.MAX_VALUE)) {
                    throw SliceOps.nonFinite("sparsified task vector " + i, first + j, xi);
                }
                if (!(Math.abs(xi) >= keep[i])) {
                    xi = 0.0f; // B1: trimmed elements are +0.0
                }
                x[i] = xi;
                if (sum) {
                    s = s + wf[i] * xi; // Determinism: product rounded, then the sum (§2.6)
                } else {
                    c += xi > 0.0f ? 1 : xi < 0.0f ? -1 : 0;
                }
            }
            int e;
            if (sum) {
                if (!(Math.abs(s) <= Float.MAX_VALUE)) {
                    throw SliceOps.nonFinite("elected sum", first + j, s);
                }
                e = s > 0.0f ? 1 : s < 0.0f ? -1 : 0;
            } else {
                e = Integer.signum(c);
            }
            float m = 0.0f;
            if (e != 0) {
                float num = 0.0f;
                float den = 0.0f;
                for (int i = 0; i < n; i++) {
                    float xi = x[i];
                    if (e > 0 ? xi > 0.0f : xi < 0.0f) {
                        num = num + wf[i] * xi;
                        den = den + wf[i];
                    }
                }
                m = normalize ? (den > 0.0f ? num / den : 0.0f) : num;
                if (!(Math.abs(m) <= Float.MAX_VALUE)) {
                    throw SliceOps.nonFinite("disjoint merge", first + j, m);
                }
            }
            out.setAtIndex(F32, j, base.getAtIndex(F32, j) + lam * m);
        }
    }

    private void applyF64(MemorySegment[] v, double[] keep, MemorySegment base, MemorySegment out, long len,
            long first) throws MergeException {
        int n = v.length;
        double[] x = xd;
        double lam = lambda;
        boolean sum = method == Elect.SUM;
        for (long j = 0; j < len; j++) {
            double s = 0.0;
            int c = 0;
            for (int i = 0; i < n; i++) {
                double xi = v[i].getAtIndex(F64, j);
                if (!(Math.abs(xi) <= Double.MAX_VALUE)) {
                    throw SliceOps.nonFinite("sparsified task vector " + i, first + j, xi);
                }
                if (!(Math.abs(xi) >= keep[i])) {
                    xi = 0.0;
                }
                x[i] = xi;
                if (sum) {
                    s = s + w[i] * xi;
                } else {
                    c += xi > 0.0 ? 1 : xi < 0.0 ? -1 : 0;
                }
            }
            int e;
            if (sum) {
                if (!(Math.abs(s) <= Double.MAX_VALUE)) {
                    throw SliceOps.nonFinite("elected sum", first + j, s);
                }
                e = s > 0.0 ? 1 : s < 0.0 ? -1 : 0;
            } else {
                e = Integer.signum(c);
            }
            double m = 0.0;
            if (e != 0) {
                double num = 0.0;
                double den = 0.0;
                for (int i = 0; i < n; i++) {
                    double xi = x[i];
                    if (e > 0 ? xi > 0.0 : xi < 0.0) {
                        num = num + w[i] * xi;
                        den = den + w[i];
                    }
                }
                m = normalize ? (den > 0.0 ? num / den : 0.0) : num;
                if (!(Math.abs(m) <= Double.MAX_VALUE)) {
                    throw SliceOps.nonFinite("disjoint merge", first + j, m);
                }
            }
            out.setAtIndex(F64, j, base.getAtIndex(F64, j) + lam * m);
        }
    }
}
