package io.mergelattice.strategy;

import io.mergelattice.tensor.DType;

/**
 * Compute precision P (strategies spec §2.5). Element-wise math is done in P with one rounding per operation.
 *
 * <p>Determinism: code written once in {@code double} and rounded with {@link #round(double)} after every single
 * {@code + − × ÷ √} gives exactly the bits of native {@code float} arithmetic when P = F32, because double has
 * more than 2·24 + 2 significand bits, so rounding first to double and then to float is the correctly rounded
 * float result (double rounding is innocuous for these operations; overflow gives the same infinities).
 */
public enum Precision {
    F32(DType.F32),
    F64(DType.F64);

    private final DType dtype;

    Precision(DType dtype) {
        this.dtype = dtype;
    }

    public DType dtype() {
        return dtype;
    }

    /** round_P(x): to the nearest float (ties to even) for F32, the identity for F64. */
    public double round(double x) {
        return this == F32 ? (double) (float) x : x;
    }
}
