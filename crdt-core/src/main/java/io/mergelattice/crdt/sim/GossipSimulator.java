package io.mergelattice.crdt.sim;

import io.mergelattice.crdt.AntiEntropyPlan;
import io.mergelattice.crdt.AntiEntropyPlanner;
import io.mergelattice.crdt.Digest;
import io.mergelattice.crdt.ElementCodec;
import io.mergelattice.crdt.Mutation;
import io.mergelattice.crdt.ORSet;
import io.mergelattice.crdt.ORSetCodec;
import io.mergelattice.crdt.SetRoots;
import io.mergelattice.crdt.sim.Message.DeltaMessage;
import io.mergelattice.crdt.sim.Message.DigestReply;
import io.mergelattice.crdt.sim.Message.DigestRequest;
import io.mergelattice.identity.Hash32;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Runs one {@link SimulationConfig} in simulated time. Each round, every replica that is up starts a push-pull
 * exchange with {@code fanout} random peers: it sends its {@link Digest}; the peer answers with the delta its
 * {@link AntiEntropyPlanner} plans and its own digest; the initiator sends the delta planned for the peer. Deltas
 * travel encoded ({@link ORSetCodec}) and are decoded on arrival. After the active rounds the network heals, crashed
 * replicas restart, and the simulation runs until every state is equal (or {@code maxRounds}).
 *
 * <p>Determinism: everything random is drawn from one {@link Random} seeded with {@code config.seed()}, in an order
 * fixed by the code, so a seed replays exactly.
 */
public final class GossipSimulator {
    private final SimulationConfig cfg;
    private final Random random;
    private final AntiEntropyPlanner<Hash32> planner = AntiEntropyPlanner.forContributions();
    private final ORSetCodec<Hash32> codec = new ORSetCodec<>(ElementCodec.hash32());
    private final SimReplica[] replicas;
    private final LossyNetwork net;
    private final Hash32[] pool;
    private ORSet<Hash32> oracle = ORSet.empty();
    private boolean partitioned;
    private long now;
    private long lastChangeAt;
    private long lastOpAt;
    private long deltas;
    private long fullStates;
    private int crashes;

    public GossipSimulator(SimulationConfig cfg) {
        this.cfg = cfg;
        this.random = new Random(cfg.seed());
        this.net = new LossyNetwork(random, cfg.dropRate(), cfg.duplicateRate(), cfg.minLatencyMs(), cfg.maxLatencyMs());
        this.replicas = new SimReplica[cfg.replicas()];
        for (int i = 0; i < replicas.length; i++) {
            replicas[i] = new SimReplica(i, codec);
        }
        this.pool = new Hash32[Math.max(cfg.elementPool(), cfg.replicas() * cfg.initialAddsPerReplica())];
        for (int i = 0; i < pool.length; i++) {
            byte[] b = new byte[Hash32.LENGTH];
            random.nextBytes(b);
            pool[i] = Hash32.of(b);
        }
    }

    public static SimulationResult run(SimulationConfig cfg) {
        return new GossipSimulator(cfg).run();
    }

    public SimulationResult run() {
        int next = 0;
        for (SimReplica r : replicas) {
            for (int k = 0; k < cfg.initialAddsPerReplica(); k++) {
                apply(r, r.state.add(r.id, pool[next++ % pool.length]));
            }
        }
        List<Integer> partitionStarts = new ArrayList<>();
        for (int p = 0; p < cfg.partitionEpisodes(); p++) {
            partitionStarts.add(random.nextInt(Math.max(1, cfg.activeRounds() - cfg.partitionRounds())));
        }
        int convergedRound = -1;
        for (int round = 0; round < cfg.maxRounds(); round++) {
            deliverUntil((long) round * cfg.roundIntervalMs());
            now = (long) round * cfg.roundIntervalMs();
            boolean active = round < cfg.activeRounds();
            for (SimReplica r : replicas) {
                if (!r.up && (!active || round >= r.restartAtRound)) {
                    r.restart(codec);
                }
            }
            updatePartition(round, active, partitionStarts);
            if (active) {
                injectCrashes(round);
                int ops = cfg.operations() / cfg.activeRounds() + (round < cfg.operations() % cfg.activeRounds() ? 1 : 0);
                for (int k = 0; k < ops; k++) {
                    randomOperation();
                }
            } else if (allEqual()) {
                convergedRound = round;
                break;
            }
            for (SimReplica r : replicas) {
                if (r.up) {
                    for (int peer : peers(r.index)) {
                        send(new DigestRequest(r.index, peer, r.digest(planner)));
                    }
                }
            }
        }
        deliverUntil(Long.MAX_VALUE);
        return result(convergedRound);
    }

