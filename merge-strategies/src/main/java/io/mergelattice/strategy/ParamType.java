package io.mergelattice.strategy;

/** Parameter value types of strategies spec §2.1. */
public enum ParamType {
    /** A finite double, or an integer (converted to the nearest double). */
    DOUBLE,
    /** An integer only. */
    INT,
    /** A boolean only. */
    BOOL,
    /** One of the listed strings, case-sensitive. */
    ENUM,
    /** The string "auto" or an integer in range. */
    INT_OR_AUTO
}
