package io.mergelattice.kernels;

import static io.mergelattice.kernels.TestData.assertSameBits;
import static org.assertj.core.api.Assertions.assertThat;

import io.mergelattice.kernels.TestData.Memory;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Differential tests: every element-wise and mask kernel of {@link VectorKernels} is bitwise identical to the
 * oracle {@link ScalarKernels} (spec §2.12 class E) on the awkward sizes, with nasty values, heap and unaligned
 * off-heap segments, and in-place outputs. Reductions and selection: {@link ScalarVsVectorReductionsTest}.
 */
class ScalarVsVectorKernelsTest {

    private static final Kernels SCALAR = ScalarKernels.instance();
    private static final long KEY = 0xe5d756c4e07f0338L; // key of §2.10 row 1
    private static final long[] FIRST_INDICES = {0, 5, 4_294_967_303L};
    private static final double[] PROBABILITIES = {0.0, 0.1, 0.5, 0.9, 1.0};
    private static Kernels vector;

    private int n;
    private Memory memory;

    @BeforeAll
    static void vectorBackendIsReallyActive() {
        vector = TestData.activeVectorKernels();
    }

    static Stream<Arguments> cases() {
        return TestData.awkward().boxed().flatMap(n -> Stream.of(Memory.values()).map(m -> Arguments.of(n, m)));
    }

    @FunctionalInterface
    interface Op {
        void run(Kernels k, MemorySegment out, Arena arena);
    }

    private MemorySegment in(Arena arena, float[] values) {
        return memory.floats(arena, values);
    }

    private MemorySegment in(Arena arena, double[] values) {
        return memory.doubles(arena, values);
    }

    private void f32(String what, float[] initialOut, Op op) {
        float[][] results = new float[2][];
        Kernels[] backends = {SCALAR, vector};
        for (int b = 0; b < 2; b++) {
            try (Arena arena = Arena.ofConfined()) {
                MemorySegment out = memory.floats(arena, initialOut);
                op.run(backends[b], out, arena);
                results[b] = TestData.floats(out, initialOut.length);
            }
        }
        assertSameBits(what + " F32 n=" + n + " " + memory, results[0], results[1]);
    }

    private void f64(String what, double[] initialOut, Op op) {
        double[][] results = new double[2][];
        Kernels[] backends = {SCALAR, vector};
        for (int b = 0; b < 2; b++) {
            try (Arena arena = Arena.ofConfined()) {
                MemorySegment out = memory.doubles(arena, initialOut);
                op.run(backends[b], out, arena);
                results[b] = TestData.doubles(out, initialOut.length);
            }
        }
        assertSameBits(what + " F64 n=" + n + " " + memory, results[0], results[1]);
    }

