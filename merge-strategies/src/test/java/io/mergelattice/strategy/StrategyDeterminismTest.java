package io.mergelattice.strategy;

import static org.assertj.core.api.Assertions.assertThat;

import io.mergelattice.identity.Hash32;
import io.mergelattice.identity.Sha256;
import io.mergelattice.kernels.Kernels;
import io.mergelattice.kernels.ScalarKernels;
import io.mergelattice.kernels.VectorKernels;
import io.mergelattice.tensor.DType;
import java.lang.foreign.Arena;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Determinism and robustness of every registered strategy (strategies spec §2.12–§2.14), on inputs the goldens do
 * not cover: awkward shapes, both precisions, shuffled arrival order, scalar vs Vector API kernels, zero weights,
 * n = 1, with and without a base, and adversarial values (zero, antipodal, constant, subnormal, huge).
 */
class StrategyDeterminismTest {
    private static final Hash32 SEED = Sha256.hash((byte) 0x07, "determinism".getBytes());
    private static final List<long[]> SHAPES = List.of(new long[] {7, 13}, new long[] {4098}, new long[] {3, 2, 5},
            new long[] {1}, new long[] {});

    record Case(String name, DType dtype, long[] shape, List<double[]> thetas, double[] weights, double[] base) {
    }

    @TestFactory
    Stream<DynamicTest> everyStrategy() {
        List<DynamicTest> tests = new ArrayList<>();
        for (MergeStrategy s : StrategyRegistry.all()) {
            String id = s.info().id();
            tests.add(DynamicTest.dynamicTest(id + ": shuffled order and both backends give identical bytes",
                    () -> orderAndBackends(s)));
            tests.add(DynamicTest.dynamicTest(id + ": a zero weight is the same as leaving the contribution out",
                    () -> zeroWeight(s)));
            tests.add(DynamicTest.dynamicTest(id + ": n = 1, with and without a base", () -> single(s)));
            tests.add(DynamicTest.dynamicTest(id + ": adversarial inputs give finite results or a spec error",
                    () -> adversarial(s)));
            tests.add(DynamicTest.dynamicTest(id + ": computing straight into the output gives the same bytes",
                    () -> direct(s)));
        }
        return tests.stream();
    }

    @org.junit.jupiter.api.Test
    void anOverflowComputedStraightIntoTheOutputIsReportedAsWithoutIt() throws Exception {
        MergeStrategy s = StrategyRegistry.all().stream().filter(x -> x.info().id().equals("task_arithmetic"))
                .findFirst().orElseThrow();
        Params params = Params.validate("task_arithmetic", s.info().params(), s.info().aliases(),
                java.util.Map.of("lambda", 3.0e38));
        Case r = randomCase(new SplittableRandom(3), DType.F32, new long[] {5, 9}, 2);
        List<double[]> far = new ArrayList<>();
        for (double[] t : r.thetas()) {
            far.add(Arrays.stream(t).map(v -> v + 10.0).toArray()); // τ ≈ 10: λ̂ · Σ ĉ_i τ_i overflows F32
        }
        Case c = new Case("overflow", DType.F32, r.shape(), far, r.weights(), r.base());
        List<ContributionInput> in = inputs(c);
        Optional<RawTensor> base = Optional.of(RawTensor.ofDoubles(DType.F32, c.shape(), c.base()));
        String[] messages = new String[2];
        for (int direct = 0; direct < 2; direct++) {
            try (Arena arena = Arena.ofShared()) {
                java.lang.foreign.MemorySegment dst = arena.allocate(45 * 4, 64);
                MergeContext ctx = new MergeContext(SEED, "layer.weight");
                TensorMerger m = new TensorMerger(VectorKernels.instance());
                MergeException e = org.junit.jupiter.api.Assertions.assertThrows(MergeException.class,
                        () -> m.merge(s, params, in, base, ctx, arena, DType.F32, dst));
                if (direct == 0) {
                    e = org.junit.jupiter.api.Assertions.assertThrows(MergeException.class,
                            () -> m.merge(s, params, in, base, ctx, arena));
                }
                assertThat(e.code()).isEqualTo(ErrorCode.NON_FINITE_RESULT);
                messages[direct] = e.getMessage();
            }
        }
        assertThat(messages[1]).isEqualTo(messages[0]).contains("result of task_arithmetic for layer.weight[");
    }

