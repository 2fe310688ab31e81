package io.mergelattice.strategy;

import io.mergelattice.kernels.DoubleKernels;
import io.mergelattice.kernels.FloatKernels;
import io.mergelattice.kernels.Kernels;
import io.mergelattice.kernels.Parallel;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;

/**
 * Whole-tensor operations in P for strategies, dispatched to the selected {@link Kernels} backend (F32 or F64
 * kernels). Host doubles that enter element-wise arithmetic are rounded to P first and must stay finite (§2.3).
 * Every method allocates its result in the merge's arena unless it says otherwise.
 */
public final class Ops {
    private final MergeInput in;
    private final Precision p;
    private final FloatKernels f32;
    private final DoubleKernels f64;
    /** The unit of a split element-wise pass: parts hold at least 8 of them. */
    private static final int SPLIT = 4096;

    public Ops(MergeInput in) {
        this.in = in;
        this.p = in.precision();
        this.f32 = in.kernels().f32();
        this.f64 = in.kernels().f64();
    }

    public Precision precision() {
        return p;
    }

    /** Output of an operation that writes every element. */
    private PTensor fresh() {
        return in.uninitialized();
    }

    /** Σ_i ĉ_i · x_i accumulated from +0.0 in order (§2.6). */
    public PTensor weightedSum(double[] c, List<PTensor> x, String what) throws MergeException {
        return weightedSum(c, x, what, fresh());
    }

    /** {@link #weightedSum(double[], List, String)} computed in {@link MergeInput#result()}: a strategy's result. */
    public PTensor weightedSumResult(double[] c, List<PTensor> x, String what) throws MergeException {
        return weightedSum(c, x, what, in.result());
    }

    private PTensor weightedSum(double[] c, List<PTensor> x, String what, PTensor out) throws MergeException {
        MemorySegment[] xs = new MemorySegment[x.size()];
        for (int i = 0; i < xs.length; i++) {
            xs[i] = x.get(i).segment();
        }
        long n = out.size();
        if (p == Precision.F32) {
            float[] cf = new float[c.length];
            for (int i = 0; i < c.length; i++) {
                cf[i] = (float) Guards.roundFinite(p, c[i], what + "[" + i + "]");
            }
            split(out, null, xs, (o, b, xr, len) -> f32.weightedSum(o, cf, xr, len));
        } else {
            for (int i = 0; i < c.length; i++) {
                Guards.finite(c[i], what + "[" + i + "]");
            }
            double[] cd = c.clone();
            split(out, null, xs, (o, b, xr, len) -> f64.weightedSum(o, cd, xr, len));
        }
        return out;
    }

    /** The thetas of all contributions, in canonical order. */
    public List<PTensor> thetas() {
        List<PTensor> out = new ArrayList<>(in.n());
        for (int i = 0; i < in.n(); i++) {
            out.add(in.theta(i));
        }
        return out;
    }

    /** τ_i = θ_i − b for every contribution (§2.4). */
    public List<PTensor> taskVectors() {
        PTensor b = in.requireBase();
        List<PTensor> out = new ArrayList<>(in.n());
        for (int i = 0; i < in.n(); i++) {
            out.add(subtract(in.theta(i), b));
        }
        return out;
    }

    /** b + (λ̂ · Σ_i ĉ_i · (θ_i − b)) in one fused pass, τ_i never materialised (task arithmetic, §2.4, §2.6). */
    public PTensor taskArithmetic(double[] c, double lambda, String what) throws MergeException {
        PTensor b = in.requireBase();
        MemorySegment[] xs = new MemorySegment[in.n()];
        for (int i = 0; i < xs.length; i++) {
            xs[i] = in.theta(i).segment();
        }
        double[] cr = new double[c.length];
        for (int i = 0; i < c.length; i++) { // the weights are checked before λ, as in the unfused order
            cr[i] = Guards.roundFinite(p, c[i], what + "[" + i + "]");
        }
        double lam = Guards.roundFinite(p, lambda, "lambda");
        PTensor out = in.result(); // task arithmetic's value is always the strategy's result
        if (p == Precision.F32) {
            float[] cf = new float[c.length];
            for (int i = 0; i < c.length; i++) {
                cf[i] = (float) cr[i];
            }
            split(out, b, xs, (o, bs, x, len) -> f32.taskArithmetic(o, bs, cf, x, (float) lam, len));
        } else {
            split(out, b, xs, (o, bs, x, len) -> f64.taskArithmetic(o, bs, cr, x, lam, len));
        }
        return out;
    }

    /** An element-wise kernel call on slices of the same element range of out, b (may be null) and every x. */
    private interface RangeKernel {
        void run(MemorySegment out, MemorySegment b, MemorySegment[] x, long len);
    }

