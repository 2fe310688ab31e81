package io.mergelattice.strategy;

/** The "random" column of strategies spec §1. */
public enum Randomness {
    NONE, MASK, SEARCH, OPTION
}
