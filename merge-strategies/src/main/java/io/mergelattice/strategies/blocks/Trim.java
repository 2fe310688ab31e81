package io.mergelattice.strategies.blocks;

/**
 * B1 trim(x, density) of strategies spec §2.17 (TIES-Merging, Yadav et al. 2023, arXiv:2306.01708): over all d
 * elements, k = min(d, max(1, floor(density × d))); keep every element with |x_j| ≥ kth↓(|x|, k) (ties at the
 * threshold are all kept, §2.8); the others become +0.0. The selection itself streams over |θ − b| (see
 * {@link DisjointStream}); this class holds the shared count rule.
 */
public final class Trim {
    private Trim() {
    }

    /** k = min(d, max(1, floor(density × d))) with the product in IEEE double (§2.8). */
    public static long count(double density, long d) {
        return Math.min(d, Math.max(1L, (long) Math.floor(density * (double) d)));
    }
}
