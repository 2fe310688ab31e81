package io.mergelattice.kernels;

import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Exact kth↑(|θ_i − b|, k) (spec §2.8) of several contributions in one pass over the tensors, the vector backend's
 * selection for large F32 tensors. The result is the same integer the radix select of {@link MagnitudeSelection}
 * finds; only the work differs:
 * <ol>
 * <li>a deterministic sample (one block of {@value #BLOCK} elements, at an offset drawn by SplitMix64 from the
 * stratum's index, out of every {@value #STRATUM}) gives, per rank, a window [lo, hi] of magnitude patterns that
 * holds the k-th smallest with overwhelming probability (±4σ of the sample rank);</li>
 * <li>one pass over b and every θ_i (b is read once for all of them) counts the patterns below lo and collects those
 * inside the window ({@code compress} on 256-bit vectors);</li>
 * <li>if below &lt; k ≤ below + |window|, the answer is the (k − below)-th smallest collected pattern — exactly, since
 * every pattern below lo is smaller and every one above hi larger than any in the window. Otherwise (a sample that
 * misled, or a window too large to collect) that rank falls back to the exact radix select.</li>
 * </ol>
 * So the answer never depends on the sample; the sample only decides how fast it is found.
 */
final class WindowSelect {
    static final int BLOCK = 1024;
    static final int STRATUM = 64;
    /** At most this many sampled blocks per contribution (a larger tensor samples a smaller fraction). */
    static final long MAX_STRATA = 256;
    /** A window expected to hold more patterns than this is not collected: that rank uses the radix select. */
    static final long MAX_WINDOW = 1L << 21;
    /** Below this many elements the radix select runs directly (the sample would be too small to pay). */
    static final long MIN_ELEMENTS = 1L << 20;
    /** The window's half-width in standard deviations of the sample rank (a miss only costs the fallback). */
    static final double SIGMAS = 4.0;

    private static final VectorSpecies<Float> F = FloatVector.SPECIES_256;
    private static final int LANES = F.length();
    private static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;
    private static final int RUN = 4096;

    /** The values per contribution and rank, and how many ranks were found in their window (the rest fell back). */
    record Outcome(float[][] values, int inWindow, int fellBack) {
    }

    private WindowSelect() {
    }

    /** Blocks per stratum for n elements: {@value #STRATUM}, more when that would sample over MAX_STRATA blocks. */
    static long stratum(long n) {
        return Math.max(STRATUM, n / ((long) BLOCK * MAX_STRATA));
    }

    /** The block sampled from stratum s: an offset in [0, stratum) drawn by SplitMix64 from s. */
    static long sampledBlock(long s, long stratum) {
        return s * stratum + Long.remainderUnsigned(CounterRng.mix64(s), stratum);
    }

    /** kth↑(|a_i − b|, ks[i][r]) for every i and r; n ≥ {@link #MIN_ELEMENTS}; 1 ≤ ks[i][r] ≤ n. */
    static Outcome f32(MemorySegment[] a, MemorySegment b, long n, long[][] ks) {
        int c = a.length;
        long stratum = stratum(n);
        long strata = n / (BLOCK * stratum);
        int m = (int) (strata * BLOCK);
        int[][] lo = new int[c][];
        int[][] hi = new int[c][];
        long[][] expected = new long[c][];
        int parts = Parallel.parts(n, RUN, segments(a, b)); // 1 unless every segment may be read by other threads
        // The contributions' samples are independent: one task each (the common pool, bounded by its cores).
        IntStream contributions = IntStream.range(0, c);
        (parts > 1 ? contributions.parallel() : contributions).forEach(i -> {
            int[] sample = new int[m];
            int[] block = new int[BLOCK];
            for (long s = 0; s < strata; s++) {
                VectorKeys.f32(a[i], b, sampledBlock(s, stratum) * BLOCK, BLOCK, block);
                System.arraycopy(block, 0, sample, (int) (s * BLOCK), BLOCK);
            }
            long[] hist = new long[1 << 16];
            for (int j = 0; j < m; j++) {
                hist[sample[j] >>> 16]++;
            }
            int q = ks[i].length;
            lo[i] = new int[q];
            hi[i] = new int[q];
            expected[i] = new long[q];
            long[] bounds = new long[2 * q]; // sample ranks rlo, rhi per rank (clamped to the sample)
            for (int r = 0; r < q; r++) {
                double p = (double) ks[i][r] / n;
                double pos = p * m;
                double margin = SIGMAS * Math.sqrt(m * p * (1.0 - p)) + 16.0;
                bounds[2 * r] = Math.max(1, (long) Math.floor(pos - margin));
                bounds[2 * r + 1] = Math.min(m, (long) Math.ceil(pos + margin));
            }
            int[] at = select(sample, m, hist, bounds);
            for (int r = 0; r < q; r++) {
                // A window side at the sample's end stays open: the sample's extreme is no bound for the tensor.
                lo[i][r] = bounds[2 * r] == 1 ? 0 : at[2 * r];
                hi[i][r] = bounds[2 * r + 1] == m ? Integer.MAX_VALUE : at[2 * r + 1];
                expected[i][r] = (bounds[2 * r + 1] - bounds[2 * r] + 1) * (n / m + 1);
            }
        });
        Part[] state = new Part[parts];
        Parallel.<RuntimeException>run(n, RUN, parts, p -> {
            Part s = new Part(lo, hi, expected, n);
            state[p] = s;
            return (from, to) -> s.scan(a, b, from, to);
        });
        float[][] out = new float[c][];
        int found = 0;
        int fell = 0;
        for (int i = 0; i < c; i++) {
            out[i] = new float[ks[i].length];
            for (int r = 0; r < ks[i].length; r++) {
                long below = 0;
                long inside = 0;
                boolean overflow = false;
                for (Part s : state) {
                    below += s.below[i][r];
                    inside += s.count[i][r];
                    overflow |= s.overflow[i][r];
                }
                long k = ks[i][r];
                if (expected[i][r] <= MAX_WINDOW && !overflow && below < k && k <= below + inside) {
                    int[] all = new int[(int) inside];
                    int at = 0;
                    for (Part s : state) {
                        System.arraycopy(s.buffer[i][r], 0, all, at, s.count[i][r]);
                        at += s.count[i][r];
                    }
                    out[i][r] = Float.intBitsToFloat(select(all, all.length, k - below));
                    found++;
                } else {
                    out[i][r] = MagnitudeSelection.kthSmallestF32(a[i], b, n, new long[] {k}, true)[0];
                    fell++;
                }
            }
        }
        return new Outcome(out, found, fell);
    }

    private static List<MemorySegment> segments(MemorySegment[] a, MemorySegment b) {
        List<MemorySegment> s = new ArrayList<>(List.of(a));
        s.add(b);
        return s;
    }

    /**
     * The ranks-th smallest (1-based) of the non-negative ints a[0..len) whose high-16-bit histogram is {@code hist}:
     * one more counting pass over a for all ranks, exact.
     */
    private static int[] select(int[] a, int len, long[] hist, long[] ranks) {
        int q = ranks.length;
        int[] bucket = new int[q];
        long[] remaining = ranks.clone();
        for (int r = 0; r < q; r++) {
            while (remaining[r] > hist[bucket[r]]) {
                remaining[r] -= hist[bucket[r]++];
            }
        }
        int[][] low = new int[q][1 << 16];
        for (int j = 0; j < len; j++) {
            int high = a[j] >>> 16;
            for (int r = 0; r < q; r++) {
                if (high == bucket[r]) {
                    low[r][a[j] & 0xFFFF]++;
                }
            }
        }
        int[] out = new int[q];
        for (int r = 0; r < q; r++) {
            int digit = 0;
            while (remaining[r] > low[r][digit]) {
                remaining[r] -= low[r][digit++];
            }
            out[r] = bucket[r] << 16 | digit;
        }
        return out;
    }

    /** The k-th smallest (1-based) of the non-negative ints a[0..len): two 16-bit counting passes, exact. */
    static int select(int[] a, int len, long k) {
        long[] hist = new long[1 << 16];
        for (int j = 0; j < len; j++) {
            hist[a[j] >>> 16]++;
        }
        return select(a, len, hist, new long[] {k})[0];
    }

    /** One thread's counts and collected patterns, per contribution and rank. */
    private static final class Part {
        final int[][] lo;
        final int[][] hi;
        final long[][] expected;
        final long n;
        final long[][] limit;
        final long[][] below;
        final int[][] count;
        final int[][][] buffer;
        final boolean[][] overflow;

        Part(int[][] lo, int[][] hi, long[][] expected, long n) {
            this.lo = lo;
            this.hi = hi;
            this.expected = expected;
            this.n = n;
            int c = lo.length;
            limit = new long[c][];
            below = new long[c][];
            count = new int[c][];
            buffer = new int[c][][];
            overflow = new boolean[c][];
            for (int i = 0; i < c; i++) {
                int q = lo[i].length;
                below[i] = new long[q];
                limit[i] = new long[q];
                count[i] = new int[q];
                overflow[i] = new boolean[q];
                buffer[i] = new int[q][];
                for (int r = 0; r < q; r++) {
                    buffer[i][r] = new int[(int) Math.min(expected[i][r] + LANES, 1 << 12)];
                }
            }
        }

        void scan(MemorySegment[] a, MemorySegment b, long from, long to) {
            // This part may collect up to 4 × its share of the expected window (+ slack); past that the rank falls
            // back, so a window drawn from a misleading sample never grows with the tensor.
            for (int i = 0; i < lo.length; i++) {
                for (int r = 0; r < lo[i].length; r++) {
                    double share = (double) (to - from) / n;
                    limit[i][r] = Math.min(to - from, (long) Math.ceil(4.0 * expected[i][r] * share) + 4096);
                    overflow[i][r] = expected[i][r] > MAX_WINDOW; // not collected at all
                }
            }
            for (long j0 = from; j0 < to; j0 += RUN) {
                int len = (int) Math.min(RUN, to - j0);
                for (int i = 0; i < a.length; i++) {
                    // Chunk by chunk, b's run is read from memory for the first contribution and from cache after.
                    for (int r = 0; r < lo[i].length; r++) {
                        if (expected[i][r] <= MAX_WINDOW) {
                            run(a[i], b, j0, len, i, r);
                        }
                    }
                }
            }
        }

        private void run(MemorySegment x, MemorySegment b, long j0, int len, int i, int r) {
            int l = lo[i][r];
            int h = hi[i][r];
            int bound = len - len % LANES;
            MemorySegment xs = x.asSlice(j0 * Float.BYTES, (long) len * Float.BYTES);
            MemorySegment bs = b.asSlice(j0 * Float.BYTES, (long) len * Float.BYTES);
            IntVector under = IntVector.zero(IntVector.SPECIES_256);
            int[] buf = buffer[i][r];
            int at = count[i][r];
            boolean collecting = !overflow[i][r];
            for (int j = 0; j < bound; j += LANES) {
                long off = (long) j * Float.BYTES;
                IntVector key = FloatVector.fromMemorySegment(F, xs, off, LE)
                        .sub(FloatVector.fromMemorySegment(F, bs, off, LE)).reinterpretAsInts().and(0x7FFF_FFFF);
                under = under.sub(key.compare(VectorOperators.LT, l).toVector()); // a true lane is −1
                VectorMask<Integer> in = key.compare(VectorOperators.GE, l).and(key.compare(VectorOperators.LE, h));
                if (collecting && in.anyTrue()) {
                    if (at + LANES > buf.length) {
                        buf = grow(buf, at, i, r);
                        if (buf == null) {
                            collecting = false;
                            continue;
                        }
                    }
                    key.compress(in).intoArray(buf, at); // the window's lanes first, then zeros
                    at += in.trueCount();
                }
            }
            long u = under.reduceLanesToLong(VectorOperators.ADD); // integers: exact in any order
            for (int j = bound; j < len; j++) {
                int key = MagnitudeSelection.keyF32(x, b, j0 + j);
                if (key < l) {
                    u++;
                } else if (collecting && key <= h) {
                    if (at + 1 > buf.length) {
                        buf = grow(buf, at, i, r);
                        if (buf == null) {
                            collecting = false;
                            continue;
                        }
                    }
                    buf[at++] = key;
                }
            }
            below[i][r] += u;
            if (collecting) {
                buffer[i][r] = buf;
                count[i][r] = at;
            }
        }

        /**
         * A larger buffer holding the first {@code at} patterns, or null (and the rank marked for the fallback)
         * once the window has outgrown its limit.
         */
        private int[] grow(int[] buf, int at, int i, int r) {
            if (at > limit[i][r] || buf.length >= limit[i][r] + LANES) {
                overflow[i][r] = true;
                buffer[i][r] = null;
                return null;
            }
            int[] bigger = Arrays.copyOf(buf, (int) Math.min(limit[i][r] + LANES, 2L * buf.length + LANES));
            buffer[i][r] = bigger;
            return bigger;
        }
    }
}