    @ParameterizedTest(name = "n={0} {1}")
    @MethodSource("cases")
    void elementWiseF32(int size, Memory mem) {
        n = size;
        memory = mem;
        float[] a = TestData.nastyFloats(1, n);
        float[] b = TestData.nastyFloats(2, n);
        float[] x = TestData.nastyFloats(3, n);
        float[] nonZero = b.clone();
        for (int i = 0; i < n; i++) {
            nonZero[i] = nonZero[i] == 0.0f ? 1.5f : nonZero[i];
        }
        float[] garbage = new float[n];
        Arrays.fill(garbage, Float.NaN);
        for (float c : new float[] {0.75f, -3.0f, 1e-30f, 0.0f}) {
            f32("addScaled c=" + c, garbage, (k, out, ar) -> k.f32().addScaled(out, in(ar, a), c,
                    in(ar, x), n));
            f32("accumulate in place c=" + c, a, (k, acc, ar) -> k.f32().accumulate(acc, c, in(ar, x), n));
            f32("scale c=" + c, garbage, (k, out, ar) -> k.f32().scale(out, c, in(ar, x), n));
        }
        f32("add", garbage, (k, out, ar) -> k.f32().add(out, in(ar, a), in(ar, b), n));
        f32("subtract", garbage, (k, out, ar) -> k.f32().subtract(out, in(ar, a), in(ar, b), n));
        f32("subtract in place", a, (k, out, ar) -> k.f32().subtract(out, out, in(ar, b), n));
        f32("multiply", garbage, (k, out, ar) -> k.f32().multiply(out, in(ar, a), in(ar, x), n));
        f32("divide", garbage, (k, out, ar) -> k.f32().divide(out, in(ar, a), in(ar, nonZero), n));
        f32("sign", garbage, (k, out, ar) -> k.f32().sign(out, in(ar, a), n));
        f32("sign in place", a, (k, out, ar) -> k.f32().sign(out, out, n));
        for (float t : new float[] {0.0f, Float.MIN_VALUE, 1.0f, 1e30f, Math.abs(a[n / 2])}) {
            f32("thresholdKeep t=" + t, garbage, (k, out, ar) -> k.f32().thresholdKeep(out, in(ar, a), t, n));
        }
        for (int inputs : new int[] {0, 1, 2, 3, 4, 5}) {
            float[] c = {0.5f, -1.25f, 2.0f, 1e-3f, -0.0f};
            float[] cs = Arrays.copyOf(c, inputs);
            f32("weightedSum k=" + inputs, garbage, (k, out, ar) -> k.f32().weightedSum(out, cs,
                    Stream.of(a, b, x, a, b).limit(inputs).map(v -> in(ar, v)).toArray(MemorySegment[]::new),
                    n));
        }
        for (int inputs : new int[] {0, 1, 2, 3, 4, 5}) {
            float[] cs = Arrays.copyOf(new float[] {0.5f, -1.25f, 2.0f, 1e-3f, -0.0f}, inputs);
            for (float lambda : new float[] {1.0f, -0.3f, 0.0f}) {
                f32("taskArithmetic k=" + inputs + " λ=" + lambda, garbage, (k, out, ar) -> k.f32().taskArithmetic(
                        out, in(ar, b), cs, Stream.of(a, x, a, x, b).limit(inputs).map(v -> in(ar, v))
                                .toArray(MemorySegment[]::new), lambda, n));
            }
        }
        f32("weightedSum aliasing x0", a, (k, out, ar) -> k.f32().weightedSum(out, new float[] {0.5f, -1.25f, 2.0f},
                new MemorySegment[] {out, in(ar, b), in(ar, x)}, n));
    }

    @ParameterizedTest(name = "n={0} {1}")
    @MethodSource("cases")
    void randomMasksF32(int size, Memory mem) {
        n = size;
        memory = mem;
        float[] x = TestData.nastyFloats(4, n);
        double[] p = probabilities(n);
        for (long first : FIRST_INDICES) {
            for (boolean rescale : new boolean[] {true, false}) {
                for (double q : PROBABILITIES) {
                    f32("randomKeep p=" + q + " first=" + first + " rescale=" + rescale, x, (k, out, ar) ->
                            k.f32().randomKeep(out, in(ar, x), KEY, first, q, rescale, n));
                }
                f32("randomKeep per-element p, first=" + first + " rescale=" + rescale, x, (k, out, ar) ->
                        k.f32().randomKeep(out, out, KEY, first, in(ar, p), rescale, n));
            }
        }
    }