    @org.junit.jupiter.api.Test
    void anOutputThatSharesMemoryWithAnInputIsNotComputedInPlace() throws Exception {
        MergeStrategy s = StrategyRegistry.all().stream().filter(x -> x.info().id().equals("linear")).findFirst()
                .orElseThrow();
        Case c = randomCase(new SplittableRandom(4), DType.F32, new long[] {5, 9}, 3);
        List<ContributionInput> in = inputs(c);
        byte[] reference = run(s, in, c, VectorKernels.instance());
        try (Arena arena = Arena.ofShared()) {
            // Contribution 0's θ lives in native memory, and the caller asks for the result in that very memory.
            java.lang.foreign.MemorySegment shared = arena.allocate(45 * 4, 64);
            for (int j = 0; j < 45; j++) {
                shared.setAtIndex(java.lang.foreign.ValueLayout.JAVA_FLOAT_UNALIGNED, j, (float) c.thetas().get(0)[j]);
            }
            List<ContributionInput> aliased = new ArrayList<>(in);
            ContributionInput first = in.get(0);
            aliased.set(0, new ContributionInput(first.root(), new RawTensor(DType.F32, c.shape(), shared),
                    first.weight()));
            MergeOutcome o = new TensorMerger(VectorKernels.instance()).merge(s, Params.defaults(s.info().params()),
                    aliased, Optional.empty(), new MergeContext(SEED, "layer.weight"), arena, DType.F32, shared);
            assertThat(o.written()).as("computed in scratch, then copied").isFalse();
            OutputConversion.write(o, DType.F32, shared, "layer.weight");
            assertThat(shared.toArray(java.lang.foreign.ValueLayout.JAVA_BYTE)).isEqualTo(reference);
        }
    }

    /** Tensors large enough for the vector backend's window selection (≥ 2^20 elements): still the oracle's bytes. */
    @org.junit.jupiter.api.Test
    void selectionStrategiesOnLargeTensorsMatchTheScalarOracle() throws Exception {
        for (String id : List.of("ties", "model_breadcrumbs")) {
            MergeStrategy s = StrategyRegistry.all().stream().filter(x -> x.info().id().equals(id)).findFirst()
                    .orElseThrow();
            Case c = randomCase(new SplittableRandom(5), DType.F32, new long[] {1024, 1031}, 3);
            List<ContributionInput> in = inputs(c);
            assertThat(run(s, in, c, VectorKernels.instance())).as(id)
                    .isEqualTo(run(s, in, c, ScalarKernels.instance()));
        }
    }

    /** The strategies whose result is computed in the output memory when the output dtype is P. */
    private static final java.util.Set<String> DIRECT = java.util.Set.of("weight_average", "task_arithmetic",
            "linear", "ties", "dare", "della", "dare_ties", "model_breadcrumbs", "negative_merge", "emr");

