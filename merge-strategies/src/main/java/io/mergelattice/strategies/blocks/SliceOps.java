package io.mergelattice.strategies.blocks;

import io.mergelattice.identity.Hash32;
import io.mergelattice.kernels.CounterRng;
import io.mergelattice.kernels.DoubleKernels;
import io.mergelattice.kernels.FloatKernels;
import io.mergelattice.kernels.Layouts;
import io.mergelattice.strategy.ErrorCode;
import io.mergelattice.strategy.Guards;
import io.mergelattice.strategy.MergeException;
import io.mergelattice.strategy.MergeInput;
import io.mergelattice.strategy.PTensor;
import io.mergelattice.strategy.Precision;
import java.lang.foreign.MemorySegment;

/**
 * Kernel operations on slices (chunks or rows) of P tensors, for strategies that stream a tensor in pieces that stay
 * in cache (strategies spec §2.6; every operation is element-wise, so a slice gives the bits of the whole tensor).
 * Host coefficients passed here are already rounded to P ({@link #round}). The kernels backend is the merge's.
 */
public final class SliceOps {
    /** Elements per chunk: one block of the canonical reduction (§2.7), so chunk c is block c. */
    public static final int CHUNK = 4096;

    private final MergeInput in;
    private final Precision p;
    private final FloatKernels f32;
    private final DoubleKernels f64;
    private final long bytes;

    public SliceOps(MergeInput in) {
        this.in = in;
        this.p = in.precision();
        this.f32 = in.kernels().f32();
        this.f64 = in.kernels().f64();
        this.bytes = p.dtype().byteSize();
    }

    public Precision precision() {
        return p;
    }

    public boolean isF32() {
        return p == Precision.F32;
    }

    /** key(ctx.seed, ctx.tensorName, root) of §2.10. */
    public static long key(MergeInput in, Hash32 root) {
        return CounterRng.key(in.context().seed().bytes(), in.context().tensorName(), root.bytes());
    }

    /** ĉ = round_P(c), NON_FINITE_RESULT if c or ĉ is not finite (§2.3). */
    public double round(double c, String what) throws MergeException {
        return Guards.roundFinite(p, c, what);
    }

    /** Rounds every coefficient to P ({@link #round}). */
    public double[] round(double[] c, String what) throws MergeException {
        double[] out = new double[c.length];
        for (int i = 0; i < c.length; i++) {
            out[i] = round(c[i], what + "[" + i + "]");
        }
        return out;
    }

    /** Elements {@code [from, from + len)} of {@code t}. */
    public MemorySegment slice(PTensor t, long from, long len) {
        return t.segment().asSlice(from * bytes, len * bytes);
    }

    /** An uninitialised scratch segment of {@code len} elements in P, in the merge's arena. */
    public MemorySegment scratch(long len) {
        return in.arena().allocate(len * bytes, 8);
    }

    /** An uninitialised scratch segment of {@code bytes} bytes, 8-aligned, in the merge's arena. */
    public MemorySegment scratchBytes(long bytes) {
        return in.arena().allocate(bytes, 8);
    }

    /** out = a − b. */
    public void subtract(MemorySegment out, MemorySegment a, MemorySegment b, long len) {
        if (isF32()) {
            f32.subtract(out, a, b, len);
        } else {
            f64.subtract(out, a, b, len);
        }
    }

    /** out = a + b. */
    public void add(MemorySegment out, MemorySegment a, MemorySegment b, long len) {
        if (isF32()) {
            f32.add(out, a, b, len);
        } else {
            f64.add(out, a, b, len);
        }
    }

    /** out = a + (ĉ · x), {@code c} already in P. */
    public void addScaled(MemorySegment out, MemorySegment a, double c, MemorySegment x, long len) {
        if (isF32()) {
            f32.addScaled(out, a, (float) c, x, len);
        } else {
            f64.addScaled(out, a, c, x, len);
        }
    }

    /** out = Σ_i ĉ_i · x_i from +0.0 in order (§2.6), {@code c} already in P. */
    public void weightedSum(MemorySegment out, double[] c, MemorySegment[] x, long len) {
        if (isF32()) {
            float[] cf = new float[c.length];
            for (int i = 0; i < c.length; i++) {
                cf[i] = (float) c[i];
            }
            f32.weightedSum(out, cf, x, len);
        } else {
            f64.weightedSum(out, c, x, len);
        }
    }

    /** B4/B5 keep mask with one probability; element i has counter {@code first + i} (§2.10). */
    public void randomKeep(MemorySegment out, MemorySegment x, long key, long first, double prob, boolean rescale,
            long len) {
        if (isF32()) {
            f32.randomKeep(out, x, key, first, prob, rescale, len);
        } else {
            f64.randomKeep(out, x, key, first, prob, rescale, len);
        }
    }

    /** B5 keep mask with per-element probabilities (little-endian doubles). */
    public void randomKeep(MemorySegment out, MemorySegment x, long key, long first, MemorySegment probs,
            boolean rescale, long len) {
        if (isF32()) {
            f32.randomKeep(out, x, key, first, probs, rescale, len);
        } else {
            f64.randomKeep(out, x, key, first, probs, rescale, len);
        }
    }

    /** Min-ranks of |x| (§2.8) as I64, for groups too large for {@link MagPrune}'s own sort. */
    void minRanks(MemorySegment ranks, MemorySegment x, long len) {
        if (isF32()) {
            f32.minRanks(ranks, x, len);
        } else {
            f64.minRanks(ranks, x, len);
        }
    }

    /** The overflow rule (§2.13): fails at the first non-finite element; {@code first} is x[0]'s flat index. */
    public void checkFinite(MemorySegment x, long len, long first, String what) throws MergeException {
        if (isF32()) {
            boolean ok = true;
            for (long j = 0; j < len; j++) {
                ok &= Math.abs(x.getAtIndex(Layouts.F32, j)) <= Float.MAX_VALUE; // false for NaN
            }
            if (!ok) {
                for (long j = 0; j < len; j++) {
                    float v = x.getAtIndex(Layouts.F32, j);
                    if (!Float.isFinite(v)) {
                        throw nonFinite(what, first + j, v);
                    }
                }
            }
        } else {
            boolean ok = true;
            for (long j = 0; j < len; j++) {
                ok &= Math.abs(x.getAtIndex(Layouts.F64, j)) <= Double.MAX_VALUE;
            }
            if (!ok) {
                for (long j = 0; j < len; j++) {
                    double v = x.getAtIndex(Layouts.F64, j);
                    if (!Double.isFinite(v)) {
                        throw nonFinite(what, first + j, v);
                    }
                }
            }
        }
    }

    /** NON_FINITE_RESULT for element {@code j} of {@code what} (§2.13). */
    public static MergeException nonFinite(String what, long j, double v) {
        return new MergeException(ErrorCode.NON_FINITE_RESULT, what + "[" + j + "] is " + v
                + " (the inputs or parameters overflow the compute precision)");
    }
}
