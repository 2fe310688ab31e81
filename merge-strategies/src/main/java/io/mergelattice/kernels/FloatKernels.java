package io.mergelattice.kernels;

import java.lang.foreign.MemorySegment;

/**
 * Kernels with compute precision P = F32 (spec §2.6–§2.8, §2.17 B1–B5). Segments hold little-endian floats
 * ({@link Layouts#F32}); {@code n} is the element count. Outputs may be the same range as an input.
 * Every implementation returns identical bits; {@link ScalarKernels} is the oracle. The in-place methods on Java
 * arrays (the cache-sized chunks of the streaming blocks) default to that oracle; the vector backend overrides them.
 */
public interface FloatKernels {

    /** {@code out_j = a_j + (c · x_j)}: two roundings, never fused (§2.6). */
    void addScaled(MemorySegment out, MemorySegment a, float c, MemorySegment x, long n);

    /** {@code acc_j ← acc_j + (c · x_j)} (§2.6 accumulation over contributions, one term). */
    default void accumulate(MemorySegment acc, float c, MemorySegment x, long n) {
        addScaled(acc, acc, c, x, n);
    }

    /**
     * {@code out_j = Σ_i c_i · x_ij}, accumulated from +0.0 in input order i = 0, 1, … in one pass (§2.6); bitwise
     * equal to zeroing {@code out} and calling {@link #accumulate} once per input.
     */
    void weightedSum(MemorySegment out, float[] c, MemorySegment[] x, long n);

    /**
     * Task arithmetic fused (§2.4, §2.6): {@code out_j = b_j + (λ · acc_j)} with {@code acc_j = Σ_i c_i · (x_ij − b_j)}
     * accumulated from +0.0 in input order; every difference, product and sum rounded (no FMA). Bitwise equal to
     * materialising τ_i = x_i − b, {@link #weightedSum} and {@link #addScaled}, in one pass without scratch.
     */
    void taskArithmetic(MemorySegment out, MemorySegment b, float[] c, MemorySegment[] x, float lambda, long n);

    /** {@code out_j = c · x_j}. */
    void scale(MemorySegment out, float c, MemorySegment x, long n);

    /** {@code out_j = a_j + b_j}. */
    void add(MemorySegment out, MemorySegment a, MemorySegment b, long n);

    /** {@code out_j = a_j − b_j} (task vectors τ = θ − b, §2.4). */
    void subtract(MemorySegment out, MemorySegment a, MemorySegment b, long n);

    /** {@code out_j = a_j · b_j}. */
    void multiply(MemorySegment out, MemorySegment a, MemorySegment b, long n);

    /** {@code out_j = a_j / b_j} (IEEE division; guards are the caller's, §2.13). */
    void divide(MemorySegment out, MemorySegment a, MemorySegment b, long n);

    /** {@code out_j = sign(x_j)} ∈ {−1, +0.0, +1} with sign(±0.0) = +0.0 (§2.8). */
    void sign(MemorySegment out, MemorySegment x, long n);

    /** {@code out_j = x_j} if {@code |x_j| ≥ t}, else +0.0 (a select, §2.8 top-k keep rule, B1). */
    void thresholdKeep(MemorySegment out, MemorySegment x, float t, long n);

    /**
     * B4 random keep mask (§2.10, §2.17): element {@code i} has counter {@code j = firstIndex + i}; it is kept iff
     * {@code u(key, j) < p}; a kept element becomes {@code (float) ((double) x_i / p)} if {@code rescale}, else
     * {@code x_i}; a dropped element becomes +0.0. {@code firstIndex} lets a caller process a slice of a tensor.
     */
    void randomKeep(MemorySegment out, MemorySegment x, long key, long firstIndex, double p, boolean rescale, long n);

    /**
     * {@link #randomKeep(MemorySegment, MemorySegment, long, long, double, boolean, long)} in place on the first
     * {@code len} elements of a Java array (a chunk of a streaming loop; element i has counter {@code firstIndex + i}).
     */
    default void randomKeep(float[] x, int len, long key, long firstIndex, double p, boolean rescale) {
        java.util.Objects.checkFromIndexSize(0, len, x.length);
        Layouts.requireProbability(p);
        ArrayKeep.scalarF32(x, 0, len, key, firstIndex, p, rescale);
    }

    /** Whether the first {@code len} elements of {@code x} are all finite (the overflow rule, §2.13). */
    default boolean allFinite(float[] x, int len) {
        java.util.Objects.checkFromIndexSize(0, len, x.length);
        return ArrayFinite.allFinite(x, 0, len);
    }

    /**
     * τ_j = x_{first + j} − b_j (the task vector of a chunk, §2.4) into {@code out} for j &lt; len; whether every
     * τ_j is finite (§2.13).
     */
    default boolean subtractFinite(float[] out, MemorySegment x, long first, float[] b, int len) {
        java.util.Objects.checkFromIndexSize(0, len, Math.min(out.length, b.length));
        java.util.Objects.checkFromIndexSize(first, len, x.byteSize() / Float.BYTES);
        return ArrayFinite.subtract(out, x, first, b, 0, len);
    }

