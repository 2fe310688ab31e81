package io.mergelattice.strategy;

import io.mergelattice.identity.Hash32;
import java.util.Map;
import java.util.Optional;

/**
 * One remaining contribution after preprocessing (strategies spec §2.1): its root (the contribution id), θ in P,
 * its raw weight ω, and the artifacts the strategy reads (element-wise ones in P, host ones as F64).
 */
public record Contribution(Hash32 root, PTensor theta, double weight, Map<String, PTensor> artifacts) {
    public Contribution {
        artifacts = Map.copyOf(artifacts);
    }

    public Optional<PTensor> artifact(String name) {
        return Optional.ofNullable(artifacts.get(name));
    }
}
