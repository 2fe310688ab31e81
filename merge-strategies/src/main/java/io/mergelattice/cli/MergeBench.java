package io.mergelattice.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code ./mergelattice bench merge}: the big case of the streaming runner. Writes a base and three synthetic F32
 * models of {@code modelBytes} each (default 2.5 GiB: 20 tensors of 128 MiB), then runs {@code merge --strategy
 * ties} in a child JVM limited to {@code -Xmx1g} and reports its wall time, throughput and peak resident memory.
 */
final class MergeBench {
    private static final long TENSOR_BYTES = 128L << 20;

    private MergeBench() {
    }

    static void run(Path dir, long modelBytes, PrintStream out) throws Exception {
        Path work = dir.resolve("merge-bench");
        Files.createDirectories(work);
        try {
            int tensors = (int) Math.max(1, modelBytes / TENSOR_BYTES);
            List<Path> models = new ArrayList<>();
            long t0 = System.nanoTime();
            for (int m = 0; m < 4; m++) {
                models.add(write(work.resolve((m == 0 ? "base" : "model-" + m) + ".safetensors"), tensors, m));
            }
            out.printf("wrote 4 models of %.2f GiB (%d tensors of %d MiB) in %.1f s%n",
                    tensors * (double) TENSOR_BYTES / (1L << 30), tensors, TENSOR_BYTES >> 20,
                    (System.nanoTime() - t0) / 1e9);
            String java = ProcessHandle.current().info().command().orElse("java");
            List<String> cmd = new ArrayList<>(List.of(java, "-Xmx1g", "--add-modules", "jdk.incubator.vector",
                    "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                    "io.mergelattice.cli.Main", "merge", "--strategy", "ties", "--base", models.get(0).toString(),
                    "-o", work.resolve("out").toString()));
            models.subList(1, 4).forEach(p -> cmd.add(p.toString()));
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            long peakRss = 0;
            long start = System.nanoTime();
            StringBuilder log = new StringBuilder();
            try (var reader = p.inputReader()) {
                Thread drain = Thread.ofVirtual().start(() -> reader.lines().forEach(l -> {
                    synchronized (log) {
                        log.append(l).append('\n');
                    }
                }));
                while (p.isAlive()) {
                    peakRss = Math.max(peakRss, rssKiB(p.pid()));
                    Thread.sleep(50);
                }
                drain.join();
            }
            double secs = (System.nanoTime() - start) / 1e9;
            double read = 4.0 * tensors * TENSOR_BYTES;
            out.printf("merge (ties, k=3 + base) in a -Xmx1g JVM: exit %d, %.1f s, %.2f GB/s of input, peak RSS "
                    + "%.0f MiB (mapped file pages included)%n", p.exitValue(), secs, read / secs / 1e9,
                    peakRss / 1024.0);
            if (p.exitValue() != 0) {
                out.print(log);
            }
        } finally {
            try (var walk = Files.walk(work)) {
                for (Path f : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(f);
                }
            }
        }
    }

    private static long rssKiB(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("\\D", ""));
                }
            }
        } catch (IOException | RuntimeException e) {
            return 0; // the process has exited
        }
        return 0;
    }

    private static Path write(Path file, int tensors, int seed) throws IOException {
        return SyntheticModels.writeRandom(file, tensors, 8192, TENSOR_BYTES / 4 / 8192, seed);
    }

}
