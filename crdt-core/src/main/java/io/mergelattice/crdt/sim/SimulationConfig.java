package io.mergelattice.crdt.sim;

/**
 * Parameters of one simulation. Times are simulated milliseconds.
 *
 * @param replicas              number of replicas (2..)
 * @param fanout                peers each replica starts an exchange with per round (1..replicas-1)
 * @param seed                  the only source of randomness
 * @param initialAddsPerReplica adds each replica makes at time 0, before any gossip
 * @param operations            random adds/removes spread over the active rounds
 * @param activeRounds          rounds during which operations, partitions and crashes happen
 * @param removeFraction        share of operations that remove a visible element
 * @param elementPool           distinct element ids operations draw from (small pools make re-adds and
 *                              concurrent add/remove of one element common)
 * @param dropRate              probability that a message is lost
 * @param duplicateRate         probability that a message is delivered twice (at two latencies)
 * @param minLatencyMs          shortest one-way latency
 * @param maxLatencyMs          longest one-way latency (random latencies reorder messages)
 * @param roundIntervalMs       time between gossip rounds
 * @param eagerPush             whether a local operation's delta is pushed at once to {@code fanout} peers
 * @param partitionEpisodes     network partitions (random two-way split) during the active rounds
 * @param partitionRounds       how long each partition lasts before it heals
 * @param crashRate             per replica and active round, probability of crashing
 * @param downRounds            rounds a crashed replica stays down before restarting from its persisted bytes
 * @param persistRate           probability that a state changed by a merge is persisted (local operations are
 *                              always persisted before their delta leaves: a restarted replica must never reuse
 *                              a dot)
 * @param maxRounds             give up after this many rounds
 */
public record SimulationConfig(
        int replicas,
        int fanout,
        long seed,
        int initialAddsPerReplica,
        int operations,
        int activeRounds,
        double removeFraction,
        int elementPool,
        double dropRate,
        double duplicateRate,
        int minLatencyMs,
        int maxLatencyMs,
        int roundIntervalMs,
        boolean eagerPush,
        int partitionEpisodes,
        int partitionRounds,
        double crashRate,
        int downRounds,
        double persistRate,
        int maxRounds) {

    public SimulationConfig {
        if (replicas < 2 || fanout < 1 || fanout >= replicas) {
            throw new IllegalArgumentException("need replicas >= 2 and 1 <= fanout < replicas, got " + replicas + ", " + fanout);
        }
        if (minLatencyMs < 0 || maxLatencyMs < minLatencyMs || roundIntervalMs < 1 || maxRounds < 1) {
            throw new IllegalArgumentException("bad timing: latency " + minLatencyMs + ".." + maxLatencyMs
                    + ", interval " + roundIntervalMs + ", maxRounds " + maxRounds);
        }
        if (dropRate < 0 || dropRate >= 1 || duplicateRate < 0 || duplicateRate > 1 || crashRate < 0 || crashRate > 1
                || removeFraction < 0 || removeFraction > 1 || persistRate < 0 || persistRate > 1) {
            throw new IllegalArgumentException("probabilities must be in [0, 1) for drops and [0, 1] otherwise");
        }
        if (elementPool < 1 || operations < 0 || activeRounds < 0 || initialAddsPerReplica < 0) {
            throw new IllegalArgumentException("counts must be non-negative and the element pool positive");
        }
    }

    /**
     * Everything that can go wrong at once: 10% loss, 10% duplication, reordering, partitions, crashes, lazy
     * persistence, and a small element pool so re-adds and concurrent add/remove collide.
     */
    public static SimulationConfig faulty(int replicas, int fanout, long seed) {
        return new SimulationConfig(replicas, fanout, seed, 1, 6 * replicas, 20, 0.3, Math.max(4, replicas),
                0.10, 0.10, 1, 400, 100, true, 2, 5, 0.02, 3, 0.5, 400);
    }

    /**
     * Dissemination benchmark: each replica adds one element at time 0, then pure anti-entropy (no eager push)
     * over a reliable network with 1-30 ms latency and back-to-back 100 ms rounds.
     */
    public static SimulationConfig dissemination(int replicas, int fanout, long seed) {
        return new SimulationConfig(replicas, fanout, seed, 1, 0, 0, 0.0, 1, 0.0, 0.0, 1, 30, 100, false, 0, 0,
                0.0, 0, 0.0, 200);
    }
}