    private static void direct(MergeStrategy s) throws Exception {
        SplittableRandom rnd = new SplittableRandom(s.info().id().hashCode() + 1);
        for (DType dtype : List.of(DType.F32, DType.F64)) {
            for (long[] shape : SHAPES) {
                Case c = randomCase(rnd, dtype, shape, 3);
                List<ContributionInput> in = inputs(c);
                byte[] reference = run(s, in, c, VectorKernels.instance());
                for (DType out : List.of(dtype, DType.F16)) {
                    try (Arena arena = Arena.ofShared()) {
                        long d = 1;
                        for (long x : shape) {
                            d *= x;
                        }
                        java.lang.foreign.MemorySegment dst = arena.allocate(d * out.byteSize(), 64);
                        dst.fill((byte) 0x5A); // garbage the merge must overwrite completely
                        MergeOutcome o = new TensorMerger(VectorKernels.instance()).merge(s,
                                Params.defaults(s.info().params()), in, Optional.of(RawTensor.ofDoubles(dtype, shape,
                                        c.base())), new MergeContext(SEED, "layer.weight"), arena, out, dst);
                        OutputConversion.write(o, out, dst, "layer.weight");
                        String what = s.info().id() + " " + dtype + Arrays.toString(shape) + " → " + out;
                        if (out == dtype) {
                            assertThat(dst.toArray(java.lang.foreign.ValueLayout.JAVA_BYTE)).as(what)
                                    .isEqualTo(reference);
                        }
                        // The direct path runs exactly where it can: same dtype, a strategy that computes in place.
                        assertThat(o.written()).as(what).isEqualTo(out == dtype && d > 0
                                && DIRECT.contains(s.info().id()));
                    }
                }
            }
        }
    }

    private static void orderAndBackends(MergeStrategy s) throws Exception {
        SplittableRandom rnd = new SplittableRandom(s.info().id().hashCode());
        for (DType dtype : List.of(DType.F32, DType.F64)) {
            for (long[] shape : SHAPES) {
                Case c = randomCase(rnd, dtype, shape, 3);
                List<ContributionInput> in = inputs(c);
                byte[] reference = run(s, in, c, ScalarKernels.instance());
                List<ContributionInput> shuffled = new ArrayList<>(in);
                Collections.reverse(shuffled);
                Collections.swap(shuffled, 0, 1);
                assertThat(run(s, shuffled, c, ScalarKernels.instance())).as("%s %s%s shuffled", s.info().id(),
                        dtype, Arrays.toString(shape)).isEqualTo(reference);
                if (s.info().determinismClass() == DeterminismClass.E) {
                    assertThat(run(s, shuffled, c, VectorKernels.instance())).as("%s %s%s vector", s.info().id(),
                            dtype, Arrays.toString(shape)).isEqualTo(reference);
                }
            }
        }
    }

    private static void zeroWeight(MergeStrategy s) throws Exception {
        SplittableRandom rnd = new SplittableRandom(17);
        Case c = randomCase(rnd, DType.F32, new long[] {5, 6}, 3);
        Case dropped = new Case(c.name(), c.dtype(), c.shape(), c.thetas().subList(0, 2),
                Arrays.copyOf(c.weights(), 2), c.base());
        double[] w = c.weights().clone();
        w[2] = 0.0;
        Case zero = new Case(c.name(), c.dtype(), c.shape(), c.thetas(), w, c.base());
        List<ContributionInput> zeroIn = inputs(zero);
        List<ContributionInput> droppedIn = inputs(dropped);
        assertThat(run(s, zeroIn, zero, ScalarKernels.instance()))
                .isEqualTo(run(s, droppedIn, dropped, ScalarKernels.instance()));
    }

    private static void single(MergeStrategy s) throws Exception {
        SplittableRandom rnd = new SplittableRandom(23);
        Case c = randomCase(rnd, DType.F64, new long[] {4, 4}, 1);
        assertThat(run(s, inputs(c), c, ScalarKernels.instance())).isNotEmpty();
        if (s.info().baseMode() == BaseMode.OPTIONAL || s.info().baseMode() == BaseMode.NOT_USED) {
            Case noBase = new Case(c.name(), c.dtype(), c.shape(), c.thetas(), c.weights(), null);
            Params p = Params.defaults(s.info().params());
            if (!s.requiresBase(p)) {
                assertThat(run(s, inputs(noBase), noBase, ScalarKernels.instance())).isNotEmpty();
            }
        }
    }

