package io.mergelattice.strategies.blocks;

import io.mergelattice.kernels.Parallel;
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
 * Chunked streaming for the element-wise strategies (strategies spec §2.6): a tensor is processed in chunks of
 * {@value #CHUNK} elements held in Java arrays ({@code float[]} for P = F32, {@code double[]} for F64) that stay in
 * cache; random masks run on the merge's kernels backend (through a native scratch segment), everything else as
 * plain array loops written so that C2 vectorises them ({@link Masks}). Every step is element-wise, so a chunk gives
 * exactly the bits of the whole-tensor computation.
 * Host coefficients passed here are already rounded to P ({@link #round}).
 */
public final class SliceOps {
    /** Elements per chunk: one block of the canonical reduction (§2.7), so chunk c is block c. */
    public static final int CHUNK = 4096;

    private final MergeInput in;
    private final Precision p;
    private final FloatKernels f32;
    private final DoubleKernels f64;
    private final long bytes;
    private final MemorySegment[] scratch = new MemorySegment[2];
    private float[] baseF;
    private double[] baseD;

    public SliceOps(MergeInput in) {
        this.in = in;
        this.p = in.precision();
        this.f32 = in.kernels().f32();
        this.f64 = in.kernels().f64();
        this.bytes = p.dtype().byteSize();
    }

    /**
     * A SliceOps for another thread: its native scratch (chunks of up to {@code maxLen} elements) is allocated here,
     * on the calling thread, since the merge's arena serves one thread at a time.
     */
    public SliceOps fork(int maxLen) {
        SliceOps o = new SliceOps(in);
        o.scratch(0, (long) maxLen * Double.BYTES);
        o.scratch(1, (long) maxLen * Double.BYTES);
        return o;
    }

    /** The tensors a chunked loop reads (θ_i and b) plus {@code out}, for {@link Parallel#parts}. */
    public java.util.List<MemorySegment> segments(PTensor out) {
        java.util.List<MemorySegment> s = new java.util.ArrayList<>();
        for (int i = 0; i < in.n(); i++) {
            s.add(in.theta(i).segment());
        }
        in.base().ifPresent(b -> s.add(b.segment()));
        s.add(out.segment());
        return s;
    }

    /** The merge's kernels backend, for chunk loops on arrays. */
    public FloatKernels f32() {
        return f32;
    }

    public DoubleKernels f64() {
        return f64;
    }

    public MergeInput input() {
        return in;
    }

    public boolean isF32() {
        return p == Precision.F32;
    }

    /** The chunk length for a tensor of d elements: min(d, CHUNK). */
    public int chunk() {
        return (int) Math.min(in.size(), CHUNK);
    }

    /** key(ctx.seed, ctx.tensorName, root) of §2.10. */
    public static long key(MergeInput in, Hash32 root) {
        return CounterRng.key(in.context().seed().bytes(), in.context().tensorName(), root.bytes());
    }

    /** The element-mask keys of all contributions, in canonical order. */
    public long[] keys() {
        long[] k = new long[in.n()];
        for (int i = 0; i < k.length; i++) {
            k[i] = key(in, in.contribution(i).root());
        }
        return k;
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

    /** The (already rounded) coefficients as floats, exactly. */
    public static float[] floats(double[] c) {
        float[] f = new float[c.length];
        for (int i = 0; i < c.length; i++) {
            f[i] = (float) c[i];
        }
        return f;
    }

    /** An uninitialised scratch segment of {@code bytes} bytes, 8-aligned, in the merge's arena. */
    public MemorySegment scratchBytes(long size) {
        return in.arena().allocate(size, 8);
    }

    /** Elements {@code [from, from + len)} of {@code t} as a segment. */
    public MemorySegment slice(PTensor t, long from, long len) {
        return t.segment().asSlice(from * bytes, len * bytes);
    }

    public void load(PTensor t, long from, float[] dst, int len) {
        MemorySegment.copy(t.segment(), Layouts.F32, from * Float.BYTES, dst, 0, len);
    }

    public void load(PTensor t, long from, double[] dst, int len) {
        MemorySegment.copy(t.segment(), Layouts.F64, from * Double.BYTES, dst, 0, len);
    }

    public void store(float[] src, PTensor t, long from, int len) {
        MemorySegment.copy(src, 0, t.segment(), Layouts.F32, from * Float.BYTES, len);
    }

    public void store(double[] src, PTensor t, long from, int len) {
        MemorySegment.copy(src, 0, t.segment(), Layouts.F64, from * Double.BYTES, len);
    }

    /**
     * τ_i = θ_i − b (§2.4) on {@code [from, from + len)} for every contribution, checked for overflow (§2.13). The
     * chunk of b is copied once; each θ_i chunk is read, subtracted and checked by the kernels backend in one pass
     * ({@code subtractFinite}).
     */
    public void taskVectors(long from, int len, float[][] out) throws MergeException {
        if (baseF == null) {
            baseF = new float[CHUNK];
        }
        float[] bb = len <= CHUNK ? baseF : new float[len];
        MemorySegment.copy(in.requireBase().segment(), Layouts.F32, from * Float.BYTES, bb, 0, len);
        for (int i = 0; i < out.length; i++) {
            if (!f32.subtractFinite(out[i], in.theta(i).segment(), from, bb, len)) {
                checkFinite(out[i], len, from, "task vector " + i);
            }
        }
    }

    /** τ_i on {@code [from, from + len)} (F64). */
    public void taskVectors(long from, int len, double[][] out) throws MergeException {
        if (baseD == null) {
            baseD = new double[CHUNK];
        }
        double[] bb = len <= CHUNK ? baseD : new double[len];
        MemorySegment.copy(in.requireBase().segment(), Layouts.F64, from * Double.BYTES, bb, 0, len);
        for (int i = 0; i < out.length; i++) {
            if (!f64.subtractFinite(out[i], in.theta(i).segment(), from, bb, len)) {
                checkFinite(out[i], len, from, "task vector " + i);
            }
        }
    }

    /** B4/B5 keep mask with one probability, in place; element j has counter {@code first + j} (§2.10). */
    public void randomKeep(float[] x, int len, long key, long first, double prob, boolean rescale) {
        f32.randomKeep(x, len, key, first, prob, rescale);
    }

    public void randomKeep(double[] x, int len, long key, long first, double prob, boolean rescale) {
        f64.randomKeep(x, len, key, first, prob, rescale);
    }

    // The segment kernels only ever see native segments, like the tensors: array-backed segments at the same call
    // sites would make the Vector API code polymorphic and much slower for every strategy. Chunks are copied through
    // a native scratch segment instead (the copies stay in cache).

    /** B5 keep mask with per-element probabilities, in place. */
    public void randomKeep(float[] x, int len, long key, long first, double[] probs, boolean rescale) {
        MemorySegment s = scratch(0, (long) len * Float.BYTES);
        MemorySegment p = scratch(1, (long) len * Double.BYTES);
        MemorySegment.copy(x, 0, s, Layouts.F32, 0, len);
        MemorySegment.copy(probs, 0, p, Layouts.F64, 0, len);
        f32.randomKeep(s, s, key, first, p, rescale, len);
        MemorySegment.copy(s, Layouts.F32, 0, x, 0, len);
    }

    public void randomKeep(double[] x, int len, long key, long first, double[] probs, boolean rescale) {
        MemorySegment s = scratch(0, (long) len * Double.BYTES);
        MemorySegment p = scratch(1, (long) len * Double.BYTES);
        MemorySegment.copy(x, 0, s, Layouts.F64, 0, len);
        MemorySegment.copy(probs, 0, p, Layouts.F64, 0, len);
        f64.randomKeep(s, s, key, first, p, rescale, len);
        MemorySegment.copy(s, Layouts.F64, 0, x, 0, len);
    }

    /** Native scratch segment {@code slot} (0 or 1) of at least {@code size} bytes, reused across chunks. */
    private MemorySegment scratch(int slot, long size) {
        if (scratch[slot] == null || scratch[slot].byteSize() < size) {
            scratch[slot] = in.arena().allocate(Math.max(size, (long) CHUNK * Double.BYTES), 64);
        }
        return scratch[slot].asSlice(0, size);
    }

    /** out = Σ_i c_i · x_i from +0.0, inputs in order, each term rounded before the sum (§2.6). */
    public static void weightedSum(float[] out, float[] c, float[][] x, int len) {
        java.util.Arrays.fill(out, 0, len, 0.0f);
        for (int i = 0; i < c.length; i++) {
            accumulate(out, c[i], x[i], len);
        }
    }

    public static void weightedSum(double[] out, double[] c, double[][] x, int len) {
        java.util.Arrays.fill(out, 0, len, 0.0);
        for (int i = 0; i < c.length; i++) {
            accumulate(out, c[i], x[i], len);
        }
    }

    /** acc_j ← acc_j + (c · x_j). */
    public static void accumulate(float[] acc, float c, float[] x, int len) {
        for (int j = 0; j < len; j++) {
            acc[j] = acc[j] + c * x[j];
        }
    }

    public static void accumulate(double[] acc, double c, double[] x, int len) {
        for (int j = 0; j < len; j++) {
            acc[j] = acc[j] + c * x[j];
        }
    }

    /** Min-ranks of |x| (§2.8) as I64 via the kernels, for rows too large for Java arrays. */
    void minRanks(MemorySegment ranks, MemorySegment x, long len) {
        if (isF32()) {
            f32.minRanks(ranks, x, len);
        } else {
            f64.minRanks(ranks, x, len);
        }
    }

    /** {@link #checkFinite(float[], int, long, String)} with the scan on the merge's kernels backend. */
    public void check(float[] x, int len, long first, String what) throws MergeException {
        if (!f32.allFinite(x, len)) {
            checkFinite(x, len, first, what);
        }
    }

    public void check(double[] x, int len, long first, String what) throws MergeException {
        if (!f64.allFinite(x, len)) {
            checkFinite(x, len, first, what);
        }
    }

    /** The overflow rule (§2.13): fails at the first non-finite element; {@code first} is x[0]'s flat index. */
    public static void checkFinite(float[] x, int len, long first, String what) throws MergeException {
        float max = 0.0f;
        for (int j = 0; j < len; j++) {
            max = Math.max(max, Math.abs(x[j])); // NaN propagates
        }
        if (!(max <= Float.MAX_VALUE)) {
            for (int j = 0; j < len; j++) {
                if (!Float.isFinite(x[j])) {
                    throw nonFinite(what, first + j, x[j]);
                }
            }
        }
    }

    public static void checkFinite(double[] x, int len, long first, String what) throws MergeException {
        double max = 0.0;
        for (int j = 0; j < len; j++) {
            max = Math.max(max, Math.abs(x[j]));
        }
        if (!(max <= Double.MAX_VALUE)) {
            for (int j = 0; j < len; j++) {
                if (!Double.isFinite(x[j])) {
                    throw nonFinite(what, first + j, x[j]);
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
