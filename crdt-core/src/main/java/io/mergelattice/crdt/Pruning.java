package io.mergelattice.crdt;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;

/**
 * Removing a departed replica from version vectors (causal stability), so contexts do not grow with every replica
 * that ever existed. The pure steps of the procedure in docs/crdt.md:
 * <ol>
 *   <li>The departed replica {@code d} stops issuing dots; its last counter {@code L} is announced with the
 *       departure (the highest {@code d}-counter any live replica has seen, taken at announcement time).</li>
 *   <li>A live replica {@link #carry carries} every element that still holds a dot of {@code d}: it re-adds the
 *       element with a fresh dot of its own, and the delta's context retires the {@code d}-dots everywhere.</li>
 *   <li>Each live replica persists its state and sends a {@link #ack}. A replica whose vector covers
 *       {@code d:L} and whose store holds no {@code d}-dot can never regain one: a join never re-adds a dot its
 *       context has seen.</li>
 *   <li>When {@link #isSafeToPrune} holds for all live replicas, each {@link #prune prunes} {@code d} from its
 *       state, and from then on prunes every incoming delta or state as well ({@link #prune(ORSetDelta, ReplicaId)}),
 *       because old messages carrying {@code d}-dots may still be in flight and would otherwise bring them back.
 *       The list of pruned replica ids is kept for as long as such messages can exist.</li>
 * </ol>
 * A replica that was offline across a pruning (its state still mentions {@code d} or predates the carry) is stale:
 * it must not gossip its state; it takes a fresh {@link ReplicaId}, pulls a full state from a live replica and
 * re-adds, as new operations, any of its own additions the others do not show. The departed replica itself never
 * comes back under its old id.
 *
 * <p>Reference: Baquero, Almeida, Shoker, "Making Operation-based CRDTs Operation-based", DAIS 2014 (causal
 * stability); Pekko Distributed Data, "Delta-CRDT pruning of removed nodes".
 */
public final class Pruning {
    private Pruning() {
    }

    /** What {@code self}, holding {@code state}, acknowledges about {@code departed}. */
    public static PruneAck ack(ReplicaId self, ORSet<?> state, ReplicaId departed) {
        return new PruneAck(self, departed, state.context().versionVector().get(departed),
                DotStores.holdsDotOf(state.entries(), departed));
    }

    /**
     * Whether every live replica has acknowledged seeing {@code departed} up to {@code lastCounter} and holding
     * none of its dots. Acks about other replicas, and acks from replicas that are not live, are ignored.
     */
    public static boolean isSafeToPrune(ReplicaId departed, long lastCounter, Set<ReplicaId> live,
            Collection<PruneAck> acks) {
        if (live.contains(departed) || live.isEmpty()) {
            return false;
        }
        Map<ReplicaId, PruneAck> byReplica = new HashMap<>();
        for (PruneAck a : acks) {
            if (a.departed().equals(departed) && live.contains(a.replica())) {
                byReplica.merge(a.replica(), a, (x, y) -> x.seen() >= y.seen() ? x : y);
            }
        }
        for (ReplicaId r : live) {
            PruneAck a = byReplica.get(r);
            if (a == null || a.seen() < lastCounter || a.holdsDots()) {
                return false;
            }
        }
        return true;
    }

    /**
     * Re-adds, on behalf of {@code carrier}, every element that holds a dot of {@code departed}. The delta retires
     * those dots at every replica it reaches. Add-wins: a concurrent remove that saw only the departed replica's
     * dot no longer removes the element, as if the carrier had added it again.
     */
    public static <E extends Comparable<? super E>> Mutation<E> carry(ORSet<E> state, ReplicaId departed,
            ReplicaId carrier) {
        if (carrier.equals(departed)) {
            throw new IllegalArgumentException("the carrier must be a live replica, not " + departed);
        }
        ORSet<E> next = state;
        ORSetDelta<E> delta = ORSetDelta.empty();
        for (Map.Entry<E, List<Dot>> e : state.entries().entrySet()) {
            if (e.getValue().stream().anyMatch(d -> d.replica().equals(departed))) {
                Mutation<E> m = next.add(carrier, e.getKey());
                next = m.state();
                delta = delta.merge(m.delta());
            }
        }
        return new Mutation<>(next, delta);
    }

    /**
     * {@code state} without any trace of {@code departed} in its context.
     *
     * @throws IllegalStateException if an element still holds a dot of {@code departed} (carry it first)
     */
    public static <E extends Comparable<? super E>> ORSet<E> prune(ORSet<E> state, ReplicaId departed) {
        if (DotStores.holdsDotOf(state.entries(), departed)) {
            throw new IllegalStateException("cannot prune " + departed + ": an element still holds one of its dots; carry it first");
        }
        return new ORSet<>(state.entries(), state.context().without(departed));
    }

    /**
     * An incoming delta (or full state as a delta) with every dot of an already pruned {@code departed} dropped from
     * its store and context, so that a late message cannot bring them back.
     */
    public static <E extends Comparable<? super E>> ORSetDelta<E> prune(ORSetDelta<E> delta, ReplicaId departed) {
        SortedMap<E, List<Dot>> kept = DotStores.restrict(delta.entries(), d -> !d.replica().equals(departed));
        return new ORSetDelta<>(kept, delta.context().without(departed));
    }

    /** Convenience: {@link #prune(ORSetDelta, ReplicaId)} for each id in {@code pruned}. */
    public static <E extends Comparable<? super E>> ORSetDelta<E> prune(ORSetDelta<E> delta, Collection<ReplicaId> pruned) {
        ORSetDelta<E> out = delta;
        for (ReplicaId r : pruned) {
            out = prune(out, r);
        }
        return out;
    }
}
