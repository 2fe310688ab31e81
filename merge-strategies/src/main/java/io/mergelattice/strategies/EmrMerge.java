package io.mergelattice.strategies;

import io.mergelattice.kernels.CanonicalReduction;
import io.mergelattice.strategies.blocks.Masks;
import io.mergelattice.strategies.blocks.SliceOps;
import io.mergelattice.strategy.BaseMode;
import io.mergelattice.strategy.Category;
import io.mergelattice.strategy.DeterminismClass;
import io.mergelattice.strategy.Guards;
import io.mergelattice.strategy.MergeException;
import io.mergelattice.strategy.MergeInput;
import io.mergelattice.strategy.MergeStrategy;
import io.mergelattice.strategy.Metadata;
import io.mergelattice.strategy.PTensor;
import io.mergelattice.strategy.ParamSpec;
import io.mergelattice.strategy.Params;
import io.mergelattice.strategy.Randomness;
import io.mergelattice.strategy.StrategyInfo;
import io.mergelattice.strategy.StrategyResult;
import io.mergelattice.strategy.WeightMode;
import java.util.List;

/**
 * emr (strategies spec §3.10; Huang et al., "EMR-Merging: Tuning-Free High-Performance Model Merging", NeurIPS 2024,
 * arXiv:2405.17461): S = Σ_i ŵ_i · τ_i, γ = sign(S); the unified vector u_j = γ_j × (largest agreeing |τ_ij|);
 * masks m_ij = ((double) τ_ij × (double) u_j > 0); rescalers λ_i = R(|τ_i|) / R(m_i ? |u| : 0) (0 if the
 * denominator is 0); s_j = Σ_i [m_ij] ĉ_i with c_i = w_i × λ_i, in P; r = b + (u · s) ({@code output=average}) or
 * r = b + u ({@code output=unified}). Metadata {@code emr.rescalers} (average only).
 *
 * <p>Two chunked passes with τ recomputed per chunk; a chunk is one block of R (§2.7), so both reductions of every
 * contribution are accumulated block by block during the first pass.
 */
public final class EmrMerge implements MergeStrategy {
    private static final StrategyInfo INFO = new StrategyInfo("emr", "EMR-Merging",
            "Huang et al. 2024, arXiv:2405.17461", Category.SPARSIFICATION, BaseMode.REQUIRED, WeightMode.N_PLUS, "N+",
            Randomness.NONE, DeterminismClass.E,
            List.of(ParamSpec.ofEnum("output", List.of("average", "unified"), "average",
                    "average: weighted mean of the per-task reconstructions; unified: the elected vector")),
            List.of(), List.of(), 1);
    private static final int CHUNK = CanonicalReduction.BLOCK;

    @Override
    public StrategyInfo info() {
        return INFO;
    }

    @Override
    public StrategyResult merge(MergeInput in, Params params) throws MergeException {
        SliceOps ops = new SliceOps(in);
        boolean unified = params.getString("output").equals("unified");
        double[] wn = in.normalisedWeights();
        double[] wHat = ops.round(wn, "normalised weight");
        int n = in.n();
        long d = in.size();
        int blocks = Math.toIntExact((d + CHUNK - 1) / CHUNK);
        PTensor u = in.zeros();
        PTensor r = in.zeros();
        double[][] num = new double[n][blocks];
        double[][] den = new double[n][blocks];
        Chunk ch = new Chunk(ops, n, (int) Math.min(d, CHUNK));
        for (int blk = 0; blk < blocks; blk++) { // pass 1: S, γ, u and the block sums of both reductions
            long j0 = (long) blk * CHUNK;
            int len = (int) Math.min(CHUNK, d - j0);
            ch.unified(j0, len, wHat, u, unified ? null : num, unified ? null : den, blk);
            if (unified) {
                ch.addBase(j0, len, r);
            }
        }
        if (unified) {
            return StrategyResult.of(r);
        }
        double[] lambda = new double[n];
        double[] c = new double[n];
        for (int i = 0; i < n; i++) {
            double a = Guards.finite(CanonicalReduction.tree(num[i]), "R(|τ_" + i + "|)");
            double m = Guards.finite(CanonicalReduction.tree(den[i]), "R(masked |u|) of contribution " + i);
            lambda[i] = m == 0.0 ? 0.0 : Guards.finite(a / m, "rescaler " + i);
            c[i] = ops.round(wn[i] * lambda[i], "coefficient " + i);
        }
        for (int blk = 0; blk < blocks; blk++) { // pass 2: s_j = Σ_i [m_ij] ĉ_i in P, r = b + (u · s)
            long j0 = (long) blk * CHUNK;
            ch.average(j0, (int) Math.min(CHUNK, d - j0), c, u, r);
        }
        return new StrategyResult(r, new Metadata().put("emr.rescalers", lambda));
    }

