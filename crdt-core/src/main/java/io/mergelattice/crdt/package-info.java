/**
 * Layer 1 of MergeLattice (design.md §1, §6): <em>what</em> to merge. A workspace's contributions form a
 * delta-state, add-wins OR-Set without tombstones ({@link io.mergelattice.crdt.ORSet}), replicated by pure
 * anti-entropy planning ({@link io.mergelattice.crdt.AntiEntropyPlanner}) and stored or sent in a canonical binary
 * encoding ({@link io.mergelattice.crdt.ORSetCodec}).
 *
 * <p>Everything here is pure: values are immutable, the replica id is a parameter, nothing touches the network,
 * a clock or a random source. The law every type obeys is the join ({@code merge}): commutative, associative and
 * idempotent. See {@code docs/crdt.md} for a worked two-replica example, the byte layout and the pruning
 * procedure.
 */
package io.mergelattice.crdt;
