package io.mergelattice.crdt.sim;

import io.mergelattice.crdt.Digest;

/** What replicas send each other in the simulation; {@code from} and {@code to} are replica indices. */
sealed interface Message {
    int from();

    int to();

    /** Approximate wire size, for the byte count. */
    int size();

    /** "Here is my digest; send me what I lack, and your digest." */
    record DigestRequest(int from, int to, Digest digest) implements Message {
        @Override
        public int size() {
            return digestSize(digest);
        }
    }

    /** "Here is my digest; send me what I lack." */
    record DigestReply(int from, int to, Digest digest) implements Message {
        @Override
        public int size() {
            return digestSize(digest);
        }
    }

    /** An encoded {@link io.mergelattice.crdt.ORSetDelta}. */
    record DeltaMessage(int from, int to, byte[] bytes) implements Message {
        @Override
        public int size() {
            return bytes.length;
        }
    }

    private static int digestSize(Digest d) {
        return 64 + 4 + d.versionVector().size() * (1 + 8 + 8);
    }
}
