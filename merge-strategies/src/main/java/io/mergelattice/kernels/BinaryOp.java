package io.mergelattice.kernels;

/** The element-wise binary operations of the kernels, one IEEE rounding each (spec §2.6). */
enum BinaryOp {
    ADD,
    SUBTRACT,
    MULTIPLY,
    DIVIDE
}
