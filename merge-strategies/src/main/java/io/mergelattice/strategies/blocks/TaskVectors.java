package io.mergelattice.strategies.blocks;

import io.mergelattice.strategy.MergeException;
import io.mergelattice.strategy.MergeInput;
import io.mergelattice.strategy.PTensor;
import java.util.ArrayList;
import java.util.List;

/**
 * Materialised task vectors τ_i = θ_i − b in P (strategies spec §2.4), for strategies that select on whole task
 * vectors (B1's threshold, breadcrumbs' thresholds). Each is checked for overflow (§2.13) in the same chunked pass,
 * so that a non-finite τ_ij never disappears silently in a trim, vote or mask. Streaming strategies use
 * {@link SliceOps#taskVectors} per chunk instead.
 */
public final class TaskVectors {
    private TaskVectors() {
    }

    /** τ_i for every contribution, in the merge's arena. */
    public static List<PTensor> of(MergeInput in) throws MergeException {
        SliceOps ops = new SliceOps(in);
        int n = in.n();
        long d = in.size();
        int c = ops.chunk();
        List<PTensor> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(in.uninitialized());
        }
        float[][] f = ops.isF32() ? new float[n][c] : null;
        double[][] g = ops.isF32() ? null : new double[n][c];
        for (long j0 = 0; j0 < d; j0 += c) {
            int len = (int) Math.min(c, d - j0);
            if (f != null) {
                ops.taskVectors(j0, len, f);
            } else {
                ops.taskVectors(j0, len, g);
            }
            for (int i = 0; i < n; i++) {
                if (f != null) {
                    ops.store(f[i], out.get(i), j0, len);
                } else {
                    ops.store(g[i], out.get(i), j0, len);
                }
            }
        }
        return out;
    }
}
