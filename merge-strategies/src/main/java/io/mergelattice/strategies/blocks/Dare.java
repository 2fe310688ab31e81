package io.mergelattice.strategies.blocks;

import java.lang.foreign.MemorySegment;

/**
 * B4 dare(τ_i, root_i, density, rescale) of strategies spec §2.17 (DARE, Yu et al. 2024, arXiv:2311.03099):
 * element j is kept iff u(key_i, j) < density with key_i = key(seed, tensorName, root_i) (§2.10); a kept element
 * becomes round_P(τ_ij / density) if rescale (quotient in double, §2.6), else τ_ij; dropped elements become +0.0.
 */
public final class Dare {
    private Dare() {
    }

    /** Applies B4 in place to the slice x of τ_i whose first element has flat index {@code first}. */
    public static void apply(SliceOps ops, MemorySegment x, long key, long first, double density, boolean rescale,
            long len) {
        ops.randomKeep(x, x, key, first, density, rescale, len);
    }
}
