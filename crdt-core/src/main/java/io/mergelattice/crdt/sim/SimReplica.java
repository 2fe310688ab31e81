package io.mergelattice.crdt.sim;

import io.mergelattice.crdt.AntiEntropyPlanner;
import io.mergelattice.crdt.Digest;
import io.mergelattice.crdt.ORSet;
import io.mergelattice.crdt.ORSetCodec;
import io.mergelattice.crdt.ORSetDelta;
import io.mergelattice.crdt.ReplicaId;
import io.mergelattice.identity.Hash32;

/**
 * One simulated replica: its live state, the bytes it last persisted, and whether it is up. Mutable, like the
 * process it stands for; the CRDT values it holds are immutable.
 */
final class SimReplica {
    final int index;
    final ReplicaId id;
    ORSet<Hash32> state = ORSet.empty();
    byte[] persisted;
    boolean up = true;
    int restartAtRound = -1;
    int group; // partition side
    private Digest digest; // digest of `state`; null when state changed since

    SimReplica(int index, ORSetCodec<Hash32> codec) {
        this.index = index;
        this.id = ReplicaId.of(String.format("r%04d", index));
        this.persisted = codec.encode(state);
    }

    Digest digest(AntiEntropyPlanner<Hash32> planner) {
        if (digest == null) {
            digest = planner.digest(state);
        }
        return digest;
    }

    void set(ORSet<Hash32> next) {
        if (next != state) {
            state = next;
            digest = null;
        }
    }

    /** Joins a delta; returns whether the state changed. */
    boolean mergeDelta(ORSetDelta<Hash32> delta) {
        ORSet<Hash32> next = state.mergeDelta(delta);
        if (next.equals(state)) {
            return false;
        }
        set(next);
        return true;
    }

    void persist(ORSetCodec<Hash32> codec) {
        persisted = codec.encode(state);
    }

    void crash(int restartAt) {
        up = false;
        restartAtRound = restartAt;
    }

    /** Restarts from the last persisted bytes: whatever was merged and not persisted is gone. */
    void restart(ORSetCodec<Hash32> codec) {
        set(codec.decodeState(persisted));
        up = true;
        restartAtRound = -1;
    }
}
