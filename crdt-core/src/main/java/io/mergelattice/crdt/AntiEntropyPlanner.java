package io.mergelattice.crdt;

import io.mergelattice.identity.Hash32;
import io.mergelattice.identity.Sha256;
import java.security.MessageDigest;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.function.Function;

/**
 * Decides what to send to a peer during anti-entropy (design.md §6), from our state and the peer's {@link Digest}
 * alone. Pure: no network, no clock; the caller sends the plan's delta and the peer applies it with
 * {@link ORSet#mergeDelta}. Loss, duplication and reordering of plans are harmless because merging is a join.
 *
 * <p>Let {@code V} be our version vector, {@code Vp} the peer's, {@code c} and {@code s} our context and store.
 * <ol>
 *   <li>{@code missing = c \ Vp}: the dots the peer has not seen. The delta is {@code s} restricted to
 *       {@code missing}, with {@code missing} as its context; the context part also carries our removals of dots
 *       the peer has not seen (it will drop those dots if they reach it later).</li>
 *   <li>If every dot of {@code c} that {@code Vp} covers is alive in {@code s}, we removed nothing the peer has
 *       seen, and the delta brings the peer to {@code ⊒} our state exactly (the common case, checked by counting).</li>
 *   <li>Else, if {@code Vp ⊑ V}, we can check the dots the peer has seen: our store restricted to {@code Vp} must
 *       hash to the peer's {@link Digest#storeHash}. If it does, the delta is exact; if not, the peer may hold a
 *       dot we removed, a digest cannot say which, and we send the full state.</li>
 *   <li>Else (the peer is ahead on some replica, and we hold removals among the dots it has seen) the hashes are
 *       not comparable; the delta is sent with {@code complete = false}. The removal reaches the peer once the
 *       vectors are comparable, at the latest when updates stop and all vectors become equal.</li>
 * </ol>
 * Equal digests therefore give {@link AntiEntropyPlan.Kind#NOTHING} (unless our dot cloud holds dots the peer's
 * vector cannot show; those are resent, harmlessly). Equal vectors and set roots with different
 * store hashes give a full state: that is the one case where the design's "equal vector and set root, send
 * nothing" would leave two replicas with different bytes forever (see docs/crdt.md).
 *
 * <p>Worked example: we hold {@code {x:[a:1], y:[b:1]}} with vector {@code {a:1, b:1}}, the peer has vector
 * {@code {a:1}} and store {@code {x:[a:1]}}. {@code Vp ⊑ V}, the stores agree on {@code a:1}, so we send
 * {@code ({y:[b:1]}, {b:1})}.
 *
 * <p>Reference: Almeida, Shoker, Baquero, "Delta State Replicated Data Types", JPDC 2018, §7 (delta
 * anti-entropy); Demers et al., "Epidemic Algorithms for Replicated Database Maintenance", PODC 1987.
 */
public final class AntiEntropyPlanner<E extends Comparable<? super E>> {
    private final ORSetCodec<E> codec;
    private final Function<? super E, Hash32> ids;

    /**
     * @param elements how elements are encoded (the store hash is over the canonical encoding)
     * @param ids      the contribution id of an element, for the set root
     */
    public AntiEntropyPlanner(ElementCodec<E> elements, Function<? super E, Hash32> ids) {
        this.codec = new ORSetCodec<>(elements);
        this.ids = Objects.requireNonNull(ids, "ids");
    }

    /** The planner for sets of contribution ids. */
    public static AntiEntropyPlanner<Hash32> forContributions() {
        return new AntiEntropyPlanner<>(ElementCodec.hash32(), Function.identity());
    }

    /** Our digest, to send to peers. */
    public Digest digest(ORSet<E> state) {
        VersionVector v = state.context().versionVector();
        return new Digest(v, SetRoots.setRoot(state, ids), storeHash(state, v));
    }

    /** The plan for a peer whose digest is {@code peer}. */
    public AntiEntropyPlan<E> plan(ORSet<E> local, Digest peer) {
        return plan(local, null, peer);
    }

    /**
     * As {@link #plan(ORSet, Digest)}, reusing {@code localDigest} (which must be {@code digest(local)}) to skip
     * hashing when the peer's vector equals ours.
     */
    public AntiEntropyPlan<E> plan(ORSet<E> local, Digest localDigest, Digest peer) {
        VersionVector ours = local.context().versionVector();
        VersionVector theirs = peer.versionVector();
        if (localDigest != null && !localDigest.versionVector().equals(ours)) {
            throw new IllegalArgumentException("localDigest " + localDigest.versionVector() + " is not the digest of a state with vector " + ours);
        }
        CausalContext missing = local.context().notCoveredBy(theirs);
        boolean complete = true;
        if (!noRemovalsWithin(local, theirs)) {
            if (ours.dominates(theirs)) {
                Hash32 mine = localDigest != null && theirs.equals(ours) ? localDigest.storeHash() : storeHash(local, theirs);
                if (!mine.equals(peer.storeHash())) {
                    return new AntiEntropyPlan<>(AntiEntropyPlan.Kind.FULL_STATE, local.toDelta(), true);
                }
            } else {
                complete = false;
            }
        }
        if (missing.isEmpty()) {
            return new AntiEntropyPlan<>(AntiEntropyPlan.Kind.NOTHING, ORSetDelta.<E>empty(), complete);
        }
        SortedMap<E, List<Dot>> entries = DotStores.restrict(local.entries(), missing::contains);
        return new AntiEntropyPlan<>(AntiEntropyPlan.Kind.DELTA, new ORSetDelta<>(entries, missing), complete);
    }

    /** SHA-256 of the canonical encoding of {@code state}'s store restricted to {@code seen}, context {@code seen}. */
    public Hash32 storeHash(ORSet<E> state, VersionVector seen) {
        SortedMap<E, List<Dot>> covered = DotStores.restrict(state.entries(), seen::contains);
        byte[] bytes = codec.encode(ORSetCodec.KIND_DELTA, covered, CausalContext.of(seen));
        MessageDigest md = Sha256.newDigest();
        md.update(bytes);
        return Hash32.of(md.digest());
    }

    /** Whether every dot of our context that {@code seen} covers is alive in our store. */
    private static boolean noRemovalsWithin(ORSet<?> local, VersionVector seen) {
        long seenDots = 0;
        for (Map.Entry<ReplicaId, Long> e : local.context().versionVector().entries().entrySet()) {
            seenDots += Math.min(e.getValue(), seen.get(e.getKey()));
        }
        for (Dot d : local.context().cloud()) {
            if (seen.contains(d)) {
                seenDots++;
            }
        }
        long liveDots = 0;
        for (List<Dot> dots : local.entries().values()) {
            for (Dot d : dots) {
                if (seen.contains(d)) {
                    liveDots++;
                }
            }
        }
        // Invariant: live dots are in the context, so liveDots <= seenDots; equality means nothing was removed.
        assert liveDots <= seenDots : "live " + liveDots + " > seen " + seenDots;
        return liveDots == seenDots;
    }
}
