package io.mergelattice.crdt.bench;

import io.mergelattice.crdt.AntiEntropyPlanner;
import io.mergelattice.crdt.ElementCodec;
import io.mergelattice.crdt.Mutation;
import io.mergelattice.crdt.ORSet;
import io.mergelattice.crdt.ORSetCodec;
import io.mergelattice.crdt.ReplicaId;
import io.mergelattice.crdt.SetRoots;
import io.mergelattice.crdt.sim.GossipSimulator;
import io.mergelattice.crdt.sim.SimulationConfig;
import io.mergelattice.crdt.sim.SimulationResult;
import io.mergelattice.identity.Hash32;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;

/**
 * Layer-1 figures: join time, delta size, set root + seed time, and gossip rounds to convergence. Plain
 * {@code main}, no harness: warm-up iterations, then the median of timed iterations.
 *
 * <pre>
 * java -cp crdt-core/target/classes io.mergelattice.crdt.bench.CrdtBench [seedsFor1000]
 * java -Dbench.sizes=100 -cp crdt-core/target/classes io.mergelattice.crdt.bench.CrdtBench   (quick)
 * </pre>
 */
public final class CrdtBench {
    private static final ReplicaId A = ReplicaId.of("org-a");
    private static final ReplicaId B = ReplicaId.of("org-b");
    /** Replica counts of the gossip figures; {@code -Dbench.sizes=100} for a quick run. */
    private static final int[] BENCH_SIZES = Arrays.stream(System.getProperty("bench.sizes", "100,1000").split(","))
            .mapToInt(s -> Integer.parseInt(s.trim())).toArray();
    private static long sink;

    private CrdtBench() {
    }

    public static void main(String[] args) {
        int seedsFor1000 = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        Random random = new Random(1);
        System.out.printf("MergeLattice crdt-core bench: JDK %s, %d cores; medians after warm-up%n",
                Runtime.version(), Runtime.getRuntime().availableProcessors());

        // Join of two 1,000-element states.
        List<Hash32> ids = ids(random, 1500);
        ORSet<Hash32> left = build(A, ids.subList(0, 1000));
        ORSet<Hash32> right = build(B, ids.subList(500, 1500)); // 500 shared ids, with concurrent dots
        ORSet<Hash32> base = build(A, ids.subList(0, 1000));
        ORSet<Hash32> nearA = base.add(A, ids.get(1000)).state();
        ORSet<Hash32> nearB = base.merge(ORSet.<Hash32>empty()).add(B, ids.get(1001)).state();
        System.out.printf("join, 2 x 1,000 elements (500 ids shared, concurrent dots): %8.1f us  (target < 1,000 us)%n",
                medianMicros(() -> left.merge(right), 200, 400));
        System.out.printf("join, 2 x 1,000 elements (equal but one add each):          %8.1f us%n",
                medianMicros(() -> nearA.merge(nearB), 200, 400));

        // Delta size after one add on a 1,000-element state.
        ORSetCodec<Hash32> codec = new ORSetCodec<>(ElementCodec.hash32());
        AntiEntropyPlanner<Hash32> planner = AntiEntropyPlanner.forContributions();
        Mutation<Hash32> one = base.add(A, ids.get(1200));
        int addDelta = codec.encode(one.delta()).length;
        int planned = codec.encode(planner.plan(one.state(), planner.digest(base)).delta()).length;
        System.out.printf("one add on 1,000 elements: add delta %d B, anti-entropy delta %d B, full state %,d B"
                + "  (target O(1), a few hundred B)%n", addDelta, planned, codec.encode(one.state()).length);
        System.out.printf("encode / decode 1,000-element state:                        %8.1f / %.1f us%n",
                medianMicros(() -> codec.encode(base), 200, 400),
                medianMicros(() -> codec.decodeState(codec.encode(base)), 200, 400) - medianMicros(() -> codec.encode(base), 100, 200));

        // Set root and seed of 100 contributions.
        ORSet<Hash32> hundred = build(A, ids.subList(0, 100));
        Hash32 recipe = ids.get(1499);
        System.out.printf("set root + seed, 100 contributions:                         %8.1f us  (target < 100 us)%n",
                medianMicros(() -> SetRoots.seed(hundred, recipe), 2000, 2000));

        // Gossip to convergence.
        System.out.println("gossip to convergence: each replica adds one id at t=0, then push-pull anti-entropy only,");
        System.out.println("  reliable network, 1-30 ms latency, a round every 100 ms; median over seeds");
        for (int n : BENCH_SIZES) {
            for (int fanout : new int[] {1, 3}) {
                gossip(n, fanout, n >= 1000 ? seedsFor1000 : 9);
            }
        }
        System.out.println("  paper, all-pairs gossip, 100 nodes: 492.8 ms (every node exchanges with all 99 others per round)");
        SimulationResult faulty = GossipSimulator.run(SimulationConfig.faulty(100, 3, 1));
        System.out.printf("faulty N=100 fanout=3 (10%% loss, 10%% duplicates, reordering, 2 partitions, crashes=%d):"
                + " converged=%s identicalBytes=%s %d rounds after the last operation, %d full states / %d deltas%n",
                faulty.crashes(), faulty.converged(), faulty.identicalBytes(), faulty.rounds(), faulty.fullStates(),
                faulty.deltas());
        if (sink == 42) {
            System.out.println();
        }
    }