    /** B1 on a chunk: x_j ← x_j · [|x_j| ≥ k] (x_j or ±0.0); x finite (§2.17). */
    default void trim(float[] x, float k, int len) {
        java.util.Objects.checkFromIndexSize(0, len, x.length);
        ArrayDisjoint.trim(x, k, 0, len);
    }

    /** model_breadcrumbs' band on a chunk (strategies spec §3.9): x_j ← x_j · [l &lt; |x_j| &lt; h] (x_j or ±0.0). */
    default void band(float[] x, float h, float l, int len) {
        java.util.Objects.checkFromIndexSize(0, len, x.length);
        ArrayDisjoint.band(x, h, l, 0, len);
    }

    /**
     * B3 on a chunk for one contribution (§2.17): where x_j and the elected sign e_j are non-zero of the same sign,
     * num_j ← num_j + (w · x_j) and den_j ← den_j + w (each operation rounded); elsewhere both gain +0.0. That is
     * B3's num_j + (w · (x_j · m_j)) bit for bit for accumulators that start at +0.0 (they never become −0.0).
     * Each e_j must be a sign (−1, ±0.0 or +1: the output of the vote); inputs finite.
     */
    default void agree(float[] num, float[] den, float w, float[] x, float[] e, int len) {
        java.util.Objects.checkFromIndexSize(0, len, Math.min(Math.min(num.length, den.length),
                Math.min(x.length, e.length)));
        ArrayDisjoint.agree(num, den, w, x, e, 0, len);
    }

    /** num_j ← num_j / max(den_j, MIN_VALUE) (B3's normalisation; den_j = 0 gives num_j / MIN_VALUE). */
    default void divideByWeights(float[] num, float[] den, int len) {
        java.util.Objects.checkFromIndexSize(0, len, Math.min(num.length, den.length));
        ArrayDisjoint.divide(num, den, 0, len);
    }

    /**
     * B5 random keep mask with per-element keep probabilities {@code p_i} (little-endian doubles, {@link Layouts#F64}):
     * as {@link #randomKeep(MemorySegment, MemorySegment, long, long, double, boolean, long)} with {@code p_i}.
     */
    void randomKeep(MemorySegment out, MemorySegment x, long key, long firstIndex, MemorySegment p, boolean rescale,
            long n);

    /** kth↓(|x|, k): the k-th largest magnitude, exact, duplicates kept (§2.8); 1 ≤ k ≤ n. */
    float kthLargestMagnitude(MemorySegment x, long n, long k);

    /** kth↑(|x|, k): the k-th smallest magnitude, exact, duplicates kept (§2.8); 1 ≤ k ≤ n. */
    float kthSmallestMagnitude(MemorySegment x, long n, long k);

    /**
     * kth↑(|a_j − b_j|, k) for every k of {@code ks} (1 ≤ k ≤ n), the difference rounded to P (τ = θ − b, §2.4) and
     * not materialised; one selection serves all ranks.
     */
    float[] kthSmallestMagnitudesOfDifference(MemorySegment a, MemorySegment b, long n, long... ks);

    /**
     * {@link #kthSmallestMagnitudesOfDifference} for several tensors a_i against one b: {@code out[i][r]} =
     * kth↑(|a_i − b|, ks[i][r]). A backend may serve all of them in one pass that reads b once.
     */
    default float[][] kthSmallestMagnitudesOfDifferences(MemorySegment[] a, MemorySegment b, long n, long[][] ks) {
        float[][] out = new float[a.length][];
        for (int i = 0; i < a.length; i++) {
            out[i] = kthSmallestMagnitudesOfDifference(a[i], b, n, ks[i]);
        }
        return out;
    }

    /** Min-rank within the group x_0..x_{n−1}: {@code ranks_j = #{l : |x_l| < |x_j|}} as I64 (§2.8, B5). */
    void minRanks(MemorySegment ranks, MemorySegment x, long n);

    /** R(x_j) in double (§2.7). */
    double sum(MemorySegment x, long n);

    /** dot(x, y) = R((double) x_j × (double) y_j) (§2.7). */
    double dot(MemorySegment x, MemorySegment y, long n);

    /** R((double) x_j × (double) x_j) (§2.7). */
    double sumSquares(MemorySegment x, long n);

    /** R(((double) x_j − mu)²), the square a double product of the difference with itself (§2.7). */
    double sumSquaredDeviations(MemorySegment x, double mu, long n);

    /** ‖x‖ = sqrt(dot(x, x)) (§2.7). */
    default double norm(MemorySegment x, long n) {
        return Math.sqrt(sumSquares(x, n));
    }

    /** mean(x) = R(x_j) / m (§2.7); n ≥ 1. */
    default double mean(MemorySegment x, long n) {
        Layouts.requireNonEmpty(n);
        return sum(x, n) / (double) n;
    }

    /** Population variance var(x) = R(((double) x_j − mean(x))²) / m (§2.7); n ≥ 1. */
    default double variance(MemorySegment x, long n) {
        double mu = mean(x, n);
        return sumSquaredDeviations(x, mu, n) / (double) n;
    }
}
