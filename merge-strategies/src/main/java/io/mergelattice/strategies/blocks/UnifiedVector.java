package io.mergelattice.strategies.blocks;

import io.mergelattice.strategy.MergeException;
import io.mergelattice.strategy.PTensor;

/**
 * EMR's elected unified vector (strategies spec §3.10, Huang et al. 2024, arXiv:2405.17461) on one chunk, in F32 or
 * F64: τ_i of the chunk, S = Σ_i ŵ_i · τ_i, γ = sign(S), u_j = γ_j × max{|τ_ij| : sign(τ_ij) = γ_j ≠ 0}, the masks
 * m_ij = ((double) τ_ij × (double) u_j &gt; 0), the block sums of the rescalers' reductions R(|τ_i|) and
 * R(m_i ? |u| : 0) (a chunk of {@value SliceOps#CHUNK} elements is one block of R, §2.7), and the output
 * r = b + (u · s) with s_j = Σ_i [m_ij] ĉ_i, or r = b + u.
 */
public final class UnifiedVector {
    private final SliceOps ops;
    private final PTensor b;
    private final float[][] tf;
    private final float[] sf;
    private final float[] uf;
    private final float[] bf;
    private final double[][] td;
    private final double[] sd;
    private final double[] ud;
    private final double[] bd;

    /** Buffers for n contributions and chunks of at most c elements. */
    public UnifiedVector(SliceOps ops, int n, int c) {
        this.ops = ops;
        this.b = ops.input().requireBase();
        boolean f = ops.isF32();
        tf = f ? new float[n][c] : null;
        sf = f ? new float[c] : null;
        uf = f ? new float[c] : null;
        bf = f ? new float[c] : null;
        td = f ? null : new double[n][c];
        sd = f ? null : new double[c];
        ud = f ? null : new double[c];
        bd = f ? null : new double[c];
    }

    /**
     * τ and S of the chunk {@code [j0, j0 + len)}, u_j = γ_j × ε_j, and (if num ≠ null) the block sums
     * num[i][blk] = R-block of |τ_i|, den[i][blk] = R-block of m_i ? |u| : 0. wHat are the ŵ_i (in P).
     */
    public void unified(long j0, int len, double[] wHat, double[][] num, double[][] den, int blk)
            throws MergeException {
        if (tf != null) {
            ops.taskVectors(j0, len, tf);
            SliceOps.weightedSum(sf, SliceOps.floats(wHat), tf, len);
            SliceOps.checkFinite(sf, len, j0, "S");
            signs(sf, uf, len);
            for (float[] x : tf) {
                largestAgreeing(uf, x, sf, len);
            }
            scale(uf, sf, len);
            for (int i = 0; num != null && i < tf.length; i++) {
                blockSums(tf[i], uf, len, num[i], den[i], blk);
            }
        } else {
            ops.taskVectors(j0, len, td);
            SliceOps.weightedSum(sd, wHat, td, len);
            SliceOps.checkFinite(sd, len, j0, "S");
            signs(sd, ud, len);
            for (double[] x : td) {
                largestAgreeing(ud, x, sd, len);
            }
            scale(ud, sd, len);
            for (int i = 0; num != null && i < td.length; i++) {
                double big = blockSums(td[i], ud, len, num[i], den[i], blk);
                if (!(big <= Double.MAX_VALUE)) { // the mask product overflows (§2.13)
                    throw SliceOps.nonFinite("mask product of contribution " + i + " in the block", j0, big);
                }
            }
        }
    }

    /** r = b + u on the chunk (output=unified; u is still in the chunk buffer). */
    public void addBase(long j0, int len, PTensor r) {
        if (tf != null) {
            ops.load(b, j0, bf, len);
            addScaled(bf, uf, null, len);
            ops.store(bf, r, j0, len);
        } else {
            ops.load(b, j0, bd, len);
            addScaled(bd, ud, null, len);
            ops.store(bd, r, j0, len);
        }
    }

    /** s_j = Σ_i [m_ij] ĉ_i (ĉ in P; masked-out terms add +0.0), r = b + (u · s), after {@link #unified}. */
    public void average(long j0, int len, double[] c, PTensor r) {
        if (tf != null) {
            ops.load(b, j0, bf, len);
            java.util.Arrays.fill(sf, 0, len, 0.0f);
            for (int i = 0; i < tf.length; i++) {
                maskedCount(sf, (float) c[i], tf[i], uf, len);
            }
            addScaled(bf, uf, sf, len);
            ops.store(bf, r, j0, len);
        } else {
            ops.load(b, j0, bd, len);
            java.util.Arrays.fill(sd, 0, len, 0.0);
            for (int i = 0; i < td.length; i++) {
                maskedCount(sd, c[i], td[i], ud, len);
            }
            addScaled(bd, ud, sd, len);
            ops.store(bd, r, j0, len);
        }
    }

