package io.mergelattice.kernels;

/**
 * The kernel SPI: one backend of the deterministic kernels (spec §2.6–§2.10, §2.12 class E). Every backend returns
 * bitwise identical results for the same inputs; they differ only in speed. Obtain the chosen backend from
 * {@link KernelSelector#kernels()}.
 */
public interface Kernels {

    /** Stable backend id: {@code "scalar"}, {@code "vector-256"}, {@code "cuda"}, … */
    String id();

    /** Kernels with compute precision F32. */
    FloatKernels f32();

    /** Kernels with compute precision F64. */
    DoubleKernels f64();
}
