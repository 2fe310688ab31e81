package io.mergelattice.strategies.host;

import io.mergelattice.kernels.CounterRng;
import io.mergelattice.kernels.CounterStream;
import io.mergelattice.strategy.Guards;
import io.mergelattice.strategy.MergeContext;
import io.mergelattice.strategy.MergeException;

/**
 * Shared steps of the coefficient searches (strategies spec §3.18, §3.19): the host stream, normalisation onto the
 * probability simplex and the elite ranking.
 */
public final class SearchSupport {
    private SearchSupport() {
    }

    /** The host search stream st with key(seed, tensorName, NULL_ROOT) and counter 0 (§2.10). */
    public static CounterStream stream(MergeContext ctx) {
        return CounterRng.stream(CounterRng.key(ctx.seed().bytes(), ctx.tensorName(), CounterRng.nullRoot()));
    }

    /** g / Σseq g if Σseq g > 0, else {@code fallback} (copied). */
    public static double[] normaliseOr(double[] g, double[] fallback) throws MergeException {
        double s = 0.0;
        for (double v : g) {
            s = s + Guards.finite(v, "search gene");
        }
        Guards.finite(s, "sum of genes");
        if (!(s > 0.0)) {
            return fallback.clone();
        }
        double[] out = new double[g.length];
        for (int i = 0; i < g.length; i++) {
            out[i] = Guards.finite(g[i] / s, "normalised gene");
        }
        return out;
    }

    /** Indices sorted by f descending, ties by index ascending (f is finite). */
    public static int[] rankDescending(double[] f) {
        Integer[] idx = new Integer[f.length];
        for (int p = 0; p < idx.length; p++) {
            idx[p] = p;
        }
        java.util.Arrays.sort(idx, (x, y) -> f[x] > f[y] ? -1 : f[x] < f[y] ? 1 : Integer.compare(x, y));
        int[] out = new int[idx.length];
        for (int p = 0; p < out.length; p++) {
            out[p] = idx[p];
        }
        return out;
    }
}
