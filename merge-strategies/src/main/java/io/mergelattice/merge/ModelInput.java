package io.mergelattice.merge;

import io.mergelattice.identity.Hash32;
import io.mergelattice.safetensors.TensorSource;
import java.util.Map;
import java.util.Objects;

/**
 * One contribution to a model merge: its tensors (a memory-mapped file or sharded model), its root (the
 * contribution id, which orders the inputs and keys its random streams), its weight and its side artifacts
 * (artifact name → a source holding one artifact tensor per model tensor, under the same names).
 */
public record ModelInput(Hash32 root, TensorSource tensors, double weight, Map<String, TensorSource> artifacts) {
    public ModelInput {
        Objects.requireNonNull(root);
        Objects.requireNonNull(tensors);
        artifacts = Map.copyOf(artifacts);
    }
}
