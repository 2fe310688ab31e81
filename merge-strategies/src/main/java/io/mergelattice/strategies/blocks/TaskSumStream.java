package io.mergelattice.strategies.blocks;

import io.mergelattice.kernels.Parallel;
import io.mergelattice.strategy.MergeException;
import io.mergelattice.strategy.MergeInput;
import io.mergelattice.strategy.PTensor;
import java.util.function.Function;

/**
 * The streaming loop of the sparsified task-vector sums (dare §3.6, model_breadcrumbs §3.9, negative_merge):
 * chunk by chunk, τ_i = θ_i − b ({@link SliceOps#taskVectors}, checked for overflow, §2.13), the strategy's
 * element-wise sparsification v_i of the chunk, acc = Σ_i ĉ_i · v_i from +0.0 in order (§2.6), r = b + (λ̂ · acc).
 * τ is never materialised; every step is element-wise, so the bits are those of whole tensors.
 * (b − (λ̂ · acc) is b + ((−λ̂) · acc) bit for bit: negation is exact and x − y is x + (−y) in IEEE arithmetic.)
 */
public final class TaskSumStream {
    private TaskSumStream() {
    }

    /**
     * Split over threads by {@link Parallel}.
     *
     * @param c the coefficients ĉ_i, already rounded to P ({@link SliceOps#round})
     * @param lambda λ̂, already rounded to P
     * @param sparsifiers the chunk step before the sum for a part's SliceOps, or null
     */
    public static PTensor run(SliceOps ops, double[] c, double lambda,
            Function<SliceOps, DisjointStream.Sparsifier> sparsifiers) throws MergeException {
        MergeInput in = ops.input();
        long d = in.size();
        int k = ops.chunk();
        PTensor r = in.result();
        int parts = Parallel.parts(d, k, ops.segments(r));
        Parallel.<MergeException>run(d, k, parts, p -> {
            SliceOps o = parts == 1 ? ops : ops.fork(k);
            DisjointStream.Sparsifier sp = sparsifiers == null ? null : sparsifiers.apply(o);
            return (lo, hi) -> part(o, c, lambda, sp, r, lo, hi);
        });
        return r;
    }

    private static void part(SliceOps ops, double[] c, double lambda, DisjointStream.Sparsifier sparsifier,
            PTensor r, long lo, long hi) throws MergeException {
        MergeInput in = ops.input();
        int n = in.n();
        int k = ops.chunk();
        PTensor b = in.requireBase();
        if (ops.isF32()) {
            float[][] v = new float[n][k];
            float[] acc = new float[k];
            float[] bb = new float[k];
            float[] cf = SliceOps.floats(c);
            float lam = (float) lambda;
            for (long j0 = lo; j0 < hi; j0 += k) {
                int len = (int) Math.min(k, hi - j0);
                ops.taskVectors(j0, len, v);
                if (sparsifier != null) {
                    sparsifier.apply(v, len, j0);
                }
                SliceOps.weightedSum(acc, cf, v, len);
                ops.load(b, j0, bb, len);
                SliceOps.accumulate(bb, lam, acc, len);
                ops.store(bb, r, j0, len);
            }
        } else {
            double[][] v = new double[n][k];
            double[] acc = new double[k];
            double[] bb = new double[k];
            for (long j0 = lo; j0 < hi; j0 += k) {
                int len = (int) Math.min(k, hi - j0);
                ops.taskVectors(j0, len, v);
                if (sparsifier != null) {
                    sparsifier.apply(v, len, j0);
                }
                SliceOps.weightedSum(acc, c, v, len);
                ops.load(b, j0, bb, len);
                SliceOps.accumulate(bb, lambda, acc, len);
                ops.store(bb, r, j0, len);
            }
        }
    }
}