    @ParameterizedTest(name = "n={0} {1}")
    @MethodSource("cases")
    void elementWiseF64(int size, Memory mem) {
        n = size;
        memory = mem;
        double[] a = TestData.nastyDoubles(1, n);
        double[] b = TestData.nastyDoubles(2, n);
        double[] x = TestData.nastyDoubles(3, n);
        double[] nonZero = b.clone();
        for (int i = 0; i < n; i++) {
            nonZero[i] = nonZero[i] == 0.0 ? 1.5 : nonZero[i];
        }
        double[] garbage = new double[n];
        Arrays.fill(garbage, Double.NaN);
        for (double c : new double[] {0.75, -3.0, 1e-300, 0.0}) {
            f64("addScaled c=" + c, garbage, (k, out, ar) -> k.f64().addScaled(out, in(ar, a), c,
                    in(ar, x), n));
            f64("accumulate in place c=" + c, a, (k, acc, ar) -> k.f64().accumulate(acc, c, in(ar, x), n));
            f64("scale c=" + c, garbage, (k, out, ar) -> k.f64().scale(out, c, in(ar, x), n));
        }
        f64("add", garbage, (k, out, ar) -> k.f64().add(out, in(ar, a), in(ar, b), n));
        f64("subtract", garbage, (k, out, ar) -> k.f64().subtract(out, in(ar, a), in(ar, b), n));
        f64("subtract in place", a, (k, out, ar) -> k.f64().subtract(out, out, in(ar, b), n));
        f64("multiply", garbage, (k, out, ar) -> k.f64().multiply(out, in(ar, a), in(ar, x), n));
        f64("divide", garbage, (k, out, ar) -> k.f64().divide(out, in(ar, a), in(ar, nonZero),
                n));
        f64("sign", garbage, (k, out, ar) -> k.f64().sign(out, in(ar, a), n));
        f64("sign in place", a, (k, out, ar) -> k.f64().sign(out, out, n));
        for (double t : new double[] {0.0, Double.MIN_VALUE, 1.0, 1e120, Math.abs(a[n / 2])}) {
            f64("thresholdKeep t=" + t, garbage, (k, out, ar) -> k.f64().thresholdKeep(out, in(ar, a), t,
                    n));
        }
        for (int inputs : new int[] {0, 1, 2, 3, 4, 5}) {
            double[] cs = Arrays.copyOf(new double[] {0.5, -1.25, 2.0, 1e-3, -0.0}, inputs);
            f64("weightedSum k=" + inputs, garbage, (k, out, ar) -> k.f64().weightedSum(out, cs,
                    Stream.of(a, b, x, a, b).limit(inputs).map(v -> in(ar, v)).toArray(MemorySegment[]::new),
                    n));
        }
        for (int inputs : new int[] {0, 1, 2, 3, 4, 5}) {
            double[] cs = Arrays.copyOf(new double[] {0.5, -1.25, 2.0, 1e-3, -0.0}, inputs);
            for (double lambda : new double[] {1.0, -0.3, 0.0}) {
                f64("taskArithmetic k=" + inputs + " λ=" + lambda, garbage, (k, out, ar) -> k.f64().taskArithmetic(
                        out, in(ar, b), cs, Stream.of(a, x, a, x, b).limit(inputs).map(v -> in(ar, v))
                                .toArray(MemorySegment[]::new), lambda, n));
            }
        }
        f64("weightedSum aliasing x0", a, (k, out, ar) -> k.f64().weightedSum(out, new double[] {0.5, -1.25, 2.0},
                new MemorySegment[] {out, in(ar, b), in(ar, x)}, n));
    }

    @ParameterizedTest(name = "n={0} {1}")
    @MethodSource("cases")
    void randomMasksF64(int size, Memory mem) {
        n = size;
        memory = mem;
        double[] x = TestData.nastyDoubles(4, n);
        double[] p = probabilities(n);
        for (long first : FIRST_INDICES) {
            for (boolean rescale : new boolean[] {true, false}) {
                for (double q : PROBABILITIES) {
                    f64("randomKeep p=" + q + " first=" + first + " rescale=" + rescale, x, (k, out, ar) ->
                            k.f64().randomKeep(out, in(ar, x), KEY, first, q, rescale, n));
                }
                f64("randomKeep per-element p, first=" + first + " rescale=" + rescale, x, (k, out, ar) ->
                        k.f64().randomKeep(out, out, KEY, first, in(ar, p), rescale, n));
            }
        }
    }

