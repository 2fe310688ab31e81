/**
 * Deterministic numeric kernels for the merge strategies (spec §2.6–§2.10, §2.17).
 *
 * <p>Lucene-style vectorization: the facade {@link io.mergelattice.kernels.KernelSelector} picks one
 * {@link io.mergelattice.kernels.Kernels} implementation once per JVM (CUDA provider, then
 * {@link io.mergelattice.kernels.VectorKernels}, then the oracle {@link io.mergelattice.kernels.ScalarKernels})
 * and logs the choice and every fallback with its reason. Every backend produces the same bytes: element-wise
 * operations round once per written operation (no FMA), reductions follow the canonical reduction R of §2.7, random
 * masks use the counter-based generator {@link io.mergelattice.kernels.CounterRng} of §2.10.
 *
 * <p>Data are {@link java.lang.foreign.MemorySegment}s of little-endian elements
 * ({@link io.mergelattice.kernels.Layouts}); indices and counts are {@code long}. An output segment may be the very
 * same range as an input (in-place), but must not partially overlap one.
 */
package io.mergelattice.kernels;
