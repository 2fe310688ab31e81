package io.mergelattice.merge;

/** Receives progress of a model merge (called from worker threads; implementations must be thread-safe). */
@FunctionalInterface
public interface MergeProgress {
    MergeProgress NONE = (done, total, bytes) -> { };

    /** {@code done} of {@code total} tensors are written, {@code bytes} of input read so far. */
    void tensorsDone(long done, long total, long bytes);
}