    /**
     * Runs an element-wise kernel over [0, size) split into whole 4096-element runs across threads
     * ({@link Parallel}); each element is computed by the very same operations, so the bits do not depend on the
     * split (§2.12).
     */
    private void split(PTensor out, PTensor b, MemorySegment[] x, RangeKernel k) {
        long n = out.size();
        long bytes = p.dtype().byteSize();
        List<MemorySegment> all = new ArrayList<>(List.of(x));
        all.add(out.segment());
        if (b != null) {
            all.add(b.segment());
        }
        int parts = Parallel.parts(n, SPLIT, all);
        Parallel.<RuntimeException>run(n, SPLIT, parts, part -> (lo, hi) -> {
            MemorySegment[] xs = new MemorySegment[x.length];
            for (int i = 0; i < xs.length; i++) {
                xs[i] = x[i].asSlice(lo * bytes, (hi - lo) * bytes);
            }
            k.run(out.segment().asSlice(lo * bytes, (hi - lo) * bytes),
                    b == null ? null : b.segment().asSlice(lo * bytes, (hi - lo) * bytes), xs, hi - lo);
        });
    }

    /** a − b. */
    public PTensor subtract(PTensor a, PTensor b) {
        PTensor out = fresh();
        if (p == Precision.F32) {
            f32.subtract(out.segment(), a.segment(), b.segment(), out.size());
        } else {
            f64.subtract(out.segment(), a.segment(), b.segment(), out.size());
        }
        return out;
    }

    /** a + b. */
    public PTensor add(PTensor a, PTensor b) {
        PTensor out = fresh();
        if (p == Precision.F32) {
            f32.add(out.segment(), a.segment(), b.segment(), out.size());
        } else {
            f64.add(out.segment(), a.segment(), b.segment(), out.size());
        }
        return out;
    }

    /** a + (ĉ · x). */
    public PTensor addScaled(PTensor a, double c, PTensor x, String what) throws MergeException {
        double cr = Guards.roundFinite(p, c, what);
        PTensor out = fresh();
        if (p == Precision.F32) {
            f32.addScaled(out.segment(), a.segment(), (float) cr, x.segment(), out.size());
        } else {
            f64.addScaled(out.segment(), a.segment(), cr, x.segment(), out.size());
        }
        return out;
    }

    /** dot(x, y) = R(x_j · y_j) (§2.7). */
    public double dot(PTensor x, PTensor y) {
        return p == Precision.F32 ? f32.dot(x.segment(), y.segment(), x.size())
                : f64.dot(x.segment(), y.segment(), x.size());
    }

    /** ‖x‖ (§2.7). */
    public double norm(PTensor x) {
        return p == Precision.F32 ? f32.norm(x.segment(), x.size()) : f64.norm(x.segment(), x.size());
    }

    /** mean(x) (§2.7). */
    public double mean(PTensor x) {
        return p == Precision.F32 ? f32.mean(x.segment(), x.size()) : f64.mean(x.segment(), x.size());
    }

    /** Population variance var(x) (§2.7). */
    public double variance(PTensor x) {
        return p == Precision.F32 ? f32.variance(x.segment(), x.size()) : f64.variance(x.segment(), x.size());
    }

    /** kth↓(|x|, k) (§2.8). */
    public double kthLargestMagnitude(PTensor x, long k) {
        return p == Precision.F32 ? f32.kthLargestMagnitude(x.segment(), x.size(), k)
                : f64.kthLargestMagnitude(x.segment(), x.size(), k);
    }

    /** kth↑(|x|, k) (§2.8). */
    public double kthSmallestMagnitude(PTensor x, long k) {
        return p == Precision.F32 ? f32.kthSmallestMagnitude(x.segment(), x.size(), k)
                : f64.kthSmallestMagnitude(x.segment(), x.size(), k);
    }

    /**
     * kth↑(|θ_i − b|, ks[i][r]) for every contribution i and rank r, τ not materialised (§2.4, §2.8); the kernels
     * backend may serve all contributions in one pass over b.
     */
    public double[][] kthSmallestTaskMagnitudes(long[][] ks) {
        int c = in.n();
        MemorySegment[] a = new MemorySegment[c];
        for (int i = 0; i < c; i++) {
            a[i] = in.theta(i).segment();
        }
        MemorySegment b = in.requireBase().segment();
        long n = in.size();
        double[][] out = new double[c][];
        if (p == Precision.F64) {
            for (int i = 0; i < c; i++) {
                out[i] = f64.kthSmallestMagnitudesOfDifference(a[i], b, n, ks[i]);
            }
            return out;
        }
        float[][] f = f32.kthSmallestMagnitudesOfDifferences(a, b, n, ks);
        for (int i = 0; i < c; i++) {
            out[i] = new double[f[i].length];
            for (int r = 0; r < f[i].length; r++) {
                out[i][r] = f[i][r];
            }
        }
        return out;
    }

    /** B4-style random keep with one probability (§2.10, §2.17). */
    public PTensor randomKeep(PTensor x, long key, double prob, boolean rescale) {
        PTensor out = fresh();
        if (p == Precision.F32) {
            f32.randomKeep(out.segment(), x.segment(), key, 0, prob, rescale, out.size());
        } else {
            f64.randomKeep(out.segment(), x.segment(), key, 0, prob, rescale, out.size());
        }
        return out;
    }

    /** B5-style random keep with per-element probabilities (little-endian doubles). */
    public PTensor randomKeep(PTensor x, long key, MemorySegment probs, boolean rescale) {
        PTensor out = fresh();
        if (p == Precision.F32) {
            f32.randomKeep(out.segment(), x.segment(), key, 0, probs, rescale, out.size());
        } else {
            f64.randomKeep(out.segment(), x.segment(), key, 0, probs, rescale, out.size());
        }
        return out;
    }
}