    private void updatePartition(int round, boolean active, List<Integer> starts) {
        if (!active) {
            partitioned = false;
            return;
        }
        for (int start : starts) {
            if (round == start) {
                partitioned = true;
                for (SimReplica r : replicas) {
                    r.group = random.nextInt(2);
                }
                replicas[0].group = 0;
                replicas[replicas.length - 1].group = 1; // both sides non-empty
            } else if (round == start + cfg.partitionRounds()) {
                partitioned = false;
            }
        }
    }

    private void injectCrashes(int round) {
        for (SimReplica r : replicas) {
            if (r.up && random.nextDouble() < cfg.crashRate()) {
                r.crash(round + cfg.downRounds());
                crashes++;
            }
        }
    }

    private void randomOperation() {
        SimReplica r = replicas[random.nextInt(replicas.length)];
        if (!r.up) {
            return;
        }
        if (!r.state.isEmpty() && random.nextDouble() < cfg.removeFraction()) {
            List<Hash32> visible = new ArrayList<>(r.state.elements());
            apply(r, r.state.remove(visible.get(random.nextInt(visible.size()))));
        } else {
            apply(r, r.state.add(r.id, pool[random.nextInt(cfg.elementPool())]));
        }
    }

    /** A local operation: persisted before its delta leaves (so a restart never reuses a dot), then pushed. */
    private void apply(SimReplica r, Mutation<Hash32> m) {
        r.set(m.state());
        r.persist(codec);
        oracle = oracle.mergeDelta(m.delta());
        lastOpAt = now;
        lastChangeAt = now;
        if (cfg.eagerPush() && !m.delta().isEmpty()) {
            byte[] bytes = codec.encode(m.delta());
            for (int peer : peers(r.index)) {
                send(new DeltaMessage(r.index, peer, bytes));
            }
        }
    }

    private Set<Integer> peers(int self) {
        Set<Integer> out = new LinkedHashSet<>();
        while (out.size() < cfg.fanout()) {
            int p = random.nextInt(replicas.length - 1);
            out.add(p >= self ? p + 1 : p);
        }
        return out;
    }

    private boolean cut(int a, int b) {
        return partitioned && replicas[a].group != replicas[b].group;
    }

    private void send(Message m) {
        if (cut(m.from(), m.to())) {
            net.sent++;
            net.bytes += m.size();
            return;
        }
        net.send(now, m);
    }

    private void deliverUntil(long until) {
        while (!net.isEmpty() && net.nextAt() <= until) {
            now = net.nextAt();
            Message m = net.poll();
            SimReplica to = replicas[m.to()];
            if (!to.up || cut(m.from(), m.to())) {
                continue;
            }
            switch (m) {
                case DigestRequest q -> {
                    plan(to, q.from(), q.digest());
                    send(new DigestReply(to.index, q.from(), to.digest(planner)));
                }
                case DigestReply p -> plan(to, p.from(), p.digest());
                case DeltaMessage d -> {
                    if (to.mergeDelta(codec.decodeDelta(d.bytes()))) {
                        lastChangeAt = now;
                        if (random.nextDouble() < cfg.persistRate()) {
                            to.persist(codec);
                        }
                    }
                }
            }
        }
    }

    private void plan(SimReplica self, int peer, Digest peerDigest) {
        AntiEntropyPlan<Hash32> p = planner.plan(self.state, self.digest(planner), peerDigest);
        switch (p.kind()) {
            case NOTHING -> {
                return;
            }
            case DELTA -> deltas++;
            case FULL_STATE -> fullStates++;
        }
        send(new DeltaMessage(self.index, peer, codec.encode(p.delta())));
    }

    private boolean allEqual() {
        ORSet<Hash32> first = replicas[0].state;
        for (SimReplica r : replicas) {
            if (!r.up || !r.state.equals(first)) {
                return false;
            }
        }
        return true;
    }

    private SimulationResult result(int convergedRound) {
        byte[] first = codec.encode(replicas[0].state);
        boolean identical = true;
        for (SimReplica r : replicas) {
            identical &= Arrays.equals(first, codec.encode(r.state));
        }
        return new SimulationResult(convergedRound >= 0, identical, replicas[0].state.equals(oracle),
                convergedRound - cfg.activeRounds(), lastChangeAt - lastOpAt, replicas[0].state.size(),
                SetRoots.setRoot(replicas[0].state), net.sent, net.bytes, deltas, fullStates, crashes);
    }
}
