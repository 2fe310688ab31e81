package io.mergelattice.strategies.blocks;

import java.util.function.Function;

/**
 * B4 dare(τ_i, root_i, density, rescale) of strategies spec §2.17 (DARE, Yu et al. 2024, arXiv:2311.03099):
 * element j is kept iff u(key_i, j) &lt; density with key_i = key(seed, tensorName, root_i) (§2.10); a kept element
 * becomes round_P(τ_ij / density) if rescale (quotient in double, §2.6), else τ_ij; dropped elements become +0.0.
 */
public final class Dare {
    private Dare() {
    }

    /** B4 on every contribution's chunk, in place, as a {@link DisjointStream.Sparsifier} per part's SliceOps. */
    public static Function<SliceOps, DisjointStream.Sparsifier> sparsifiers(SliceOps any, double density,
            boolean rescale) {
        long[] keys = any.keys();
        return ops -> new DisjointStream.Sparsifier() {
            @Override
            public void apply(float[][] v, int len, long first) {
                for (int i = 0; i < v.length; i++) {
                    ops.randomKeep(v[i], len, keys[i], first, density, rescale);
                }
            }

            @Override
            public void apply(double[][] v, int len, long first) {
                for (int i = 0; i < v.length; i++) {
                    ops.randomKeep(v[i], len, keys[i], first, density, rescale);
                }
            }
        };
    }
}
