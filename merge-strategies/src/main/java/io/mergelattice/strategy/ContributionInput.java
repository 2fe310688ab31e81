package io.mergelattice.strategy;

import io.mergelattice.identity.Hash32;
import java.util.Map;
import java.util.Objects;

/** One contribution's tensor as stored, with its root (contribution id), raw weight and artifacts. */
public record ContributionInput(Hash32 root, RawTensor theta, double weight, Map<String, RawTensor> artifacts) {
    public ContributionInput {
        Objects.requireNonNull(root);
        Objects.requireNonNull(theta);
        artifacts = Map.copyOf(artifacts);
    }

    public ContributionInput(Hash32 root, RawTensor theta, double weight) {
        this(root, theta, weight, Map.of());
    }
}
