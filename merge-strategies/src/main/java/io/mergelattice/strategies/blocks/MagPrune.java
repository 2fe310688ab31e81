package io.mergelattice.strategies.blocks;

import static io.mergelattice.kernels.Layouts.I64;

import java.lang.foreign.MemorySegment;
import java.util.Arrays;

/**
 * B5 magprune(τ_i, root_i, density, ε, rescale) of strategies spec §2.17 (DELLA, Deep et al. 2024,
 * arXiv:2406.11617), one row of the matrix view (§2.9) at a time: ε_eff = min(ε, density, 1 − density),
 * lo = density − ε_eff, width = 2 × ε_eff (host doubles); r_j = min-rank of |τ_ij| within the row (§2.8);
 * ρ_j = r_j / (cols − 1) (0.5 when cols = 1); p_j = min(1, lo + (width × ρ_j)); kept iff u(key_i, j) &lt; p_j with the
 * <em>flat</em> index j = a·cols + c as counter; a kept element becomes round_P(τ_ij / p_j) if rescale, else τ_ij;
 * dropped elements become +0.0.
 *
 * <p>Rows that fit a Java array are ranked by sorting their magnitude bit patterns (for finite values the pattern
 * {@code bits & ~sign} orders |x|, and ±0.0 share pattern 0); larger rows use the kernels' min-ranks.
 */
public final class MagPrune {
    private static final long TABLE_LIMIT = 1L << 22;
    private static final int DIGIT = 11;
    private static final int DIGIT_MASK = (1 << DIGIT) - 1;

    private final SliceOps ops;
    private final double lo;
    private final double width;
    private final boolean rescale;
    private final long cols;
    private final double[] table;
    private final int[] counts = new int[1 << DIGIT];
    private long[] keys;
    private long[] sorted;

    /** Prepares B5 for rows of {@code cols} elements (cols ≥ 1). */
    public MagPrune(SliceOps ops, double density, double epsilon, boolean rescale, long cols) {
        this.ops = ops;
        double epsEff = Math.min(epsilon, Math.min(density, 1.0 - density));
        this.lo = density - epsEff;
        this.width = 2.0 * epsEff;
        this.rescale = rescale;
        this.cols = cols;
        this.table = cols <= TABLE_LIMIT ? new double[(int) cols] : null;
        for (int r = 0; table != null && r < cols; r++) {
            table[r] = probability(r);
        }
    }

    /** The keep probability p of an element of min-rank {@code r}. */
    public double probability(long r) {
        double rho = cols == 1 ? 0.5 : (double) r / (double) (cols - 1);
        return Math.min(1.0, lo + (width * rho));
    }

    /** Applies B5 in place to a whole row x of τ_i (cols elements) whose first element has flat index {@code first}. */
    public void applyRow(float[] x, long key, long first, double[] probs) {
        int m = (int) cols;
        long[] packed = buffer(m);
        for (int c = 0; c < m; c++) {
            long bits = Float.floatToRawIntBits(x[c]) & 0x7FFF_FFFFL;
            packed[c] = (bits << 32) | c;
        }
        packed = sortByHighWord(packed, m);
        long prev = -1;
        double p = 0.0;
        for (int pos = 0; pos < m; pos++) {
            long bits = packed[pos] >>> 32;
            if (bits != prev) {
                prev = bits;
                p = table != null ? table[pos] : probability(pos); // min-rank: position of the first equal |x|
            }
            probs[(int) packed[pos]] = p;
        }
        ops.randomKeep(x, m, key, first, probs, rescale);
    }

    /** LSD radix sort (11-bit digits) of a[0..m) by bits 32..62, skipping passes where every digit is equal. */
    private long[] sortByHighWord(long[] a, int m) {
        if (sorted == null || sorted.length < m) {
            sorted = new long[m];
        }
        long[] src = a;
        long[] dst = sorted;
        int[] count = counts;
        for (int shift = 32; shift < 63; shift += DIGIT) {
            java.util.Arrays.fill(count, 0);
            for (int j = 0; j < m; j++) {
                count[(int) (src[j] >>> shift) & DIGIT_MASK]++;
            }
            if (count[(int) (src[0] >>> shift) & DIGIT_MASK] == m) {
                continue; // one digit value: the pass would not move anything
            }
            int sum = 0;
            for (int d = 0; d <= DIGIT_MASK; d++) {
                int c = count[d];
                count[d] = sum;
                sum += c;
            }
            for (int j = 0; j < m; j++) {
                long v = src[j];
                dst[count[(int) (v >>> shift) & DIGIT_MASK]++] = v; // stable
            }
            long[] t = src;
            src = dst;
            dst = t;
        }
        keys = src; // keep both buffers for the next row
        sorted = dst;
        return src;
    }

    /** The F64 variant of {@link #applyRow(float[], long, long, double[])}. */
    public void applyRow(double[] x, long key, long first, double[] probs) {
        int m = (int) cols;
        long[] k = buffer(m);
        if (sorted == null || sorted.length < m) {
            sorted = new long[m];
        }
        for (int c = 0; c < m; c++) {
            k[c] = Double.doubleToRawLongBits(x[c]) & 0x7FFF_FFFF_FFFF_FFFFL;
        }
        System.arraycopy(k, 0, sorted, 0, m);
        Arrays.sort(sorted, 0, m);
        for (int c = 0; c < m; c++) {
            int r = lowerBound(sorted, m, k[c]);
            probs[c] = table != null ? table[r] : probability(r);
        }
        ops.randomKeep(x, m, key, first, probs, rescale);
    }

    /**
     * For rows too large for Java arrays: the keep probabilities of elements {@code [from, from + len)} of a row
     * whose min-ranks (I64) were computed by {@link #ranks}.
     */
    public void probabilities(MemorySegment ranks, long from, int len, double[] probs) {
        for (int c = 0; c < len; c++) {
            probs[c] = probability(ranks.getAtIndex(I64, from + c));
        }
    }

    /** Min-ranks of the magnitudes of a whole row segment (any length) into {@code ranks} (I64). */
    public void ranks(MemorySegment ranks, MemorySegment row) {
        ops.minRanks(ranks, row, cols);
    }

    public boolean rescale() {
        return rescale;
    }

    private long[] buffer(int m) {
        if (keys == null || keys.length < m) {
            keys = new long[m];
        }
        return keys;
    }

    private static int lowerBound(long[] a, int m, long key) {
        int l = 0;
        int h = m;
        while (l < h) {
            int mid = (l + h) >>> 1;
            if (a[mid] < key) {
                l = mid + 1;
            } else {
                h = mid;
            }
        }
        return l;
    }
}
