package io.mergelattice.strategies;

import static io.mergelattice.kernels.Layouts.F32;
import static io.mergelattice.kernels.Layouts.F64;

import io.mergelattice.identity.Hash32;
import io.mergelattice.kernels.CounterRng;
import io.mergelattice.strategies.blocks.SliceOps;
import io.mergelattice.strategies.blocks.TaskVectors;
import io.mergelattice.strategy.BaseMode;
import io.mergelattice.strategy.Category;
import io.mergelattice.strategy.DeterminismClass;
import io.mergelattice.strategy.MergeException;
import io.mergelattice.strategy.MergeInput;
import io.mergelattice.strategy.MergeStrategy;
import io.mergelattice.strategy.Ops;
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
 * split_unlearn_merge (strategies spec §3.21; Kadhe et al., "Split, Unlearn, Merge: Leveraging Data Attributes for
 * More Effective Unlearning in LLMs" (SPUNGE), ICML 2024 workshop, arXiv:2406.11780): m = Σ_i ŵ_i · τ_i and
 * r_j = b_j at the reset positions, b_j + m_j elsewhere. {@code magnitude}: A = Σ_i ŵ_i · |τ_i|,
 * reset_j = (A_j ≤ kth↑(A, k)) with k = max(1, floor(target_fraction × d)) (ties all reset); {@code random}:
 * reset_j = (u(key(seed, tensorName, NULL_ROOT), j) &lt; target_fraction), one position-wide mask.
 */
public final class SplitUnlearnMerge implements MergeStrategy {
    private static final StrategyInfo INFO = new StrategyInfo("split_unlearn_merge", "Split, Unlearn, Merge (SPUNGE)",
            "Kadhe et al. 2024, arXiv:2406.11780", Category.UNLEARNING, BaseMode.REQUIRED, WeightMode.N_PLUS, "N+",
            Randomness.OPTION, DeterminismClass.E,
            List.of(ParamSpec.ofDouble("target_fraction", "(0, 1]", 0.1, "fraction of positions reset to the base"),
                    ParamSpec.ofEnum("subspace_method", List.of("magnitude", "random"), "magnitude",
                            "magnitude: smallest mean update magnitudes; random: a position-wide random mask")),
            List.of(), List.of(), 1);

    @Override
    public StrategyInfo info() {
        return INFO;
    }

    @Override
    public StrategyResult merge(MergeInput in, Params params) throws MergeException {
        SliceOps ops = new SliceOps(in);
        double[] w = ops.round(in.normalisedWeights(), "normalised weight");
        double fraction = params.getDouble("target_fraction");
        boolean random = params.getString("subspace_method").equals("random");
        long key = random ? SliceOps.key(in, Hash32.NULL_ROOT) : 0L;
        int n = in.n();
        long d = in.size();
        MemorySegment[] t = TaskVectors.scratch(ops, n, Math.min(d, SliceOps.CHUNK));
        MemorySegment chunk = ops.scratch(Math.min(d, SliceOps.CHUNK));
        PTensor a = random ? null : in.zeros();
        PTensor b = in.requireBase();
        PTensor r = in.zeros(); // m (magnitude, until the second pass) or the result (random)
        for (long j0 = 0; j0 < d; j0 += SliceOps.CHUNK) {
            long len = Math.min(SliceOps.CHUNK, d - j0);
            TaskVectors.slice(in, ops, j0, len, t);
            MemorySegment m = random ? chunk : ops.slice(r, j0, len);
            ops.weightedSum(m, w, t, len);
            ops.checkFinite(m, len, j0, "m");
            if (random) {
                resetRandom(ops, key, fraction, ops.slice(b, j0, len), m, ops.slice(r, j0, len), len, j0);
            } else {
                absWeightedSum(ops, w, t, ops.slice(a, j0, len), len, j0);
            }
        }
        if (random) {
            return StrategyResult.of(r);
        }
        long k = Math.max(1L, (long) Math.floor(fraction * (double) d));
        double thr = new Ops(in).kthSmallestMagnitude(a, k); // A ≥ +0.0, so |A| = A
        MemorySegment as = a.segment();
        MemorySegment bs = b.segment();
        MemorySegment rs = r.segment();
        if (ops.isF32()) {
            float tf = (float) thr;
            for (long j = 0; j < d; j++) {
                float bj = bs.getAtIndex(F32, j);
                rs.setAtIndex(F32, j, as.getAtIndex(F32, j) <= tf ? bj : bj + rs.getAtIndex(F32, j));
            }
        } else {
            for (long j = 0; j < d; j++) {
                double bj = bs.getAtIndex(F64, j);
                rs.setAtIndex(F64, j, as.getAtIndex(F64, j) <= thr ? bj : bj + rs.getAtIndex(F64, j));
            }
        }
        return StrategyResult.of(r);
    }

    /** r_j = b_j if u(key, j) < fraction, else b_j + m_j, on one chunk. */
    private static void resetRandom(SliceOps ops, long key, double fraction, MemorySegment b, MemorySegment m,
            MemorySegment r, long len, long first) {
        if (ops.isF32()) {
            for (long j = 0; j < len; j++) {
                float bj = b.getAtIndex(F32, j);
                r.setAtIndex(F32, j, CounterRng.u(key, first + j) < fraction ? bj : bj + m.getAtIndex(F32, j));
            }
        } else {
            for (long j = 0; j < len; j++) {
                double bj = b.getAtIndex(F64, j);
                r.setAtIndex(F64, j, CounterRng.u(key, first + j) < fraction ? bj : bj + m.getAtIndex(F64, j));
            }
        }
    }

    /** A = Σ_i ŵ_i · |τ_i| on one chunk, checked (it feeds a selection, §2.13). */
    private static void absWeightedSum(SliceOps ops, double[] w, MemorySegment[] t, MemorySegment out, long len,
            long first) throws MergeException {
        int n = t.length;
        if (ops.isF32()) {
            float[] wf = new float[n];
            for (int i = 0; i < n; i++) {
                wf[i] = (float) w[i];
            }
            for (long j = 0; j < len; j++) {
                float acc = 0.0f;
                for (int i = 0; i < n; i++) {
                    acc = acc + wf[i] * Math.abs(t[i].getAtIndex(F32, j));
                }
                out.setAtIndex(F32, j, acc);
            }
        } else {
            for (long j = 0; j < len; j++) {
                double acc = 0.0;
                for (int i = 0; i < n; i++) {
                    acc = acc + w[i] * Math.abs(t[i].getAtIndex(F64, j));
                }
                out.setAtIndex(F64, j, acc);
            }
        }
        ops.checkFinite(out, len, first, "A");
    }
}