    // Element loops, one small method each (C2 vectorises them); masks are exact 0/1 factors (Masks).

    /** γ_j = sign(S_j) in place (S is never −0.0); ε_j = +0.0. */
    private static void signs(float[] s, float[] eps, int len) {
        for (int j = 0; j < len; j++) {
            s[j] = Math.signum(s[j]);
            eps[j] = 0.0f;
        }
    }

    /** ε_j ← max(ε_j, |τ_ij|) where sign(τ_ij) = γ_j ≠ 0 (exact). */
    private static void largestAgreeing(float[] eps, float[] x, float[] g, int len) {
        for (int j = 0; j < len; j++) {
            eps[j] = Math.max(eps[j], Math.abs(x[j]) * Masks.sameSign(x[j], g[j]));
        }
    }

    /** u_j = γ_j × ε_j in place: ±ε_j exactly, +0.0 where γ_j = 0. */
    private static void scale(float[] eps, float[] g, int len) {
        for (int j = 0; j < len; j++) {
            eps[j] = g[j] * eps[j];
        }
    }

    /**
     * One block of R(|τ_ij|) and of R(m_ij ? |u_j| : 0), each sequential from +0.0 in increasing j (§2.7);
     * (double) τ × (double) u &gt; 0 is a sign test because the double product of two floats is exact.
     */
    private static void blockSums(float[] x, float[] u, int len, double[] num, double[] den, int blk) {
        double a = 0.0;
        double m = 0.0;
        for (int j = 0; j < len; j++) {
            a += Math.abs(x[j]);
            m += Math.abs(u[j]) * Masks.sameSign(x[j], u[j]);
        }
        num[blk] = a;
        den[blk] = m;
    }

    /** s_j ← s_j + ĉ_i where m_ij (ĉ_i ≥ 0, so a masked-out term adds +0.0). */
    private static void maskedCount(float[] s, float ci, float[] x, float[] u, int len) {
        for (int j = 0; j < len; j++) {
            s[j] = s[j] + ci * Masks.sameSign(x[j], u[j]);
        }
    }

    /** b_j ← b_j + (u_j · s_j), or b_j + u_j when s is null. */
    private static void addScaled(float[] b, float[] u, float[] s, int len) {
        if (s == null) {
            for (int j = 0; j < len; j++) {
                b[j] = b[j] + u[j];
            }
        } else {
            for (int j = 0; j < len; j++) {
                b[j] = b[j] + u[j] * s[j];
            }
        }
    }

    private static void signs(double[] s, double[] eps, int len) {
        for (int j = 0; j < len; j++) {
            s[j] = Math.signum(s[j]);
            eps[j] = 0.0;
        }
    }

    private static void largestAgreeing(double[] eps, double[] x, double[] g, int len) {
        for (int j = 0; j < len; j++) {
            eps[j] = Math.max(eps[j], Math.abs(x[j]) * Masks.sameSign(x[j], g[j]));
        }
    }

    private static void scale(double[] eps, double[] g, int len) {
        for (int j = 0; j < len; j++) {
            eps[j] = g[j] * eps[j];
        }
    }

    /**
     * F64: the mask is the literal double product τ × u &gt; 0, which may underflow to 0 (then no mask); returns
     * max |τ × u|, which must be finite.
     */
    private static double blockSums(double[] x, double[] u, int len, double[] num, double[] den, int blk) {
        double a = 0.0;
        double m = 0.0;
        double big = 0.0;
        for (int j = 0; j < len; j++) {
            double prod = x[j] * u[j];
            a += Math.abs(x[j]);
            m += Math.abs(u[j]) * Math.max(0.0, Math.signum(prod));
            big = Math.max(big, Math.abs(prod));
        }
        num[blk] = a;
        den[blk] = m;
        return big;
    }

    private static void maskedCount(double[] s, double ci, double[] x, double[] u, int len) {
        for (int j = 0; j < len; j++) {
            s[j] = s[j] + ci * Math.max(0.0, Math.signum(x[j] * u[j]));
        }
    }

    private static void addScaled(double[] b, double[] u, double[] s, int len) {
        if (s == null) {
            for (int j = 0; j < len; j++) {
                b[j] = b[j] + u[j];
            }
        } else {
            for (int j = 0; j < len; j++) {
                b[j] = b[j] + u[j] * s[j];
            }
        }
    }
}
