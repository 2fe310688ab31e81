package io.mergelattice.cli;

import io.mergelattice.identity.Sha256;
import io.mergelattice.kernels.KernelSelector;
import io.mergelattice.kernels.Kernels;
import io.mergelattice.kernels.Layouts;
import io.mergelattice.kernels.ScalarKernels;
import io.mergelattice.model.ContentRoots;
import io.mergelattice.safetensors.SafetensorsModel;
import java.io.IOException;
import java.io.PrintStream;
import java.io.RandomAccessFile;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * {@code ./mergelattice bench}: speed and memory figures with a baseline measured in the same run. Figures are
 * printed, never asserted. Traffic rates count bytes read plus bytes written.
 */
final class Bench {
    private Bench() {
    }

    record Options(String mode, long copyBytes, long accElements, long hashBytes, long smallFile, long bigFile,
            int reps, Path dir, int size, List<String> only) {
    }

    static int run(String[] args, PrintStream out, PrintStream err) throws Exception {
        Options o = parse(args);
        Files.createDirectories(o.dir());
        Kernels kernels = KernelSelector.kernels();
        out.printf("MergeLattice bench — %d cores, max heap %d MiB, kernels: %s, reps: %d (best of)%n",
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20, kernels.id(),
                o.reps());
        double copy = copyBandwidth(o, out);
        switch (o.mode()) {
            case "strategies" -> StrategyBench.run(o.size(), o.size(), Math.min(o.size(), 128), o.reps(), o.only(),
                    kernels, out);
            case "merge" -> MergeBench.run(o.dir(), o.bigFile(), out);
            case "crdt" -> io.mergelattice.crdt.bench.CrdtBench.main(new String[0]);
            default -> {
                weightedAccumulation(o, kernels, copy, out);
                hashing(o, out);
                peakHeap(o, out);
            }
        }
        return 0;
    }

