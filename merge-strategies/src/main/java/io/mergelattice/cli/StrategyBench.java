package io.mergelattice.cli;

import io.mergelattice.identity.Hash32;
import io.mergelattice.identity.Sha256;
import io.mergelattice.kernels.Kernels;
import io.mergelattice.kernels.Layouts;
import io.mergelattice.strategy.ContributionInput;
import io.mergelattice.strategy.DeterminismClass;
import io.mergelattice.strategy.MergeContext;
import io.mergelattice.strategy.MergeOutcome;
import io.mergelattice.strategy.MergeStrategy;
import io.mergelattice.strategy.OutputConversion;
import io.mergelattice.strategy.Params;
import io.mergelattice.strategy.RawTensor;
import io.mergelattice.strategy.ScratchArena;
import io.mergelattice.strategy.StrategyRegistry;
import io.mergelattice.strategy.TensorMerger;
import io.mergelattice.tensor.DType;
import java.io.PrintStream;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * {@code ./mergelattice bench strategies}: every strategy on k = 3 contributions of rows × cols F32 (default
 * 4096 × 4096) plus a base, with default parameters; wall time (best of reps), traffic (inputs read + output
 * written) in GB/s and its ratio to a copy measured in the same run right before that strategy (so that the
 * machine's drift over a run does not skew the ratios). Class-S strategies run on a smaller matrix
 * (their reference SVD is O(n³) per sweep; spec §2.12), which the table says.
 */
final class StrategyBench {
    private StrategyBench() {
    }

    /** Untimed runs of every selected strategy on a small matrix first, so no figure includes JIT compilation. */
    private static final int WARM_UP_SIZE = 256;
    private static final int WARM_UP_REPS = 40;

    static void run(int rows, int cols, int sRows, int reps, List<String> only, Kernels kernels, PrintStream out)
            throws Exception {
        List<MergeStrategy> selected = new ArrayList<>();
        for (MergeStrategy s : StrategyRegistry.all()) {
            if (only.isEmpty() || only.contains(s.info().id())) {
                selected.add(s);
            }
        }
        for (MergeStrategy s : selected) {
            if (s.info().determinismClass() != DeterminismClass.S) {
                measure(s, WARM_UP_SIZE, WARM_UP_SIZE, WARM_UP_REPS, kernels);
            }
        }
        out.printf("%-24s %-5s %-12s %10s %10s %8s %10s%n", "strategy", "class", "shape", "ms", "GB/s", "× copy",
                "copy GB/s");
        try (Arena arena = Arena.ofShared()) {
            // The machine's speed drifts over a run: each ratio is to a copy measured right before its strategy
            // (256 MiB, best of 5), the figure printed last; the header's 1 GiB copy is the run's overall baseline.
            long copyBytes = 256L << 20;
            MemorySegment src = arena.allocate(copyBytes, 64).fill((byte) 1);
            MemorySegment dst = arena.allocate(copyBytes, 64).fill((byte) 0);
            for (MergeStrategy s : selected) {
                boolean classS = s.info().determinismClass() == DeterminismClass.S;
                int r = classS ? sRows : rows;
                int c = classS ? sRows : cols;
                double copyHere = 2.0 * copyBytes / Bench.bestCopyNanos(src, dst, 5);
                long best = measure(s, r, c, classS ? 1 : reps + 1, kernels);
                Params params = Params.defaults(s.info().params());
                boolean readsBase = s.readsBase(params, java.util.Set.of());
                double traffic = (3 + (readsBase ? 1 : 0) + 1) * 4.0 * r * c;
                double gbs = traffic / best;
                out.printf("%-24s %-5s %-12s %10.1f %10.2f %8.2f %10.2f%n", s.info().id(),
                        s.info().determinismClass(), r + "×" + c, best / 1e6, gbs, gbs / copyHere, copyHere);
            }
        }
    }

    /** The best wall time in ns of {@code runs} merges (k = 3 plus a base, default parameters) with the output write. */
    private static long measure(MergeStrategy s, int r, int c, int runs, Kernels kernels) throws Exception {
        try (Arena arena = Arena.ofShared()) {
            long d = (long) r * c;
            SplittableRandom rnd = new SplittableRandom(42);
            MemorySegment base = random(arena, d, rnd, 0, null);
            List<ContributionInput> in = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                in.add(new ContributionInput(Sha256.hash((byte) 4, new byte[] {(byte) i}),
                        new RawTensor(DType.F32, new long[] {r, c}, random(arena, d, rnd, 0.01, base)), 1.0));
            }
            RawTensor b = new RawTensor(DType.F32, new long[] {r, c}, base);
            MemorySegment output = arena.allocate(d * 4, 64);
            output.fill((byte) 0);
            Params params = Params.defaults(s.info().params());
            TensorMerger merger = new TensorMerger(kernels);
            Hash32 seed = Sha256.hash((byte) 7, "bench".getBytes());
            long best = Long.MAX_VALUE;
            ScratchArena scratch = new ScratchArena(); // recycled across reps, as the runner does per tensor
            for (int rep = 0; rep < runs; rep++) {
                try (scratch) {
                    long t0 = System.nanoTime();
                    MergeOutcome o = merger.merge(s, params, in, Optional.of(b), new MergeContext(seed,
                            "bench.weight"), scratch, DType.F32, output); // as the runner: straight into the output
                    OutputConversion.write(o, DType.F32, output, "bench.weight");
                    best = Math.min(best, System.nanoTime() - t0);
                }
            }
            scratch.release();
            return best;
        }
    }

    /** base + noise (or noise alone), as little-endian floats, pre-touched. */
    private static MemorySegment random(Arena arena, long d, SplittableRandom rnd, double scale, MemorySegment base) {
        MemorySegment seg = arena.allocate(d * 4, 64);
        for (long j = 0; j < d; j++) {
            double v = base == null ? rnd.nextGaussian() * 0.02 : base.getAtIndex(Layouts.F32, j)
                    + rnd.nextGaussian() * scale;
            seg.setAtIndex(Layouts.F32, j, (float) v);
        }
        return seg;
    }
}
