package io.mergelattice.strategies.blocks;

import io.mergelattice.strategy.MergeException;
import io.mergelattice.strategy.MergeInput;
import io.mergelattice.strategy.PTensor;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;

/**
 * Task vectors τ_i = θ_i − b in P (strategies spec §2.4), checked for overflow (§2.13) in the same chunked pass, so
 * that a non-finite τ_ij never disappears silently in a trim, vote or mask.
 */
public final class TaskVectors {
    private TaskVectors() {
    }

    /** τ_i for every contribution, materialised in the merge's arena. */
    public static List<PTensor> of(MergeInput in) throws MergeException {
        SliceOps ops = new SliceOps(in);
        PTensor b = in.requireBase();
        long d = in.size();
        List<PTensor> out = new ArrayList<>(in.n());
        for (int i = 0; i < in.n(); i++) {
            PTensor t = in.zeros();
            for (long j0 = 0; j0 < d; j0 += SliceOps.CHUNK) {
                long len = Math.min(SliceOps.CHUNK, d - j0);
                MemorySegment s = ops.slice(t, j0, len);
                ops.subtract(s, ops.slice(in.theta(i), j0, len), ops.slice(b, j0, len), len);
                ops.checkFinite(s, len, j0, "task vector " + i);
            }
            out.add(t);
        }
        return out;
    }

    /**
     * τ_i restricted to {@code [from, from + len)} for every contribution, into {@code out[i]} (scratch segments of at
     * least {@code len} elements), checked for overflow.
     */
    public static void slice(MergeInput in, SliceOps ops, long from, long len, MemorySegment[] out)
            throws MergeException {
        MemorySegment b = ops.slice(in.requireBase(), from, len);
        for (int i = 0; i < out.length; i++) {
            ops.subtract(out[i], ops.slice(in.theta(i), from, len), b, len);
            ops.checkFinite(out[i], len, from, "task vector " + i);
        }
    }

    /** n scratch segments of {@code len} elements each. */
    public static MemorySegment[] scratch(SliceOps ops, int n, long len) {
        MemorySegment[] s = new MemorySegment[n];
        for (int i = 0; i < n; i++) {
            s[i] = ops.scratch(len);
        }
        return s;
    }
}
