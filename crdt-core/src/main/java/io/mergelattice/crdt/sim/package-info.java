/**
 * A deterministic, simulated-time convergence simulator for the contribution OR-Set: N replicas, random adds and
 * removes, push-pull epidemic anti-entropy through a lossy network (drops, duplicates, reordering), partitions that
 * heal, and crashes that restart from the last encoded state. Used by tests (N up to 50) and by
 * {@code io.mergelattice.crdt.bench.CrdtBench} (N = 100 and 1,000). Randomness comes from one seeded
 * {@link java.util.Random}; nothing sleeps or reads the clock.
 */
package io.mergelattice.crdt.sim;