    private static Options parse(String[] args) throws UsageException {
        boolean quick = false;
        int reps = -1; // default: 5, or 12 for strategies (the JIT needs ~8 merges to settle on each strategy)
        String mode = "foundation";
        int size = 4096;
        List<String> only = new java.util.ArrayList<>();
        Path dir = Path.of(System.getProperty("java.io.tmpdir"), "mergelattice-bench");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--quick" -> quick = true;
                case "--reps" -> reps = Args.positiveInt(Args.value(args, ++i, "--reps"), "--reps");
                case "--dir" -> dir = Path.of(Args.value(args, ++i, "--dir"));
                case "--size" -> size = Args.positiveInt(Args.value(args, ++i, "--size"), "--size");
                case "--only" -> only.addAll(List.of(Args.value(args, ++i, "--only").split(",")));
                case "foundation", "strategies", "merge", "crdt" -> mode = args[i];
                case "--help", "-h" -> throw new UsageException(
                        "usage: ./mergelattice bench [foundation|strategies|merge|crdt] [--quick] [--reps N] [--dir DIR]"
                        + " [--size N] [--only id,id]  (DIR holds up to 8 GiB of scratch files)");
                default -> throw new UsageException("unknown option '" + args[i] + "' (try --help)");
            }
        }
        if (reps < 0) {
            reps = mode.equals("strategies") ? 12 : 5;
        }
        if (quick) {
            return new Options(mode, 64L << 20, 4L << 20, 64L << 20, 16L << 20, 160L << 20, 2, dir, 512, only);
        }
        return new Options(mode, 1L << 30, 64L << 20, 1L << 30, 256L << 20, 5L << 29, reps, dir, size, only);
    }

    private static double javaCopy = Double.NaN;

    private static void vectorCopy(MemorySegment src, MemorySegment dst, long bytes) {
        var species = jdk.incubator.vector.FloatVector.SPECIES_256;
        var le = java.nio.ByteOrder.LITTLE_ENDIAN;
        for (long off = 0; off < bytes; off += species.vectorByteSize()) {
            jdk.incubator.vector.FloatVector.fromMemorySegment(species, src, off, le).intoMemorySegment(dst, off, le);
        }
    }

    /** The best of {@code runs} timings, in ns, of a {@code MemorySegment.copy} of all of src into dst. */
    static long bestCopyNanos(MemorySegment src, MemorySegment dst, int runs) {
        long best = Long.MAX_VALUE;
        for (int r = 0; r < runs; r++) {
            long t0 = System.nanoTime();
            MemorySegment.copy(src, 0, dst, 0, src.byteSize());
            best = Math.min(best, System.nanoTime() - t0);
        }
        return best;
    }

    /** The baseline: MemorySegment.copy of a pre-touched off-heap buffer. Returns traffic GB/s. */
    private static double copyBandwidth(Options o, PrintStream out) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment src = arena.allocate(o.copyBytes(), 64);
            MemorySegment dst = arena.allocate(o.copyBytes(), 64);
            src.fill((byte) 1);
            dst.fill((byte) 0);
            long best = bestCopyNanos(src, dst, o.reps() + 1);
            double gbs = 2.0 * o.copyBytes() / best;
            out.printf("copy baseline            %6.0f MiB buffer: %7.2f GB/s traffic (%.1f ms)%n",
                    o.copyBytes() / 1048576.0, gbs, best / 1e6);
            // A copy written as a Java vector loop: what Java code can reach (the JDK's bulk copy is native code
            // that may use non-temporal stores, which skip reading the destination first).
            long bestLoop = Long.MAX_VALUE;
            for (int r = 0; r < o.reps() + 1; r++) {
                long t0 = System.nanoTime();
                vectorCopy(src, dst, o.copyBytes());
                bestLoop = Math.min(bestLoop, System.nanoTime() - t0);
            }
            javaCopy = 2.0 * o.copyBytes() / bestLoop;
            out.printf("copy as a Java vector loop, same buffer:   %7.2f GB/s traffic, %.2f × copy (%.1f ms)%n",
                    javaCopy, javaCopy / gbs, bestLoop / 1e6);
            return gbs;
        }
    }

    /** out = Σ_i c_i · x_i over k = 3 inputs (F32), through the selected backend and the scalar oracle. */
    private static void weightedAccumulation(Options o, Kernels kernels, double copy, PrintStream out) {
        int k = 3;
        long n = o.accElements();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment[] x = new MemorySegment[k];
            SplittableRandom rnd = new SplittableRandom(7);
            for (int i = 0; i < k; i++) {
                x[i] = arena.allocate(n * 4, 64);
                for (long j = 0; j < n; j++) {
                    x[i].setAtIndex(Layouts.F32, j, (float) rnd.nextDouble(-1, 1));
                }
            }
            MemorySegment acc = arena.allocate(n * 4, 64);
            acc.fill((byte) 0); // pre-touched: page faults are not what we measure
            float[] c = {0.25f, 0.5f, 0.25f};
            for (Kernels kk : new Kernels[] {kernels, ScalarKernels.instance()}) {
                long best = Long.MAX_VALUE;
                for (int r = 0; r < o.reps() + 1; r++) {
                    long t0 = System.nanoTime();
                    kk.f32().weightedSum(acc, c, x, n);
                    best = Math.min(best, System.nanoTime() - t0);
                }
                double gbs = (k + 1) * 4.0 * n / best;
                out.printf("weighted accumulation    k=%d × %d Mi F32 [%s]: %7.2f GB/s traffic, %.2f × copy "
                        + "(target ≥ 0.8), %.2f × the Java copy loop (%.1f ms)%n", k, n >> 20, kk.id(), gbs,
                        gbs / copy, gbs / javaCopy, best / 1e6);
                if (kk == ScalarKernels.instance()) {
                    break;
                }
            }
        }
    }

    /** Content-root hashing of a safetensors file vs raw MessageDigest over the same mapped bytes. */
    private static void hashing(Options o, PrintStream out) throws IOException {
        Path file = o.dir().resolve("hash-bench.safetensors");
        writeSafetensors(file, o.hashBytes(), true);
        try (SafetensorsModel model = SafetensorsModel.open(file)) {
            String name = model.tensors().getFirst().name();
            MemorySegment data = model.data(name);
            long bestRaw = Long.MAX_VALUE;
            long bestRoot = Long.MAX_VALUE;
            for (int r = 0; r < o.reps() + 1; r++) {
                long t0 = System.nanoTime();
                MessageDigest md = Sha256.newDigest();
                for (long off = 0; off < data.byteSize(); off += 1 << 20) {
                    md.update(data.asSlice(off, Math.min(1 << 20, data.byteSize() - off)).asByteBuffer());
                }
                md.digest();
                long t1 = System.nanoTime();
                ContentRoots.verifyAndHash(model);
                long t2 = System.nanoTime();
                bestRaw = Math.min(bestRaw, t1 - t0);
                bestRoot = Math.min(bestRoot, t2 - t1);
            }
            double raw = data.byteSize() / (double) bestRaw;
            double root = data.byteSize() / (double) bestRoot;
            out.printf("content-root hashing     %6.0f MiB file: %7.2f GB/s (finite check + Merkle), raw SHA-256 "
                    + "%7.2f GB/s, ratio %.2f (target ≥ 0.85)%n", data.byteSize() / 1048576.0, root, raw, root / raw);
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /** Peak heap while verifying and hashing a small and a large (≥ 2 GiB) file: independent of file size. */
    private static void peakHeap(Options o, PrintStream out) throws IOException {
        long[] sizes = {o.smallFile(), o.bigFile()};
        long[] peaks = new long[2];
        for (int s = 0; s < 2; s++) {
            Path file = o.dir().resolve("heap-bench-" + s + ".safetensors");
            writeSafetensors(file, sizes[s], false); // sparse: reads as zeros without disk traffic
            try {
                System.gc();
                long idle = heapUsed();
                resetPeaks();
                long t0 = System.nanoTime();
                try (SafetensorsModel model = SafetensorsModel.open(file)) {
                    ContentRoots.verifyAndHash(model);
                }
                long ms = (System.nanoTime() - t0) / 1_000_000;
                peaks[s] = peakHeap();
                out.printf("peak heap reading        %6.2f GiB file: %6.1f MiB peak heap in use (idle heap %.1f MiB)"
                        + " (%d ms)%n", sizes[s] / (double) (1L << 30), peaks[s] / 1048576.0, idle / 1048576.0, ms);
            } finally {
                Files.deleteIfExists(file);
            }
        }
        out.printf("peak heap ratio          large/small file: %.2f for a %.0f× larger file (target: independent "
                + "of file size)%n", peaks[1] / (double) peaks[0], sizes[1] / (double) sizes[0]);
    }

    /** A one-tensor U8/F32 safetensors file; random data, or a sparse file of zeros. */
    private static void writeSafetensors(Path file, long bytes, boolean random) throws IOException {
        String header = "{\"weight\":{\"dtype\":\"F32\",\"shape\":[" + bytes / 4 + "],\"data_offsets\":[0," + bytes
                + "]}}";
        byte[] h = header.getBytes(StandardCharsets.UTF_8);
        int padded = (h.length + 7) / 8 * 8;
        byte[] head = new byte[8 + padded];
        Arrays.fill(head, 8, head.length, (byte) ' ');
        System.arraycopy(h, 0, head, 8, h.length);
        for (int i = 0; i < 8; i++) {
            head[i] = (byte) ((long) padded >>> (8 * i));
        }
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.setLength(0);
            f.write(head);
            if (random) {
                byte[] block = new byte[1 << 20];
                SplittableRandom rnd = new SplittableRandom(11);
                for (long off = 0; off < bytes; off += block.length) {
                    for (int j = 0; j < block.length; j += 4) {
                        int bits = Float.floatToRawIntBits((float) rnd.nextDouble(-1, 1));
                        block[j] = (byte) bits;
                        block[j + 1] = (byte) (bits >>> 8);
                        block[j + 2] = (byte) (bits >>> 16);
                        block[j + 3] = (byte) (bits >>> 24);
                    }
                    f.write(block, 0, (int) Math.min(block.length, bytes - off));
                }
            }
            f.setLength(head.length + bytes);
        }
    }

    private static void resetPeaks() {
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                pool.resetPeakUsage();
            }
        }
    }

    private static long peakHeap() {
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                sum += pool.getPeakUsage().getUsed();
            }
        }
        return sum;
    }

    private static long heapUsed() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
