package io.mergelattice.strategy;

/** Strategies spec §2.12. */
public enum DeterminismClass {
    /** Bitwise identical on every backend and thread count. */
    E,
    /** Uses a decomposition or solver: bitwise identical for the same backend configuration. */
    S
}
