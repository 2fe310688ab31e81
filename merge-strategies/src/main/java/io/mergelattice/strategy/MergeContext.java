package io.mergelattice.strategy;

import io.mergelattice.identity.Hash32;
import java.util.Objects;

/** Strategies spec §2.1: the merge seed (32 bytes) and the tensor's name exactly as in the safetensors header. */
public record MergeContext(Hash32 seed, String tensorName) {
    public MergeContext {
        Objects.requireNonNull(seed, "seed");
        Objects.requireNonNull(tensorName, "tensorName");
    }
}
