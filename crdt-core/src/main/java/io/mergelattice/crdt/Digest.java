package io.mergelattice.crdt;

import io.mergelattice.identity.Hash32;
import java.util.Objects;

/**
 * What a replica tells a peer about one workspace before anti-entropy (design.md §6), computed by
 * {@link AntiEntropyPlanner#digest}.
 *
 * @param versionVector the compact part of the replica's causal context: every dot it has seen contiguously
 * @param setRoot       the set root of its visible elements (design.md §2)
 * @param storeHash     SHA-256 of the canonical encoding ({@link ORSetCodec}, kind delta) of its dot store
 *                      restricted to the dots {@code versionVector} covers, with {@code versionVector} as context.
 *                      Two replicas with the same vector and the same visible set can still hold different dots
 *                      (one has dropped a dot the other keeps next to a newer one); this hash tells them apart, and
 *                      lets a replica ahead of its peer check that the peer holds no dot it has removed.
 */
public record Digest(VersionVector versionVector, Hash32 setRoot, Hash32 storeHash) {
    public Digest {
        Objects.requireNonNull(versionVector, "versionVector");
        Objects.requireNonNull(setRoot, "setRoot");
        Objects.requireNonNull(storeHash, "storeHash");
    }
}
