/**
 * Safetensors I/O without third-party code: a validating, memory-mapped reader
 * ({@link io.mergelattice.safetensors.SafetensorsFile}), sharded models as one
 * {@link io.mergelattice.safetensors.TensorSource} ({@link io.mergelattice.safetensors.SafetensorsModel}), and
 * canonical writers whose bytes depend only on the tensors and metadata
 * ({@link io.mergelattice.safetensors.SafetensorsWriter}, {@link io.mergelattice.safetensors.MappedSafetensorsWriter},
 * {@link io.mergelattice.safetensors.ShardedWriter}). Every malformed input fails with a
 * {@link io.mergelattice.safetensors.SafetensorsFormatException} whose
 * {@link io.mergelattice.safetensors.SafetensorsFormatException.Problem} names the case. See docs/safetensors.md.
 */
package io.mergelattice.safetensors;
