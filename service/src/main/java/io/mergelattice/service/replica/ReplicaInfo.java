package io.mergelattice.service.replica;

import java.time.Instant;

/** This replica's stable identity row, created on first start. */
public record ReplicaInfo(String replicaId, Instant createdAt) {
}
