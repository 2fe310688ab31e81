package io.mergelattice.strategy;

/** Strategy categories of the strategies spec §1. */
public enum Category {
    AVERAGING, INTERPOLATION, TASK_VECTOR, SPARSIFICATION, SUBSPACE, IMPORTANCE, SEARCH, UNLEARNING, CALIBRATION,
    SAFETY, CONTINUAL
}
