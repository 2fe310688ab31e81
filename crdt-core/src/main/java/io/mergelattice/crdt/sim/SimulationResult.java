package io.mergelattice.crdt.sim;

import io.mergelattice.identity.Hash32;

/**
 * What a simulation measured.
 *
 * @param converged          whether every replica ended with the same state before {@code maxRounds}
 * @param identicalBytes     whether every replica's encoded state is byte-identical (checked after draining the
 *                           network)
 * @param matchesOracle      whether that state equals the join of every operation's delta (nothing lost, nothing
 *                           invented)
 * @param rounds             gossip rounds after the last operation until convergence was observed
 * @param convergedAtMs      simulated time of the last state change, measured from the last operation
 * @param elements           visible elements at the end
 * @param setRoot            the common set root (from replica 0)
 * @param messages           messages sent (digests and deltas, before loss)
 * @param bytes              bytes sent (encoded deltas plus digest estimates)
 * @param deltas             plans of kind DELTA sent
 * @param fullStates         plans of kind FULL_STATE sent
 * @param crashes            crashes injected
 */
public record SimulationResult(
        boolean converged,
        boolean identicalBytes,
        boolean matchesOracle,
        int rounds,
        long convergedAtMs,
        int elements,
        Hash32 setRoot,
        long messages,
        long bytes,
        long deltas,
        long fullStates,
        int crashes) {
}
