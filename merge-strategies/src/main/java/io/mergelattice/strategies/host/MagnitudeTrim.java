package io.mergelattice.strategies.host;

import java.util.Arrays;

/**
 * The TIES-style trim on host arrays of doubles, shared by svd_knot_tying's block merge (strategies spec §3.12) and
 * the sign-consensus fitness B7 (§3.18): each row x_i keeps its k = max(1, ⌊density · len⌋) largest magnitudes,
 * i.e. every element with |x_i[e]| ≥ kth↓(|x_i|, k) (ties at the threshold are kept), and the others become 0.0.
 */
public final class MagnitudeTrim {
    private MagnitudeTrim() {
    }

    /** k = max(1, ⌊density · len⌋). */
    public static long keptCount(double density, int len) {
        return Math.max(1L, (long) Math.floor(density * (double) len));
    }

    /** The trimmed copies of the rows of {@code x} (all of one length ≥ 1), keeping k per row. */
    public static double[][] trim(double[][] x, long k) {
        int n = x.length;
        int len = x[0].length;
        double[][] trimmed = new double[n][];
        for (int i = 0; i < n; i++) {
            double[] mag = new double[len];
            for (int e = 0; e < len; e++) {
                mag[e] = Math.abs(x[i][e]);
            }
            Arrays.sort(mag);
            double threshold = mag[(int) (len - k)]; // kth↓(|x_i|, k)
            trimmed[i] = new double[len];
            for (int e = 0; e < len; e++) {
                trimmed[i][e] = Math.abs(x[i][e]) >= threshold ? x[i][e] : 0.0;
            }
        }
        return trimmed;
    }
}