    @ParameterizedTest(name = "n={0}")
    @MethodSource("io.mergelattice.kernels.TestData#awkward")
    void randomMaskKeepsAboutTheRequestedFraction(int size) {
        // Invariant: the vector path really draws (not all kept / all dropped) – guards against a vacuous comparison.
        if (size < 1000) {
            return;
        }
        float[] ones = new float[size];
        Arrays.fill(ones, 1.0f);
        MemorySegment out = MemorySegment.ofArray(new float[size]);
        vector.f32().randomKeep(out, MemorySegment.ofArray(ones), KEY, 0, 0.3, false, size);
        long kept = 0;
        for (float v : TestData.floats(out, size)) {
            kept += v == 1.0f ? 1 : 0;
        }
        assertThat((double) kept / size).as("kept fraction of %d", size).isBetween(0.2, 0.4);
    }

    /** The in-place array kernels of the streaming blocks: keep masks (integer threshold), finiteness checks. */
    @ParameterizedTest(name = "n={0}")
    @MethodSource("io.mergelattice.kernels.TestData#awkward")
    void arrayKernels(int size) {
        double[] probs = {0.0, 0x1.0p-53, 3 * 0x1.0p-53, 0.1, 0.5, Math.nextDown(0.5), Math.nextUp(0.5), 0.9,
                Math.nextDown(1.0), 1.0};
        for (long first : FIRST_INDICES) {
            for (boolean rescale : new boolean[] {true, false}) {
                for (double q : probs) {
                    String what = "array randomKeep p=" + q + " first=" + first + " rescale=" + rescale + " n=" + size;
                    float[][] f = {TestData.nastyFloats(4, size), TestData.nastyFloats(4, size)};
                    SCALAR.f32().randomKeep(f[0], size, KEY, first, q, rescale);
                    vector.f32().randomKeep(f[1], size, KEY, first, q, rescale);
                    assertSameBits(what, f[0], f[1]);
                    double[][] d = {TestData.nastyDoubles(4, size), TestData.nastyDoubles(4, size)};
                    SCALAR.f64().randomKeep(d[0], size, KEY, first, q, rescale);
                    vector.f64().randomKeep(d[1], size, KEY, first, q, rescale);
                    assertSameBits(what, d[0], d[1]);
                }
            }
        }
        for (int bad = -1; bad < size; bad += Math.max(1, size / 7)) {
            for (double v : new double[] {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NaN}) {
                float[] fx = TestData.nastyFloats(5, size);
                float[] fb = TestData.nastyFloats(6, size);
                double[] dx = TestData.nastyDoubles(5, size);
                double[] db = TestData.nastyDoubles(6, size);
                if (bad >= 0) {
                    fx[bad] = (float) v;
                    dx[bad] = v;
                }
                String what = "finite bad=" + bad + " v=" + v + " n=" + size;
                assertThat(vector.f32().allFinite(fx, size)).as(what).isEqualTo(bad < 0)
                        .isEqualTo(SCALAR.f32().allFinite(fx, size));
                assertThat(vector.f64().allFinite(dx, size)).as(what).isEqualTo(bad < 0)
                        .isEqualTo(SCALAR.f64().allFinite(dx, size));
                float[][] f = new float[2][size];
                double[][] d = new double[2][size];
                long at = bad < 0 ? 0 : 3; // the chunk starts at element 3 of the tensor
                MemorySegment fs = MemorySegment.ofArray(new float[size + 3]);
                MemorySegment ds = MemorySegment.ofArray(new double[size + 3]);
                MemorySegment.copy(fx, 0, fs, Layouts.F32, at * 4, size);
                MemorySegment.copy(dx, 0, ds, Layouts.F64, at * 8, size);
                assertThat(vector.f32().subtractFinite(f[1], fs, at, fb, size)).as(what)
                        .isEqualTo(SCALAR.f32().subtractFinite(f[0], fs, at, fb, size));
                assertThat(vector.f64().subtractFinite(d[1], ds, at, db, size)).as(what)
                        .isEqualTo(SCALAR.f64().subtractFinite(d[0], ds, at, db, size));
                assertSameBits("subtractFinite " + what, f[0], f[1]);
                assertSameBits("subtractFinite " + what, d[0], d[1]);
            }
        }
    }