    /** Chunk buffers and the per-chunk steps, in F32 or F64. */
    private static final class Chunk {
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

        Chunk(SliceOps ops, int n, int c) {
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

        /** τ and S of the chunk; u_j = γ_j × ε_j into {@code u}; the block sums of R(|τ_i|) and R(m_i ? |u| : 0). */
        void unified(long j0, int len, double[] wHat, PTensor u, double[][] num, double[][] den, int blk)
                throws MergeException {
            if (tf != null) {
                ops.taskVectors(j0, len, tf);
                ops.weightedSum(sf, SliceOps.floats(wHat), tf, len);
                SliceOps.checkFinite(sf, len, j0, "S");
                signs(sf, uf, len);
                for (float[] x : tf) {
                    largestAgreeing(uf, x, sf, len);
                }
                scale(uf, sf, len);
                ops.store(uf, u, j0, len);
                for (int i = 0; num != null && i < tf.length; i++) {
                    num[i][blk] = sumAbs(tf[i], len);
                    den[i][blk] = maskedSumAbs(tf[i], uf, len);
                }
            } else {
                ops.taskVectors(j0, len, td);
                ops.weightedSum(sd, wHat, td, len);
                SliceOps.checkFinite(sd, len, j0, "S");
                signs(sd, ud, len);
                for (double[] x : td) {
                    largestAgreeing(ud, x, sd, len);
                }
                scale(ud, sd, len);
                ops.store(ud, u, j0, len);
                for (int i = 0; num != null && i < td.length; i++) {
                    num[i][blk] = sumAbs(td[i], len);
                    double big = maxAbsProduct(td[i], ud, len);
                    if (!(big <= Double.MAX_VALUE)) { // the mask product overflows (§2.13)
                        throw SliceOps.nonFinite("mask product of contribution " + i + " in the block", j0, big);
                    }
                    den[i][blk] = maskedSumAbs(td[i], ud, len);
                }
            }
        }

        /** r = b + u on the chunk (output=unified; u is still in the chunk buffer). */
        void addBase(long j0, int len, PTensor r) {
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

        /** s_j = Σ_i [m_ij] ĉ_i (in P, masked-out terms add +0.0), r = b + (u · s) on the chunk. */
        void average(long j0, int len, double[] c, PTensor u, PTensor r) throws MergeException {
            if (tf != null) {
                ops.taskVectors(j0, len, tf);
                ops.load(u, j0, uf, len);
                ops.load(b, j0, bf, len);
                java.util.Arrays.fill(sf, 0, len, 0.0f);
                for (int i = 0; i < tf.length; i++) {
                    maskedCount(sf, (float) c[i], tf[i], uf, len);
                }
                addScaled(bf, uf, sf, len);
                ops.store(bf, r, j0, len);
            } else {
                ops.taskVectors(j0, len, td);
                ops.load(u, j0, ud, len);
                ops.load(b, j0, bd, len);
                java.util.Arrays.fill(sd, 0, len, 0.0);
                for (int i = 0; i < td.length; i++) {
                    maskedCount(sd, c[i], td[i], ud, len);
                }
                addScaled(bd, ud, sd, len);
                ops.store(bd, r, j0, len);
            }
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

    /** One block of R(|τ_ij|): sequential from +0.0 in increasing j (§2.7). */
    private static double sumAbs(float[] x, int len) {
        double a = 0.0;
        for (int j = 0; j < len; j++) {
            a += Math.abs(x[j]);
        }
        return a;
    }

    /** One block of R(m_ij ? |u_j| : 0); (double) τ × (double) u &gt; 0 is a sign test (the product is exact). */
    private static double maskedSumAbs(float[] x, float[] u, int len) {
        double m = 0.0;
        for (int j = 0; j < len; j++) {
            m += Math.abs(u[j]) * Masks.sameSign(x[j], u[j]);
        }
        return m;
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

    private static double sumAbs(double[] x, int len) {
        double a = 0.0;
        for (int j = 0; j < len; j++) {
            a += Math.abs(x[j]);
        }
        return a;
    }

    /** max_j |τ_ij × u_j| (NaN-free inputs): the mask products must stay finite. */
    private static double maxAbsProduct(double[] x, double[] u, int len) {
        double big = 0.0;
        for (int j = 0; j < len; j++) {
            big = Math.max(big, Math.abs(x[j] * u[j]));
        }
        return big;
    }

    /** F64: the mask is the literal double product τ × u &gt; 0, which may underflow to 0 (then no mask). */
    private static double maskedSumAbs(double[] x, double[] u, int len) {
        double m = 0.0;
        for (int j = 0; j < len; j++) {
            m += Math.abs(u[j]) * Math.max(0.0, Math.signum(x[j] * u[j]));
        }
        return m;
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
