package io.mergelattice.kernels;

/**
 * A host stream of spec §2.10 for search strategies: a key and a counter k starting at 0. Mutable and not
 * thread-safe; create one per search.
 */
public final class CounterStream {

    /** SQRT3 = Math.sqrt(3.0) = 1.7320508075688772. */
    static final double SQRT3 = Math.sqrt(3.0);

    private final long key;
    private long counter;

    CounterStream(long key) {
        this.key = key;
    }

    /** U(): u(key, k), then k ← k + 1. */
    public double u() {
        return CounterRng.u(key, counter++);
    }

    /** Z() = ((((U() + U()) + U()) + U()) − 2.0) × SQRT3 (Irwin–Hall, no transcendental function). */
    public double z() {
        // Determinism: four draws in order, summed left to right.
        double s = u();
        s = s + u();
        s = s + u();
        s = s + u();
        return (s - 2.0) * SQRT3;
    }

    /** idx(E) = min(E − 1, (int) floor(U() × E)) for E ≥ 1. */
    public int idx(int e) {
        if (e < 1) {
            throw new IllegalArgumentException("idx needs E ≥ 1: " + e);
        }
        return Math.min(e - 1, (int) Math.floor(u() * e));
    }

    /** The counter of the next draw. */
    public long counter() {
        return counter;
    }
}
