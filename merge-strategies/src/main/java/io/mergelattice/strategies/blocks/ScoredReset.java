package io.mergelattice.strategies.blocks;

import io.mergelattice.strategy.MergeInput;
import io.mergelattice.strategy.PTensor;

/**
 * The closing pass of the score-thresholded strategies (safe_merge §3.24, split_unlearn_merge §3.21): chunk by
 * chunk, the result so far m (held in r) is updated from a per-element score s and the base b by an element-wise
 * rule, and stored back into r. Element-wise, so chunking does not change a bit.
 */
public final class ScoredReset {
    /** m_j ← rule(s_j, m_j, b_j) for j &lt; len. */
    public interface Rule {
        void apply(float[] s, float[] m, float[] b, int len);

        void apply(double[] s, double[] m, double[] b, int len);
    }

    private ScoredReset() {
    }

    /** Applies {@code rule} to every chunk of {@code score} and {@code r} (updated in place) with the base. */
    public static void run(SliceOps ops, PTensor score, PTensor r, Rule rule) {
        MergeInput in = ops.input();
        long d = in.size();
        int c = ops.chunk();
        PTensor b = in.requireBase();
        if (ops.isF32()) {
            float[] s = new float[c];
            float[] m = new float[c];
            float[] bb = new float[c];
            for (long j0 = 0; j0 < d; j0 += c) {
                int len = (int) Math.min(c, d - j0);
                ops.load(score, j0, s, len);
                ops.load(r, j0, m, len);
                ops.load(b, j0, bb, len);
                rule.apply(s, m, bb, len);
                ops.store(m, r, j0, len);
            }
        } else {
            double[] s = new double[c];
            double[] m = new double[c];
            double[] bb = new double[c];
            for (long j0 = 0; j0 < d; j0 += c) {
                int len = (int) Math.min(c, d - j0);
                ops.load(score, j0, s, len);
                ops.load(r, j0, m, len);
                ops.load(b, j0, bb, len);
                rule.apply(s, m, bb, len);
                ops.store(m, r, j0, len);
            }
        }
    }
}
