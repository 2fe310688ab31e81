package io.mergelattice.strategies;

import static org.assertj.core.api.Assertions.assertThat;

import io.mergelattice.kernels.KernelSelector;
import io.mergelattice.kernels.Kernels;
import io.mergelattice.kernels.Parallel;
import io.mergelattice.kernels.ScalarKernels;
import io.mergelattice.strategy.ErrorCode;
import io.mergelattice.strategy.MergeException;
import io.mergelattice.tensor.DType;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Spec §2.12: the streamed strategies and the selections split one tensor over threads ({@link Parallel}); the
 * result bytes must not depend on the thread count, on either backend, in F32 and F64, nor must the error of a
 * non-finite task vector.
 */
class ParallelDeterminismTest {
    private static final long ROWS = 24;
    private static final long COLS = 4000; // 96 000 elements: 24 chunks of 4096 (the last partial), 24 rows

    @AfterEach
    void restore() {
        System.clearProperty(Parallel.PROPERTY);
    }

    @ParameterizedTest
    @ValueSource(strings = {"weight_average", "task_arithmetic", "ties", "dare", "della", "dare_ties",
        "model_breadcrumbs", "emr", "negative_merge"})
    void sameBitsOnOneAndManyThreads(String id) throws MergeException {
        for (Kernels k : new Kernels[] {ScalarKernels.instance(), KernelSelector.kernels()}) {
            for (DType t : new DType[] {DType.F32, DType.F64}) {
                double[] one = run(id, t, k, 1);
                assertThat(run(id, t, k, 3)).as("%s %s %s, 3 threads: 3 parts of 8 chunks (or rows)", id, t,
                        k.id()).containsExactly(one);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"ties", "dare", "model_breadcrumbs", "emr", "negative_merge"})
    void sameErrorOnOneAndManyThreads(String id) {
        String[] messages = new String[2];
        for (int threads : new int[] {1, 4}) {
            System.setProperty(Parallel.PROPERTY, Integer.toString(threads));
            MergeCall call = call(id, DType.F32, true);
            try {
                call.run(KernelSelector.kernels());
            } catch (MergeException e) {
                assertThat(e.code()).isEqualTo(ErrorCode.NON_FINITE_RESULT);
                messages[threads == 1 ? 0 : 1] = e.getMessage();
            }
        }
        assertThat(messages[0]).isNotNull().isEqualTo(messages[1]);
    }

    private static double[] run(String id, DType t, Kernels k, int threads) throws MergeException {
        System.setProperty(Parallel.PROPERTY, Integer.toString(threads));
        return call(id, t, false).run(k).values();
    }

    /** Three contributions and a base (F32 inputs when {@code overflow}, with τ_1 overflowing in two places). */
    private static MergeCall call(String id, DType t, boolean overflow) {
        SplittableRandom rnd = new SplittableRandom(11);
        int d = (int) (ROWS * COLS);
        double[] base = new double[d];
        for (int j = 0; j < d; j++) {
            base[j] = rnd.nextGaussian() * 0.02;
        }
        MergeCall c = MergeCall.of(id).dtype(t).shape(ROWS, COLS).base(base);
        for (int i = 0; i < 3; i++) {
            double[] theta = new double[d];
            for (int j = 0; j < d; j++) {
                theta[j] = base[j] + (j % 97 == 0 ? 0.0 : rnd.nextGaussian() * 0.01);
            }
            if (i == 1 && overflow) { // τ_1 = 6e38 overflows F32 in chunks of different parts
                theta[40_000] = 3e38;
                theta[90_000] = 3e38;
                base[40_000] = -3e38;
                base[90_000] = -3e38;
            }
            c.add(1.0 + i, theta);
        }
        return c;
    }
}