    /** B1 trim and B3 agreement/normalisation on arrays, with signs, zeros and thresholds equal to elements. */
    @ParameterizedTest(name = "n={0}")
    @MethodSource("io.mergelattice.kernels.TestData#awkward")
    void disjointArrayKernels(int size) {
        float[] x = TestData.nastyFloats(7, size);
        float[] e = TestData.nastyFloats(8, size);
        double[] dx = TestData.nastyDoubles(7, size);
        double[] de = TestData.nastyDoubles(8, size);
        for (int j = 0; j < size; j++) {
            e[j] = Math.signum(e[j]); // elected signs (−1, ±0.0, +1), as the vote produces them
            de[j] = Math.signum(de[j]);
        }
        for (float k : new float[] {0.0f, Float.MIN_VALUE, 1.0f, Math.abs(x[size / 2])}) {
            float[][] f = {x.clone(), x.clone()};
            SCALAR.f32().trim(f[0], k, size);
            vector.f32().trim(f[1], k, size);
            assertSameBits("trim k=" + k + " n=" + size, f[0], f[1]);
            double[][] d = {dx.clone(), dx.clone()};
            SCALAR.f64().trim(d[0], k, size);
            vector.f64().trim(d[1], k, size);
            assertSameBits("trim k=" + k + " n=" + size, d[0], d[1]);
            for (float h : new float[] {Float.POSITIVE_INFINITY, 1.0f, Math.abs(x[size / 3])}) {
                float l = k == 0.0f ? -1.0f : k;
                float[][] fb = {x.clone(), x.clone()};
                SCALAR.f32().band(fb[0], h, l, size);
                vector.f32().band(fb[1], h, l, size);
                assertSameBits("band h=" + h + " l=" + l + " n=" + size, fb[0], fb[1]);
                double[][] db = {dx.clone(), dx.clone()};
                SCALAR.f64().band(db[0], h, l, size);
                vector.f64().band(db[1], h, l, size);
                assertSameBits("band h=" + h + " l=" + l + " n=" + size, db[0], db[1]);
            }
        }
        for (float w : new float[] {0.75f, 1e-30f, 3.0f}) {
            float[][] num = {TestData.nastyFloats(9, size), TestData.nastyFloats(9, size)};
            float[][] den = {e.clone(), e.clone()};
            double[][] dnum = {TestData.nastyDoubles(9, size), TestData.nastyDoubles(9, size)};
            double[][] dden = {de.clone(), de.clone()};
            for (int b = 0; b < 2; b++) {
                Kernels k = b == 0 ? SCALAR : vector;
                k.f32().agree(num[b], den[b], w, x, e, size);
                k.f32().divideByWeights(num[b], den[b], size);
                k.f64().agree(dnum[b], dden[b], w, dx, de, size);
                k.f64().divideByWeights(dnum[b], dden[b], size);
            }
            assertSameBits("agree/divide w=" + w + " n=" + size, num[0], num[1]);
            assertSameBits("agree w=" + w + " n=" + size, den[0], den[1]);
            assertSameBits("agree/divide w=" + w + " n=" + size, dnum[0], dnum[1]);
            assertSameBits("agree w=" + w + " n=" + size, dden[0], dden[1]);
        }
    }

    /** Per-element keep probabilities in [0, 1], including both ends. */
    private static double[] probabilities(int n) {
        SplittableRandom r = new SplittableRandom(n);
        double[] p = new double[n];
        for (int i = 0; i < n; i++) {
            p[i] = switch (r.nextInt(8)) {
                case 0 -> 0.0;
                case 1 -> 1.0;
                default -> r.nextDouble();
            };
        }
        return p;
    }
}
