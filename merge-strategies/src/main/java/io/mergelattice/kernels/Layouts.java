package io.mergelattice.kernels;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * Element layouts of kernel segments: little-endian, unaligned (spec §2.1 tensors as stored in safetensors).
 * Element {@code j} of a segment starts at byte {@code j × size}.
 */
public final class Layouts {

    /** F32 elements. */
    public static final ValueLayout.OfFloat F32 = ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    /** F64 elements (also the per-element keep probabilities of B5). */
    public static final ValueLayout.OfDouble F64 = ValueLayout.JAVA_DOUBLE_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    /** 64-bit integers (min-rank counts). */
    public static final ValueLayout.OfLong I64 = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    /** Largest element count accepted by a kernel (byte offsets of 8-byte elements stay positive). */
    static final long MAX_COUNT = Long.MAX_VALUE / Long.BYTES;

    private Layouts() {
    }

    /** Checks {@code n} and that every segment holds at least {@code n} elements of {@code bytes} bytes each. */
    static void require(long n, long bytes, MemorySegment... segments) {
        if (n < 0 || n > MAX_COUNT) {
            throw new IllegalArgumentException("element count out of range: " + n);
        }
        for (MemorySegment s : segments) {
            if (s.byteSize() < n * bytes) {
                throw new IndexOutOfBoundsException("segment of " + s.byteSize() + " bytes is too small for " + n
                        + " elements of " + bytes + " bytes");
            }
        }
    }

    /** Checks a keep probability of B4 (a double in [0, 1]). */
    static void requireProbability(double p) {
        if (!(p >= 0.0 && p <= 1.0)) {
            throw new IllegalArgumentException("keep probability must be in [0, 1]: " + p);
        }
    }

    /** Checks a selection rank {@code 1 ≤ k ≤ n}. */
    static void requireRank(long k, long n) {
        if (k < 1 || k > n) {
            throw new IllegalArgumentException("k must be in [1, " + n + "]: " + k);
        }
    }

    /** Checks a non-empty sequence for mean and variance. */
    static void requireNonEmpty(long n) {
        if (n < 1) {
            throw new IllegalArgumentException("mean and variance need at least one element");
        }
    }
}
