package io.mergelattice.kernels;

import java.lang.foreign.MemorySegment;

/**
 * Kernels with compute precision P = F64 (spec §2.6–§2.8, §2.17 B1–B5). Segments hold little-endian doubles
 * ({@link Layouts#F64}); {@code n} is the element count. Outputs may be the same range as an input.
 * Every implementation returns identical bits; {@link ScalarKernels} is the oracle.
 */
public interface DoubleKernels {

    /** {@code out_j = a_j + (c · x_j)}: two roundings, never fused (§2.6). */
    void addScaled(MemorySegment out, MemorySegment a, double c, MemorySegment x, long n);

    /** {@code acc_j ← acc_j + (c · x_j)} (§2.6 accumulation over contributions, one term). */
    default void accumulate(MemorySegment acc, double c, MemorySegment x, long n) {
        addScaled(acc, acc, c, x, n);
    }

    /**
     * {@code out_j = Σ_i c_i · x_ij}, accumulated from +0.0 in input order i = 0, 1, … in one pass (§2.6); bitwise
     * equal to zeroing {@code out} and calling {@link #accumulate} once per input.
     */
    void weightedSum(MemorySegment out, double[] c, MemorySegment[] x, long n);

    /**
     * Task arithmetic fused (§2.4, §2.6): {@code out_j = b_j + (λ · acc_j)} with {@code acc_j = Σ_i c_i · (x_ij − b_j)}
     * accumulated from +0.0 in input order; every difference, product and sum rounded (no FMA). Bitwise equal to
     * materialising τ_i = x_i − b, {@link #weightedSum} and {@link #addScaled}, in one pass without scratch.
     */
    void taskArithmetic(MemorySegment out, MemorySegment b, double[] c, MemorySegment[] x, double lambda, long n);

    /** {@code out_j = c · x_j}. */
    void scale(MemorySegment out, double c, MemorySegment x, long n);

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
    void thresholdKeep(MemorySegment out, MemorySegment x, double t, long n);

    /**
     * B4 random keep mask (§2.10, §2.17): element {@code i} has counter {@code j = firstIndex + i}; it is kept iff
     * {@code u(key, j) < p}; a kept element becomes {@code x_i / p} if {@code rescale}, else
     * {@code x_i}; a dropped element becomes +0.0. {@code firstIndex} lets a caller process a slice of a tensor.
     */
    void randomKeep(MemorySegment out, MemorySegment x, long key, long firstIndex, double p, boolean rescale, long n);

    /**
     * B5 random keep mask with per-element keep probabilities {@code p_i} (little-endian doubles, {@link Layouts#F64}):
     * as {@link #randomKeep(MemorySegment, MemorySegment, long, long, double, boolean, long)} with {@code p_i}.
     */
    void randomKeep(MemorySegment out, MemorySegment x, long key, long firstIndex, MemorySegment p, boolean rescale,
            long n);

    /** kth↓(|x|, k): the k-th largest magnitude, exact, duplicates kept (§2.8); 1 ≤ k ≤ n. */
    double kthLargestMagnitude(MemorySegment x, long n, long k);

    /** kth↑(|x|, k): the k-th smallest magnitude, exact, duplicates kept (§2.8); 1 ≤ k ≤ n. */
    double kthSmallestMagnitude(MemorySegment x, long n, long k);

    /**
     * kth↑(|a_j − b_j|, k) for every k of {@code ks} (1 ≤ k ≤ n), the difference rounded to P (τ = θ − b, §2.4) and
     * not materialised; one selection serves all ranks.
     */
    double[] kthSmallestMagnitudesOfDifference(MemorySegment a, MemorySegment b, long n, long... ks);

    /** Min-rank within the group x_0..x_{n−1}: {@code ranks_j = #{l : |x_l| < |x_j|}} as I64 (§2.8, B5). */
    void minRanks(MemorySegment ranks, MemorySegment x, long n);

    /** R(x_j) in double (§2.7). */
    double sum(MemorySegment x, long n);

    /** dot(x, y) = R(x_j × y_j) (§2.7). */
    double dot(MemorySegment x, MemorySegment y, long n);

    /** R(x_j × x_j) (§2.7). */
    double sumSquares(MemorySegment x, long n);

    /** R((x_j − mu)²), the square a double product of the difference with itself (§2.7). */
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

    /** Population variance var(x) = R((x_j − mean(x))²) / m (§2.7); n ≥ 1. */
    default double variance(MemorySegment x, long n) {
        double mu = mean(x, n);
        return sumSquaredDeviations(x, mu, n) / (double) n;
    }
}
