package io.mergelattice.strategies.host;

import io.mergelattice.kernels.CanonicalReduction;

/**
 * The canonical reduction R (strategies spec §2.7) over host arrays of doubles: blocks of
 * {@value CanonicalReduction#BLOCK} terms summed sequentially from +0.0, then the fixed pairwise tree.
 */
public final class HostReduction {
    private HostReduction() {
    }

    /** dot(x, y) = R(x_j × y_j) over j = 0 … x.length − 1. */
    public static double dot(double[] x, double[] y) {
        return dot(x, 0, y, 0, x.length);
    }

    /** R(x[xOff + j] × y[yOff + j]) over j = 0 … len − 1. */
    public static double dot(double[] x, int xOff, double[] y, int yOff, int len) {
        int block = CanonicalReduction.BLOCK;
        if (len <= block) {
            double s = 0.0;
            for (int j = 0; j < len; j++) {
                s = s + x[xOff + j] * y[yOff + j];
            }
            return s; // one block: the tree of a single sum is that sum (+0.0 when empty)
        }
        double[] sums = new double[(len + block - 1) / block];
        for (int b = 0; b < sums.length; b++) {
            int from = b * block;
            int to = Math.min(len, from + block);
            double s = 0.0;
            // Determinism: within a block strictly sequential in increasing j (§2.7).
            for (int j = from; j < to; j++) {
                s = s + x[xOff + j] * y[yOff + j];
            }
            sums[b] = s;
        }
        return CanonicalReduction.tree(sums);
    }
}
