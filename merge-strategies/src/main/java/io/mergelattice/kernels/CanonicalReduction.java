package io.mergelattice.kernels;

import java.util.function.LongToDoubleFunction;

/**
 * The canonical reduction R of spec §2.7: terms are cut into consecutive blocks of {@value #BLOCK} terms, each block
 * summed sequentially from +0.0, then the block sums are combined by a fixed pairwise tree that carries an unpaired
 * last element to the next level. The empty sequence gives +0.0.
 */
public final class CanonicalReduction {

    /** Terms per block. */
    public static final int BLOCK = 4096;

    private CanonicalReduction() {
    }

    /** R(t_0 … t_{m−1}) for host-side term sequences (e.g. B7's sample); kernels have specialised loops. */
    public static double reduce(long m, LongToDoubleFunction term) {
        double[] sums = new double[blockCount(m)];
        for (int b = 0; b < sums.length; b++) {
            long from = (long) b * BLOCK;
            long to = Math.min(m, from + BLOCK);
            double s = 0.0;
            // Determinism: within a block strictly sequential in increasing j (§2.7).
            for (long j = from; j < to; j++) {
                s += term.applyAsDouble(j);
            }
            sums[b] = s;
        }
        return tree(sums);
    }

    /**
     * Combines block sums with the fixed pairwise tree of §2.7: while |L| > 1, L ← [L0+L1, L2+L3, …], an unpaired
     * last element carried unchanged. The argument is not modified.
     */
    public static double tree(double[] blockSums) {
        int len = blockSums.length;
        if (len == 0) {
            return 0.0;
        }
        double[] l = blockSums.clone();
        while (len > 1) {
            int half = len >>> 1;
            for (int i = 0; i < half; i++) {
                l[i] = l[2 * i] + l[2 * i + 1];
            }
            if ((len & 1) != 0) {
                l[half] = l[len - 1]; // Invariant: the unpaired last element is carried unchanged.
            }
            len = half + (len & 1);
        }
        return l[0];
    }

    /** Number of blocks for m terms. */
    static int blockCount(long m) {
        if (m < 0) {
            throw new IllegalArgumentException("negative term count: " + m);
        }
        return Math.toIntExact((m + BLOCK - 1) / BLOCK);
    }
}
