package io.mergelattice.crdt.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Convergence under loss, duplication, reordering, partitions and crash-restarts, in simulated time (no sleeps,
 * bounded rounds, seeded). Replay one case with {@code -Dsim.seed=N}.
 */
class GossipSimulationTest {
    static Stream<Arguments> faultyCases() {
        String one = System.getProperty("sim.seed");
        long[] seeds = one != null ? new long[] {Long.parseLong(one)} : new long[] {1, 2, 3, 4, 5, 6};
        Stream.Builder<Arguments> out = Stream.builder();
        for (long seed : seeds) {
            out.add(Arguments.of(3, 1, seed));
            out.add(Arguments.of(10, 2, seed));
            if (seed <= 2 || one != null) {
                out.add(Arguments.of(50, 3, seed));
            }
        }
        return out.build();
    }

    @ParameterizedTest(name = "N={0} fanout={1} seed={2}")
    @MethodSource("faultyCases")
    void everyReplicaEndsWithTheSameBytesAndSetRoot(int replicas, int fanout, long seed) {
        SimulationConfig cfg = SimulationConfig.faulty(replicas, fanout, seed);
        SimulationResult r = GossipSimulator.run(cfg);
        assertThat(r.converged()).as("%s", r).isTrue();
        assertThat(r.identicalBytes()).as("%s", r).isTrue();
        assertThat(r.matchesOracle()).as("nothing lost or invented: %s", r).isTrue();
        assertThat(r.rounds()).as("%s", r).isLessThan(cfg.maxRounds() - cfg.activeRounds());
        if (replicas >= 10) {
            assertThat(r.crashes()).as("the scenario really crashed replicas").isPositive();
        }
    }

    @Test
    void aSeedReplaysExactly() {
        SimulationConfig cfg = SimulationConfig.faulty(10, 2, 42);
        assertThat(GossipSimulator.run(cfg)).isEqualTo(GossipSimulator.run(cfg));
    }

    @ParameterizedTest(name = "N=50 fanout={0}")
    @MethodSource("fanouts")
    void disseminationTakesAtMostTwoLog2NRounds(int fanout) {
        SimulationResult r = GossipSimulator.run(SimulationConfig.dissemination(50, fanout, 7));
        assertThat(r.converged() && r.identicalBytes() && r.matchesOracle()).as("%s", r).isTrue();
        assertThat(r.elements()).isEqualTo(50);
        assertThat(r.fullStates()).as("no removals, so never a full state").isZero();
        assertThat((double) r.rounds()).as("%s", r).isLessThanOrEqualTo(2 * Math.log(50) / Math.log(2));
    }

    static Stream<Integer> fanouts() {
        return Stream.of(1, 3);
    }
}
