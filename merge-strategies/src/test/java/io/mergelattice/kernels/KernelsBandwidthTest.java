package io.mergelattice.kernels;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Bandwidth sanity check, off by default (run with {@code -Dmergelattice.bench=true}): the fused weighted sum of
 * k = 3 inputs of 64 Mi floats must move bytes at ≥ 0.8× the rate of a plain segment copy (memcpy), counting 3 reads
 * and 1 write against memcpy's 1 read and 1 write. Best of several runs, after warm-up.
 */
@EnabledIfSystemProperty(named = "mergelattice.bench", matches = "true")
class KernelsBandwidthTest {

    private static final long N = 64L << 20;
    private static final int RUNS = 9;

    @Test
    void weightedSumOfThreeInputsReachesMemcpyBandwidth() {
        Kernels k = KernelSelector.kernels();
        try (Arena arena = Arena.ofShared()) {
            MemorySegment[] x = new MemorySegment[3];
            for (int i = 0; i < 3; i++) {
                x[i] = arena.allocate(N * Float.BYTES, 64);
                for (long j = 0; j < N; j++) {
                    x[i].setAtIndex(Layouts.F32, j, (float) (j % 1000) * (i + 1));
                }
            }
            MemorySegment out = arena.allocate(N * Float.BYTES, 64);
            float[] c = {0.5f, -1.25f, 2.0f};
            // Interleaved runs, best of each: a shared machine's load hits both measurements alike.
            double copy = Double.MAX_VALUE;
            double fused = Double.MAX_VALUE;
            for (int r = 0; r < RUNS; r++) {
                copy = Math.min(copy, best(() -> MemorySegment.copy(x[0], 0, out, 0, N * Float.BYTES), 1));
                fused = Math.min(fused, best(() -> k.f32().weightedSum(out, c, x, N), 1));
            }
            double copyRate = 2.0 * N * Float.BYTES / copy;
            double fusedRate = 4.0 * N * Float.BYTES / fused;
            double sum = best(() -> k.f32().sum(x[0], N), RUNS);
            double scalarSum = best(() -> ScalarKernels.instance().f32().sum(x[0], N), RUNS);
            double mask = best(() -> k.f32().randomKeep(out, x[0], 42L, 0, 0.3, true, N), RUNS);
            System.out.printf("kernels %s: memcpy %.1f GB/s, weightedSum(k=3) %.1f GB/s (%.2f×); "
                    + "sum F32 %.1f GB/s (scalar %.1f GB/s); randomKeep %.1f GB/s%n", k.id(), copyRate / 1e9,
                    fusedRate / 1e9, fusedRate / copyRate, N * 4.0 / sum / 1e9, N * 4.0 / scalarSum / 1e9,
                    N * 8.0 / mask / 1e9);
            assertThat(fusedRate).as("weightedSum vs memcpy bandwidth").isGreaterThanOrEqualTo(0.8 * copyRate);
        }
    }

    private static double best(Runnable r, int runs) {
        double best = Double.MAX_VALUE;
        for (int i = 0; i < runs; i++) {
            long t0 = System.nanoTime();
            r.run();
            best = Math.min(best, (System.nanoTime() - t0) / 1e9);
        }
        return best;
    }
}
