package io.mergelattice.strategies.linalg;

import io.mergelattice.kernels.CanonicalReduction;

/**
 * The canonical reduction R of strategies spec §2.7 over host arrays: blocks of {@value CanonicalReduction#BLOCK}
 * terms, each summed sequentially from +0.0, combined by {@link CanonicalReduction#tree}. Equivalent to
 * {@link CanonicalReduction#reduce} with the terms written out as plain loops.
 */
final class Reductions {
    private static final int BLOCK = CanonicalReduction.BLOCK;

    private Reductions() {
    }

    /** R(x_j × x_j). */
    static double sumSquares(double[] x) {
        return dot(x, x);
    }

    /** R(x_j × y_j) over the common length of {@code x} and {@code y}. */
    static double dot(double[] x, double[] y) {
        int m = x.length;
        if (m <= BLOCK) {
            double s = 0.0;
            for (int j = 0; j < m; j++) {
                s += x[j] * y[j];
            }
            return s;
        }
        double[] blocks = new double[(m + BLOCK - 1) / BLOCK];
        for (int b = 0; b < blocks.length; b++) {
            int to = Math.min(m, (b + 1) * BLOCK);
            double s = 0.0;
            // Determinism: within a block strictly sequential in increasing j (§2.7).
            for (int j = b * BLOCK; j < to; j++) {
                s += x[j] * y[j];
            }
            blocks[b] = s;
        }
        return CanonicalReduction.tree(blocks);
    }
}
