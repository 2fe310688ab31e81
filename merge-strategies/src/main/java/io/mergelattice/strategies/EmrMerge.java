package io.mergelattice.strategies;

import io.mergelattice.kernels.CanonicalReduction;
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
            int n = tf != null ? tf.length : td.length;
            if (tf != null) {
                ops.taskVectors(j0, len, tf);
                ops.weightedSum(sf, SliceOps.floats(wHat), tf, len);
                SliceOps.checkFinite(sf, len, j0, "S");
                for (int j = 0; j < len; j++) {
                    sf[j] = sf[j] > 0.0f ? 1.0f : sf[j] < 0.0f ? -1.0f : 0.0f; // γ
                    uf[j] = 0.0f; // ε
                }
                for (int i = 0; i < n; i++) {
                    float[] x = tf[i];
                    for (int j = 0; j < len; j++) {
                        uf[j] = x[j] * sf[j] > 0.0f ? Math.max(uf[j], Math.abs(x[j])) : uf[j];
                    }
                }
                for (int j = 0; j < len; j++) {
                    uf[j] = sf[j] * uf[j]; // exact: ±ε, or +0.0 where γ = 0
                }
                ops.store(uf, u, j0, len);
                if (num != null) {
                    for (int i = 0; i < n; i++) {
                        float[] x = tf[i];
                        double a = 0.0;
                        double m = 0.0;
                        for (int j = 0; j < len; j++) { // Determinism: sequential within the block (§2.7)
                            a += Math.abs(x[j]);
                            // (double) x × (double) u > 0 ⇔ same strict sign (the double product of floats is exact)
                            m += x[j] * sf[j] > 0.0f && uf[j] != 0.0f ? Math.abs(uf[j]) : 0.0;
                        }
                        num[i][blk] = a;
                        den[i][blk] = m;
                    }
                }
            } else {
                ops.taskVectors(j0, len, td);
                ops.weightedSum(sd, wHat, td, len);
                SliceOps.checkFinite(sd, len, j0, "S");
                for (int j = 0; j < len; j++) {
                    sd[j] = sd[j] > 0.0 ? 1.0 : sd[j] < 0.0 ? -1.0 : 0.0;
                    ud[j] = 0.0;
                }
                for (int i = 0; i < n; i++) {
                    double[] x = td[i];
                    for (int j = 0; j < len; j++) {
                        ud[j] = x[j] * sd[j] > 0.0 ? Math.max(ud[j], Math.abs(x[j])) : ud[j];
                    }
                }
                for (int j = 0; j < len; j++) {
                    ud[j] = sd[j] * ud[j];
                }
                ops.store(ud, u, j0, len);
                if (num != null) {
                    for (int i = 0; i < n; i++) {
                        double[] x = td[i];
                        double a = 0.0;
                        double m = 0.0;
                        for (int j = 0; j < len; j++) {
                            a += Math.abs(x[j]);
                            double prod = x[j] * ud[j]; // may underflow to 0 (no mask) or overflow (§2.13)
                            if (!(Math.abs(prod) <= Double.MAX_VALUE)) {
                                throw SliceOps.nonFinite("mask product of contribution " + i, j0 + j, prod);
                            }
                            m += prod > 0.0 ? Math.abs(ud[j]) : 0.0;
                        }
                        num[i][blk] = a;
                        den[i][blk] = m;
                    }
                }
            }
        }

        /** r = b + u on the chunk (output=unified; u is still in the chunk buffer). */
        void addBase(long j0, int len, PTensor r) {
            if (tf != null) {
                ops.load(b, j0, bf, len);
                for (int j = 0; j < len; j++) {
                    bf[j] = bf[j] + uf[j];
                }
                ops.store(bf, r, j0, len);
            } else {
                ops.load(b, j0, bd, len);
                for (int j = 0; j < len; j++) {
                    bd[j] = bd[j] + ud[j];
                }
                ops.store(bd, r, j0, len);
            }
        }

        /** s_j = Σ_i [m_ij] ĉ_i (in P, masked terms skipped), r = b + (u · s) on the chunk. */
        void average(long j0, int len, double[] c, PTensor u, PTensor r) throws MergeException {
            if (tf != null) {
                ops.taskVectors(j0, len, tf);
                ops.load(u, j0, uf, len);
                ops.load(b, j0, bf, len);
                for (int j = 0; j < len; j++) {
                    sf[j] = 0.0f;
                }
                for (int i = 0; i < tf.length; i++) {
                    float[] x = tf[i];
                    float ci = (float) c[i];
                    for (int j = 0; j < len; j++) {
                        boolean mask = x[j] > 0.0f ? uf[j] > 0.0f : x[j] < 0.0f && uf[j] < 0.0f;
                        sf[j] = mask ? sf[j] + ci : sf[j];
                    }
                }
                for (int j = 0; j < len; j++) {
                    bf[j] = bf[j] + uf[j] * sf[j];
                }
                ops.store(bf, r, j0, len);
            } else {
                ops.taskVectors(j0, len, td);
                ops.load(u, j0, ud, len);
                ops.load(b, j0, bd, len);
                for (int j = 0; j < len; j++) {
                    sd[j] = 0.0;
                }
                for (int i = 0; i < td.length; i++) {
                    double[] x = td[i];
                    double ci = c[i];
                    for (int j = 0; j < len; j++) {
                        sd[j] = x[j] * ud[j] > 0.0 ? sd[j] + ci : sd[j];
                    }
                }
                for (int j = 0; j < len; j++) {
                    bd[j] = bd[j] + ud[j] * sd[j];
                }
                ops.store(bd, r, j0, len);
            }
        }
    }
}
