package io.mergelattice.strategies;

import static io.mergelattice.strategies.TiesMergeTest.code;
import static org.assertj.core.api.Assertions.assertThat;

import io.mergelattice.kernels.CounterRng;
import io.mergelattice.kernels.VectorKernels;
import io.mergelattice.strategy.ErrorCode;
import io.mergelattice.tensor.DType;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * dare (strategies spec §3.6) with the block B4 (§2.17): masks from the counter-based generator (§2.10). MergeCall
 * runs with seed = 32 zero bytes, tensor "layer.weight" and the roots 0x11…, 0x22….
 */
class DareMergeTest {
    static final byte[] SEED = new byte[32];

    static byte[] root(int i) {
        byte[] r = new byte[32];
        Arrays.fill(r, (byte) (0x11 * (i + 1)));
        return r;
    }

    static double[] random(SplittableRandom rnd, int d) {
        double[] x = new double[d];
        for (int j = 0; j < d; j++) {
            x[j] = rnd.nextDouble(-2, 2);
        }
        return x;
    }

    @Test
    void theMaskIsTheCounterBasedUniformOfEachElement() throws Exception {
        SplittableRandom rnd = new SplittableRandom(5);
        double[] theta = random(rnd, 64);
        long key = CounterRng.key(SEED, "layer.weight", root(0));
        for (boolean rescale : new boolean[] {true, false}) {
            double[] r = MergeCall.of("dare").add(1.0, theta).base(new double[64]).param("density", 0.5)
                    .param("rescale", rescale).run().values();
            int kept = 0;
            for (int j = 0; j < 64; j++) {
                boolean keep = CounterRng.u(key, j) < 0.5;
                kept += keep ? 1 : 0;
                assertThat(r[j]).as("element %d", j).isEqualTo(keep ? (rescale ? theta[j] / 0.5 : theta[j]) : 0.0);
            }
            assertThat(kept).isBetween(16, 48);
        }
    }

    @Test
    void densityOneIsTaskArithmeticInBothPrecisions() throws Exception {
        SplittableRandom rnd = new SplittableRandom(6);
        for (DType t : new DType[] {DType.F32, DType.F64}) {
            double[] a = random(rnd, 5000);
            double[] b = random(rnd, 5000);
            double[] base = random(rnd, 5000);
            double[] dare = MergeCall.of("dare").dtype(t).add(0.5, a).add(-2.0, b).base(base).param("density", 1.0)
                    .param("lambda", 0.7).run(VectorKernels.instance()).values();
            double[] ta = MergeCall.of("task_arithmetic").dtype(t).add(0.5, a).add(-2.0, b).base(base)
                    .param("lambda", 0.7).run().values();
            assertThat(dare).as("%s", t).containsExactly(ta);
        }
    }

    @Test
    void dropRateIsOneMinusDensity() throws Exception {
        SplittableRandom rnd = new SplittableRandom(7);
        double[] a = random(rnd, 100);
        assertThat(MergeCall.of("dare").add(1.0, a).base(new double[100]).param("drop_rate", 0.5).run().values())
                .containsExactly(MergeCall.of("dare").add(1.0, a).base(new double[100]).param("density", 0.5).run()
                        .values());
        code(() -> MergeCall.of("dare").add(1.0, a).base(new double[100]).param("drop_rate", 1.0).run(),
                ErrorCode.INVALID_PARAMETER);
        code(() -> MergeCall.of("dare").add(1.0, a).base(new double[100]).param("seed", 42L).run(),
                ErrorCode.UNKNOWN_PARAMETER);
    }

    @Test
    void rawWeightsMayBeNegative() throws Exception {
        // acc = 2 · (1.5 − 0.5) + (−1) · (1.0 − 0.5) = 1.5, r = 0.5 + 1.5.
        assertThat(MergeCall.of("dare").add(2.0, 1.5).add(-1.0, 1.0).base(0.5).param("density", 1.0).run()
                .values()).containsExactly(2.0);
    }

    @Test
    void overflowIsAnError() {
        double[] huge = new double[64];
        Arrays.fill(huge, 3e38);
        // Survivors are rescaled to 6e38, beyond F32.
        code(() -> MergeCall.of("dare").dtype(DType.F32).add(1.0, huge).base(new double[64]).param("density", 0.5)
                .run(), ErrorCode.NON_FINITE_RESULT);
        // τ itself overflows; with this density every element is dropped, which must not hide it (§2.13).
        double[] minus = new double[64];
        Arrays.fill(minus, -3e38);
        code(() -> MergeCall.of("dare").dtype(DType.F32).add(1.0, huge).base(minus).param("density", 1e-12).run(),
                ErrorCode.NON_FINITE_RESULT);
    }
}
