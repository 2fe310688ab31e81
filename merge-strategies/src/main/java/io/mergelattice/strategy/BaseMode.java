package io.mergelattice.strategy;

/** Whether a strategy needs, may use or never sees the base model (strategies spec §1, §2.4). */
public enum BaseMode {
    REQUIRED, OPTIONAL, NOT_USED
}
