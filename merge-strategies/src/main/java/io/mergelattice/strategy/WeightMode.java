package io.mergelattice.strategy;

/** How weights are used and checked (strategies spec §2.3). */
public enum WeightMode {
    /** Normalised, signed allowed: Sω == 0 → WEIGHTS_SUM_ZERO. */
    N,
    /** Normalised, non-negative: any ω < 0 → WEIGHT_NEGATIVE. */
    N_PLUS,
    /** Raw, signed allowed: no check. */
    R,
    /** Raw, non-negative (ratios): any ω < 0 → WEIGHT_NEGATIVE. */
    R_PLUS
}