    private static void gossip(int n, int fanout, int seeds) {
        List<SimulationResult> results = new ArrayList<>();
        long start = System.nanoTime();
        for (int s = 1; s <= seeds; s++) {
            SimulationResult r = GossipSimulator.run(SimulationConfig.dissemination(n, fanout, s));
            if (!r.converged() || !r.identicalBytes() || !r.matchesOracle()) {
                throw new IllegalStateException("did not converge: " + r);
            }
            results.add(r);
        }
        int[] rounds = results.stream().mapToInt(SimulationResult::rounds).sorted().toArray();
        long[] ms = results.stream().mapToLong(SimulationResult::convergedAtMs).sorted().toArray();
        long[] msgs = results.stream().mapToLong(SimulationResult::messages).sorted().toArray();
        long[] bytes = results.stream().mapToLong(SimulationResult::bytes).sorted().toArray();
        System.out.printf("  N=%-5d fanout=%d: %2d rounds (range %d-%d, target <= %.1f), %,6d ms simulated, %,d messages,"
                + " %,d kB per run (%d seeds, %.0f s wall)%n", n, fanout, rounds[rounds.length / 2], rounds[0],
                rounds[rounds.length - 1], 2 * Math.log(n) / Math.log(2), ms[ms.length / 2], msgs[msgs.length / 2],
                bytes[bytes.length / 2] / 1000, seeds, (System.nanoTime() - start) / 1e9);
    }

    private static List<Hash32> ids(Random random, int count) {
        List<Hash32> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            byte[] b = new byte[Hash32.LENGTH];
            random.nextBytes(b);
            out.add(Hash32.of(b));
        }
        return out;
    }

    private static ORSet<Hash32> build(ReplicaId replica, List<Hash32> ids) {
        ORSet<Hash32> s = ORSet.empty();
        for (Hash32 id : ids) {
            s = s.add(replica, id).state();
        }
        return s;
    }

    /** Median wall time of one call, in microseconds, after {@code warmup} untimed calls. */
    private static double medianMicros(Supplier<?> op, int warmup, int iterations) {
        for (int i = 0; i < warmup; i++) {
            sink += op.get().hashCode();
        }
        long[] t = new long[iterations];
        for (int i = 0; i < iterations; i++) {
            long t0 = System.nanoTime();
            Object r = op.get();
            t[i] = System.nanoTime() - t0;
            sink += System.identityHashCode(r);
        }
        Arrays.sort(t);
        return t[iterations / 2] / 1e3;
    }
}
