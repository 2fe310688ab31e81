package io.mergelattice.strategies.blocks;

import io.mergelattice.kernels.Parallel;
import io.mergelattice.strategy.MergeException;
import io.mergelattice.strategy.MergeInput;
import io.mergelattice.strategy.PTensor;
import io.mergelattice.strategy.Params;
import java.util.function.Function;

/**
 * The streaming loop shared by ties, della and dare_ties (strategies spec §3.5, §3.7, §3.8): chunk by chunk,
 * τ_i = θ_i − b ({@link SliceOps#taskVectors}, checked for overflow, §2.13), the strategy's sparsification of the
 * chunk, then B2 + B3 and r = b + (λ̂ · M) ({@link Disjoint}). τ is never materialised; every step is element-wise
 * (or per row, when chunks are whole rows), so the bits are those of whole tensors.
 */
public final class DisjointStream {
    /** In-place sparsification of the task vectors of one chunk whose first element has flat index {@code first}. */
    public interface Sparsifier {
        void apply(float[][] v, int len, long first);

        void apply(double[][] v, int len, long first);
    }

    private DisjointStream() {
    }

    /** B2 + B3 configured from the {@code consensus_method}, {@code normalize} and {@code lambda} parameters. */
    public static Disjoint disjoint(SliceOps ops, Params params, int maxLen) throws MergeException {
        return new Disjoint(ops, ops.input().rawWeights(), Elect.of(params.getString("consensus_method")),
                params.getBool("normalize"), params.getDouble("lambda"), maxLen);
    }

    /**
     * r = b + (λ̂ · M) in chunks of {@code c} elements (d a multiple of c when chunks must be whole rows), split over
     * threads by {@link Parallel}.
     *
     * @param keep B1 thresholds per contribution, or null
     * @param sparsifiers the chunk step before the vote for a part's SliceOps, or null
     */
    public static PTensor run(SliceOps ops, Disjoint disjoint, double[] keep, int c,
            Function<SliceOps, Sparsifier> sparsifiers) throws MergeException {
        MergeInput in = ops.input();
        long d = in.size();
        PTensor r = in.result();
        int parts = Parallel.parts(d, c, ops.segments(r));
        Parallel.<MergeException>run(d, c, parts, p -> {
            SliceOps o = parts == 1 ? ops : ops.fork(c);
            Disjoint dj = parts == 1 ? disjoint : disjoint.copy(c);
            Sparsifier sp = sparsifiers == null ? null : sparsifiers.apply(o);
            return (lo, hi) -> part(o, dj, keep, c, sp, r, lo, hi);
        });
        return r;
    }

    private static void part(SliceOps ops, Disjoint disjoint, double[] keep, int c, Sparsifier sparsifier,
            PTensor r, long lo, long hi) throws MergeException {
        MergeInput in = ops.input();
        int n = in.n();
        PTensor b = in.requireBase();
        float[][] vf = ops.isF32() ? new float[n][c] : null;
        double[][] vd = ops.isF32() ? null : new double[n][c];
        float[] bf = ops.isF32() ? new float[c] : null;
        double[] bd = ops.isF32() ? null : new double[c];
        for (long j0 = lo; j0 < hi; j0 += c) {
            int len = (int) Math.min(c, hi - j0);
            if (vf != null) {
                ops.taskVectors(j0, len, vf);
                if (sparsifier != null) {
                    sparsifier.apply(vf, len, j0);
                }
                ops.load(b, j0, bf, len);
                disjoint.apply(vf, keep, bf, bf, len, j0);
                ops.store(bf, r, j0, len);
            } else {
                ops.taskVectors(j0, len, vd);
                if (sparsifier != null) {
                    sparsifier.apply(vd, len, j0);
                }
                ops.load(b, j0, bd, len);
                disjoint.apply(vd, keep, bd, bd, len, j0);
                ops.store(bd, r, j0, len);
            }
        }
    }
}
