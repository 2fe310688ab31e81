package io.mergelattice.strategies;

import static io.mergelattice.kernels.Layouts.F32;
import static io.mergelattice.kernels.Layouts.F64;

import io.mergelattice.kernels.CanonicalReduction;
import io.mergelattice.strategies.blocks.SliceOps;
import io.mergelattice.strategies.blocks.TaskVectors;
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
import java.lang.foreign.MemorySegment;
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
        MemorySegment[] t = TaskVectors.scratch(ops, n, Math.min(d, CHUNK));
        MemorySegment s = ops.scratch(Math.min(d, CHUNK));
        PTensor u = in.zeros();
        PTensor b = in.requireBase();
        PTensor r = in.zeros();
        double[][] num = new double[n][blocks];
        double[][] den = new double[n][blocks];
        // Pass 1: S, γ, u, and the block sums of both reductions.
        for (int blk = 0; blk < blocks; blk++) {
            long j0 = (long) blk * CHUNK;
            long len = Math.min(CHUNK, d - j0);
            TaskVectors.slice(in, ops, j0, len, t);
            ops.weightedSum(s, wHat, t, len);
            ops.checkFinite(s, len, j0, "S");
            MemorySegment us = ops.slice(u, j0, len);
            if (ops.isF32()) {
                unifiedF32(t, s, us, len, unified ? null : num, unified ? null : den, blk);
            } else {
                unifiedF64(t, s, us, len, unified ? null : num, unified ? null : den, blk, j0);
            }
            if (unified) {
                ops.add(ops.slice(r, j0, len), ops.slice(b, j0, len), us, len);
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
        // Pass 2: s_j = Σ_i [m_ij] ĉ_i in P, r = b + (u · s).
        for (int blk = 0; blk < blocks; blk++) {
            long j0 = (long) blk * CHUNK;
            long len = Math.min(CHUNK, d - j0);
            TaskVectors.slice(in, ops, j0, len, t);
            MemorySegment us = ops.slice(u, j0, len);
            MemorySegment bs = ops.slice(b, j0, len);
            MemorySegment rs = ops.slice(r, j0, len);
            if (ops.isF32()) {
                float[] cf = new float[n];
                for (int i = 0; i < n; i++) {
                    cf[i] = (float) c[i];
                }
                for (long j = 0; j < len; j++) {
                    float uj = us.getAtIndex(F32, j);
                    float sj = 0.0f;
                    for (int i = 0; i < n; i++) {
                        float x = t[i].getAtIndex(F32, j);
                        if (x > 0.0f ? uj > 0.0f : x < 0.0f && uj < 0.0f) { // the exact double product is > 0
                            sj = sj + cf[i];
                        }
                    }
                    rs.setAtIndex(F32, j, bs.getAtIndex(F32, j) + uj * sj);
                }
            } else {
                for (long j = 0; j < len; j++) {
                    double uj = us.getAtIndex(F64, j);
                    double sj = 0.0;
                    for (int i = 0; i < n; i++) {
                        if (t[i].getAtIndex(F64, j) * uj > 0.0) {
                            sj = sj + c[i];
                        }
                    }
                    rs.setAtIndex(F64, j, bs.getAtIndex(F64, j) + uj * sj);
                }
            }
        }
        return new StrategyResult(r, new Metadata().put("emr.rescalers", lambda));
    }

    private static void unifiedF32(MemorySegment[] t, MemorySegment s, MemorySegment u, long len, double[][] num,
            double[][] den, int blk) {
        int n = t.length;
        double[] a = new double[n];
        double[] m = new double[n];
        for (long j = 0; j < len; j++) {
            float sj = s.getAtIndex(F32, j);
            float eps = 0.0f;
            if (sj != 0.0f) {
                for (int i = 0; i < n; i++) {
                    float x = t[i].getAtIndex(F32, j);
                    if (sj > 0.0f ? x > 0.0f : x < 0.0f) {
                        eps = Math.max(eps, Math.abs(x));
                    }
                }
            }
            float uj = sj > 0.0f ? eps : sj < 0.0f ? -eps : 0.0f;
            u.setAtIndex(F32, j, uj);
            if (num != null) {
                for (int i = 0; i < n; i++) {
                    float x = t[i].getAtIndex(F32, j);
                    a[i] += Math.abs(x); // Determinism: sequential within the block (§2.7)
                    if (x > 0.0f ? uj > 0.0f : x < 0.0f && uj < 0.0f) {
                        m[i] += Math.abs(uj);
                    }
                }
            }
        }
        if (num != null) {
            for (int i = 0; i < n; i++) {
                num[i][blk] = a[i];
                den[i][blk] = m[i];
            }
        }
    }

    private static void unifiedF64(MemorySegment[] t, MemorySegment s, MemorySegment u, long len, double[][] num,
            double[][] den, int blk, long first) throws MergeException {
        int n = t.length;
        double[] a = new double[n];
        double[] m = new double[n];
        for (long j = 0; j < len; j++) {
            double sj = s.getAtIndex(F64, j);
            double eps = 0.0;
            if (sj != 0.0) {
                for (int i = 0; i < n; i++) {
                    double x = t[i].getAtIndex(F64, j);
                    if (sj > 0.0 ? x > 0.0 : x < 0.0) {
                        eps = Math.max(eps, Math.abs(x));
                    }
                }
            }
            double uj = sj > 0.0 ? eps : sj < 0.0 ? -eps : 0.0;
            u.setAtIndex(F64, j, uj);
            if (num != null) {
                for (int i = 0; i < n; i++) {
                    double x = t[i].getAtIndex(F64, j);
                    a[i] += Math.abs(x);
                    double prod = x * uj; // may underflow to 0 (no mask) or overflow (§2.13)
                    if (!(Math.abs(prod) <= Double.MAX_VALUE)) {
                        throw SliceOps.nonFinite("mask product of contribution " + i, first + j, prod);
                    }
                    if (prod > 0.0) {
                        m[i] += Math.abs(uj);
                    }
                }
            }
        }
        if (num != null) {
            for (int i = 0; i < n; i++) {
                num[i][blk] = a[i];
                den[i][blk] = m[i];
            }
        }
    }
}
