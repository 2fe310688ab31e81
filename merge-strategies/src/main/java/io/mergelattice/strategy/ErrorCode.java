package io.mergelattice.strategy;

/**
 * The error codes of strategies spec §2.16, plus two model-level codes of the merge runner. Wire format: the names
 * are stable API values.
 */
public enum ErrorCode {
    SHAPE_MISMATCH,
    BASE_SHAPE_MISMATCH,
    WEIGHT_NOT_FINITE,
    WEIGHT_OUT_OF_RANGE,
    WEIGHT_NEGATIVE,
    WEIGHTS_SUM_ZERO,
    UNKNOWN_PARAMETER,
    INVALID_PARAMETER,
    DUPLICATE_PARAMETER,
    BASE_REQUIRED,
    ARTIFACT_INVALID,
    NO_CONTRIBUTIONS,
    NUMERICAL_FAILURE,
    NON_FINITE_RESULT,
    OUTPUT_OVERFLOW,
    /** Model level (not in §2.16): a float tensor is missing from a contribution with a non-zero weight. */
    TENSOR_MISSING,
    /** Model level (not in §2.16): a non-float (pass-through) tensor differs between contributions. */
    PASSTHROUGH_MISMATCH
}
