/**
 * Element types and exact conversions (spec §2.5): {@link io.mergelattice.tensor.DType} names the safetensors
 * dtypes, {@link io.mergelattice.tensor.TensorInfo} describes a tensor, {@link io.mergelattice.tensor.Conversions}
 * widens exactly and narrows with one round-to-nearest-even (−0 canonicalised, overflow an
 * {@link io.mergelattice.tensor.OutputOverflowException}), {@link io.mergelattice.tensor.FiniteScan} finds NaN/±∞.
 * Tensor data are little-endian {@link java.lang.foreign.MemorySegment}s, possibly unaligned
 * ({@link io.mergelattice.tensor.LittleEndian}); names order by UTF-8 bytes ({@link io.mergelattice.tensor.Utf8Order}).
 */
package io.mergelattice.tensor;