    private static void adversarial(MergeStrategy s) throws Exception {
        for (DType dtype : List.of(DType.F32, DType.F64)) {
            double huge = dtype == DType.F32 ? 3e38 : 1.7e308;
            double tiny = dtype == DType.F32 ? 1.4e-45 : 4.9e-324;
            double[] x = {1, -2, 0.5, 3, -1, 0.25};
            double[] neg = Arrays.stream(x).map(v -> -v).toArray();
            List<List<double[]>> sets = List.of(
                    List.of(new double[6], new double[6], new double[6]),               // zero vectors
                    List.of(x, neg, x.clone()),                                          // antipodal
                    List.of(fill(2.5), fill(2.5), fill(-1)),                             // constant tensors
                    List.of(fill(tiny), fill(-tiny), fill(2 * tiny)),                     // subnormals
                    List.of(fill(huge), fill(-huge), fill(huge)),                         // huge magnitudes
                    List.of(x, x.clone(), x.clone()));                                   // identical
            for (List<double[]> thetas : sets) {
                for (double[] base : new double[][] {null, new double[6], fill(huge / 2)}) {
                    if (base == null && s.requiresBase(Params.defaults(s.info().params()))) {
                        continue;
                    }
                    Case c = new Case("adversarial", dtype, new long[] {2, 3}, thetas, new double[] {1, 1, 1}, base);
                    try {
                        byte[] r = run(s, inputs(c), c, ScalarKernels.instance());
                        assertThat(r).isNotEmpty();
                    } catch (MergeException e) {
                        assertThat(e.code()).as("%s on %s", s.info().id(), Arrays.deepToString(thetas.toArray()))
                                .isIn(ErrorCode.NON_FINITE_RESULT, ErrorCode.NUMERICAL_FAILURE);
                    }
                }
            }
        }
    }

    private static double[] fill(double v) {
        double[] a = new double[6];
        Arrays.fill(a, v);
        return a;
    }

    private static Case randomCase(SplittableRandom rnd, DType dtype, long[] shape, int n) {
        int d = 1;
        for (long s : shape) {
            d *= (int) s;
        }
        List<double[]> thetas = new ArrayList<>();
        double[] base = new double[d];
        for (int j = 0; j < d; j++) {
            base[j] = rnd.nextGaussian() * 0.1;
        }
        for (int i = 0; i < n; i++) {
            double[] t = new double[d];
            for (int j = 0; j < d; j++) {
                t[j] = base[j] + rnd.nextGaussian() * 0.05;
            }
            thetas.add(t);
        }
        double[] w = new double[n];
        for (int i = 0; i < n; i++) {
            w[i] = 0.5 + i;
        }
        return new Case("random", dtype, shape, thetas, w, base);
    }

    /** Contribution ids from content, as the service derives them. */
    private static List<ContributionInput> inputs(Case c) {
        List<ContributionInput> in = new ArrayList<>();
        for (int i = 0; i < c.thetas().size(); i++) {
            RawTensor t = RawTensor.ofDoubles(c.dtype(), c.shape(), c.thetas().get(i));
            Hash32 root = Sha256.hash((byte) 0x04, new byte[] {(byte) i}, c.name().getBytes());
            in.add(new ContributionInput(root, t, c.weights()[i]));
        }
        return in;
    }

    private static byte[] run(MergeStrategy s, List<ContributionInput> in, Case c, Kernels k) throws Exception {
        Optional<RawTensor> base = c.base() == null ? Optional.empty()
                : Optional.of(RawTensor.ofDoubles(c.dtype(), c.shape(), c.base()));
        try (Arena arena = Arena.ofConfined()) {
            MergeOutcome out = new TensorMerger(k).merge(s, Params.defaults(s.info().params()), in, base,
                    new MergeContext(SEED, "layer.weight"), arena);
            long bytes = 1;
            for (long d : c.shape()) {
                bytes *= d;
            }
            java.lang.foreign.MemorySegment dst = java.lang.foreign.MemorySegment.ofArray(
                    new byte[(int) bytes * c.dtype().byteSize()]);
            OutputConversion.write(out, c.dtype(), dst, "layer.weight");
            return dst.toArray(java.lang.foreign.ValueLayout.JAVA_BYTE);
        }
    }
}
