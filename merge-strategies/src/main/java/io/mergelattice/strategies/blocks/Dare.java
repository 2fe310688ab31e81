package io.mergelattice.strategies.blocks;

/**
 * B4 dare(τ_i, root_i, density, rescale) of strategies spec §2.17 (DARE, Yu et al. 2024, arXiv:2311.03099):
 * element j is kept iff u(key_i, j) &lt; density with key_i = key(seed, tensorName, root_i) (§2.10); a kept element
 * becomes round_P(τ_ij / density) if rescale (quotient in double, §2.6), else τ_ij; dropped elements become +0.0.
 */
public final class Dare {
    private Dare() {
    }

    /** Applies B4 in place to a chunk of τ_i (F32) whose first element has flat index {@code first}. */
    public static void apply(SliceOps ops, float[] x, int len, long key, long first, double density,
            boolean rescale) {
        ops.randomKeep(x, len, key, first, density, rescale);
    }

    /** Applies B4 in place to a chunk of τ_i (F64). */
    public static void apply(SliceOps ops, double[] x, int len, long key, long first, double density,
            boolean rescale) {
        ops.randomKeep(x, len, key, first, density, rescale);
    }
}
