package io.mergelattice.kernels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import java.util.stream.LongStream;

/** Test data: awkward sizes, nasty values, segments (heap or unaligned off-heap) and bitwise comparison. */
final class TestData {

    /** The awkward sizes of docs/style.md (Lucene's list). */
    static final int[] AWKWARD = {1, 4, 6, 8, 13, 16, 25, 32, 64, 100, 128, 207, 256, 300, 512, 702, 1024, 1536, 2046,
            2048, 4096, 4098};
    /** Extra sizes for reductions: around and beyond groups of 8 blocks of 4096 terms. */
    static final int[] REDUCTION_EXTRA = {0, 8191, 32767, 32768, 32769, 65536 + 4095, 70000, 8 * 4096 * 3 + 17};

    private TestData() {
    }

    /**
     * Asserts that the selector really chose the vector backend on this machine and returns it: differential tests
     * against the oracle are worthless if the fast path silently fell back to scalar.
     */
    static Kernels activeVectorKernels() {
        KernelSelection selection = KernelSelector.selection();
        assertThat(selection.kernels())
                .as("selector chose %s (%s), fallbacks %s", selection.id(), selection.reason(), selection.fallbacks())
                .isInstanceOf(VectorKernels.class);
        assertThat(selection.id()).isEqualTo("vector-256");
        Kernels k = KernelSelector.kernels();
        assertThat(k).isSameAs(selection.kernels());
        assertThat(k.id()).isEqualTo(VectorKernels.ID);
        return k;
    }

    static IntStream awkward() {
        return IntStream.of(AWKWARD);
    }

    /** F32 values: ±0.0, denormals, huge magnitudes (≤ MAX/16), small integers, mixed-scale normals. */
    static float[] nastyFloats(long seed, int n) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            float sign = r.nextBoolean() ? 1.0f : -1.0f;
            a[i] = switch (r.nextInt(10)) {
                case 0 -> 0.0f;
                case 1 -> -0.0f;
                case 2 -> sign * Float.intBitsToFloat(r.nextInt(1, 0x0080_0000)); // denormal
                case 3 -> sign * (r.nextBoolean() ? Float.MIN_VALUE : Float.MIN_NORMAL);
                case 4 -> sign * (float) r.nextDouble(1e30, Float.MAX_VALUE / 16);
                case 5 -> r.nextInt(-3, 4);
                default -> (float) Math.scalb(r.nextDouble(-1.0, 1.0), r.nextInt(-30, 30));
            };
        }
        return a;
    }

    /** F64 values: ±0.0, denormals, huge magnitudes (≤ 1e150, so squares stay finite), integers, normals. */
    static double[] nastyDoubles(long seed, int n) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] a = new double[n];
        for (int i = 0; i < n; i++) {
            double sign = r.nextBoolean() ? 1.0 : -1.0;
            a[i] = switch (r.nextInt(10)) {
                case 0 -> 0.0;
                case 1 -> -0.0;
                case 2 -> sign * Double.longBitsToDouble(r.nextLong(1, 1L << 52));
                case 3 -> sign * (r.nextBoolean() ? Double.MIN_VALUE : Double.MIN_NORMAL);
                case 4 -> sign * r.nextDouble(1e100, 1e150);
                case 5 -> r.nextInt(-3, 4);
                default -> Math.scalb(r.nextDouble(-1.0, 1.0), r.nextInt(-60, 60));
            };
        }
        return a;
    }

    /** Where test segments live. */
    enum Memory {
        /** Heap segments over float[] / double[] arrays. */
        HEAP,
        /** Off-heap segments starting at an odd byte address (unaligned little-endian access). */
        UNALIGNED_NATIVE;

        MemorySegment floats(Arena arena, float[] values) {
            if (this == HEAP) {
                return MemorySegment.ofArray(values.clone());
            }
            MemorySegment s = arena.allocate(values.length * 4L + 1).asSlice(1);
            MemorySegment.copy(values, 0, s, Layouts.F32, 0, values.length);
            return s;
        }

        MemorySegment doubles(Arena arena, double[] values) {
            if (this == HEAP) {
                return MemorySegment.ofArray(values.clone());
            }
            MemorySegment s = arena.allocate(values.length * 8L + 3).asSlice(3);
            MemorySegment.copy(values, 0, s, Layouts.F64, 0, values.length);
            return s;
        }

        MemorySegment longs(Arena arena, int n) {
            return this == HEAP ? MemorySegment.ofArray(new long[n]) : arena.allocate(n * 8L + 5).asSlice(5);
        }
    }

    static float[] floats(MemorySegment s, int n) {
        float[] a = new float[n];
        MemorySegment.copy(s, Layouts.F32, 0, a, 0, n);
        return a;
    }

    static double[] doubles(MemorySegment s, int n) {
        double[] a = new double[n];
        MemorySegment.copy(s, Layouts.F64, 0, a, 0, n);
        return a;
    }

    static long[] longs(MemorySegment s, int n) {
        return LongStream.range(0, n).map(i -> s.getAtIndex(Layouts.I64, i)).toArray();
    }

    /** Fails with the first differing element unless the raw bits are identical. */
    static void assertSameBits(String what, float[] expected, float[] actual) {
        for (int i = 0; i < expected.length; i++) {
            int e = Float.floatToRawIntBits(expected[i]);
            int a = Float.floatToRawIntBits(actual[i]);
            if (e != a) {
                fail("%s: element %d of %d differs: scalar %s (0x%08x), other %s (0x%08x)", what, i, expected.length,
                        expected[i], e, actual[i], a);
            }
        }
    }

    /** Fails with the first differing element unless the raw bits are identical. */
    static void assertSameBits(String what, double[] expected, double[] actual) {
        for (int i = 0; i < expected.length; i++) {
            long e = Double.doubleToRawLongBits(expected[i]);
            long a = Double.doubleToRawLongBits(actual[i]);
            if (e != a) {
                fail("%s: element %d of %d differs: scalar %s (0x%016x), other %s (0x%016x)", what, i,
                        expected.length, expected[i], e, actual[i], a);
            }
        }
    }

    /** Fails unless the raw bits of two doubles are identical. */
    static void assertSameBits(String what, double expected, double actual) {
        assertSameBits(what, new double[] {expected}, new double[] {actual});
    }
}
