package io.mergelattice.strategies.blocks;

import static io.mergelattice.kernels.Layouts.F32;
import static io.mergelattice.kernels.Layouts.F64;
import static io.mergelattice.kernels.Layouts.I64;

import java.lang.foreign.MemorySegment;
import java.util.Arrays;

/**
 * B5 magprune(τ_i, root_i, density, ε, rescale) of strategies spec §2.17 (DELLA, Deep et al. 2024,
 * arXiv:2406.11617), one row of the matrix view (§2.9) at a time: ε_eff = min(ε, density, 1 − density),
 * lo = density − ε_eff, width = 2 × ε_eff (host doubles); r_j = min-rank of |τ_ij| within the row (§2.8);
 * ρ_j = r_j / (cols − 1) (0.5 when cols = 1); p_j = min(1, lo + (width × ρ_j)); kept iff u(key_i, j) < p_j with the
 * <em>flat</em> index j = a·cols + c as counter; a kept element becomes round_P(τ_ij / p_j) if rescale, else τ_ij;
 * dropped elements become +0.0.
 */
public final class MagPrune {
    private static final long MAX_ARRAY = Integer.MAX_VALUE - 8;

    private final SliceOps ops;
    private final double lo;
    private final double width;
    private final boolean rescale;
    private final long cols;
    private final MemorySegment probs;
    private final long[] keys;
    private final long[] sorted;
    private MemorySegment ranks;

    /** Prepares B5 for rows of {@code cols} elements (cols ≥ 1). */
    public MagPrune(SliceOps ops, double density, double epsilon, boolean rescale, long cols) {
        this.ops = ops;
        double epsEff = Math.min(epsilon, Math.min(density, 1.0 - density));
        this.lo = density - epsEff;
        this.width = 2.0 * epsEff;
        this.rescale = rescale;
        this.cols = cols;
        this.probs = cols > MAX_ARRAY ? ops.scratchBytes(cols * Double.BYTES)
                : MemorySegment.ofArray(new double[(int) cols]);
        boolean small = cols <= MAX_ARRAY;
        this.keys = small ? new long[(int) cols] : null;
        this.sorted = small && !ops.isF32() ? new long[(int) cols] : null;
    }

    /** The keep probability of an element of min-rank {@code r}. */
    double probability(long r) {
        double rho = cols == 1 ? 0.5 : (double) r / (double) (cols - 1);
        return Math.min(1.0, lo + (width * rho));
    }

    /** Applies B5 in place to a row x (cols elements) of τ_i whose first element has flat index {@code first}. */
    public void applyRow(MemorySegment x, long key, long first) {
        if (cols > MAX_ARRAY) {
            largeRowProbabilities(x);
        } else if (ops.isF32()) {
            probabilitiesF32(x);
        } else {
            probabilitiesF64(x);
        }
        ops.randomKeep(x, x, key, first, probs, rescale, cols);
    }

    /** F32: sort (|x| bits, column) pairs; equal magnitudes share the position of their first occurrence. */
    private void probabilitiesF32(MemorySegment x) {
        int m = (int) cols;
        long[] packed = keys;
        for (int c = 0; c < m; c++) {
            long key = Float.floatToRawIntBits(x.getAtIndex(F32, c)) & 0x7FFF_FFFFL; // orders |x| for finite x
            packed[c] = (key << 32) | c;
        }
        Arrays.sort(packed);
        long prev = -1;
        int start = 0;
        double prob = 0.0;
        for (int pos = 0; pos < m; pos++) {
            long key = packed[pos] >>> 32;
            if (key != prev) {
                prev = key;
                start = pos; // min-rank: #{l : |x_l| < |x_c|}
                prob = probability(start);
            }
            probs.setAtIndex(F64, (int) packed[pos], prob);
        }
    }

    /** F64: sorted magnitude bit patterns, then a lower-bound search per element. */
    private void probabilitiesF64(MemorySegment x) {
        int m = (int) cols;
        for (int c = 0; c < m; c++) {
            keys[c] = Double.doubleToRawLongBits(x.getAtIndex(F64, c)) & 0x7FFF_FFFF_FFFF_FFFFL;
        }
        System.arraycopy(keys, 0, sorted, 0, m);
        Arrays.sort(sorted);
        for (int c = 0; c < m; c++) {
            int lo2 = 0;
            int hi = m;
            while (lo2 < hi) {
                int mid = (lo2 + hi) >>> 1;
                if (sorted[mid] < keys[c]) {
                    lo2 = mid + 1;
                } else {
                    hi = mid;
                }
            }
            probs.setAtIndex(F64, c, probability(lo2));
        }
    }

    /** Rows beyond Java array sizes: the kernels' min-ranks (§2.8). */
    private void largeRowProbabilities(MemorySegment x) {
        if (ranks == null) {
            ranks = ops.scratchBytes(cols * Long.BYTES);
        }
        ops.minRanks(ranks, x, cols);
        for (long c = 0; c < cols; c++) {
            probs.setAtIndex(F64, c, probability(ranks.getAtIndex(I64, c)));
        }
    }
}
