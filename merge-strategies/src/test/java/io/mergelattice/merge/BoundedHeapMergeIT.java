package io.mergelattice.merge;

import static org.assertj.core.api.Assertions.assertThat;

import io.mergelattice.cli.SyntheticModels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Big models are normal: the runner streams tensor by tensor through memory maps, so the heap does not grow with
 * the model. A base and three 256 MiB models (768 MiB of contributions) merge with ties in a child JVM whose heap
 * is capped at 64 MiB, a twelfth of the input; `./mergelattice bench merge` shows the 3 × 2.5 GiB case at -Xmx1g.
 */
class BoundedHeapMergeIT {
    private static final int TENSORS = 16;
    private static final long TENSOR_FLOATS = 4L << 20; // 16 MiB per tensor, 256 MiB per model

    @TempDir
    Path dir;

    @Test
    void mergesModelsTwelveTimesLargerThanTheHeap() throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx64m", "--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"), "io.mergelattice.cli.Main", "merge",
                "--strategy", "ties", "--threads", "2", "--base", write("base", 0).toString(),
                "-o", dir.resolve("out").toString()));
        for (int m = 1; m <= 3; m++) {
            cmd.add(write("m" + m, m).toString());
        }
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(dir.resolve("log.txt").toFile()).start();
        assertThat(p.waitFor(5, TimeUnit.MINUTES)).as("the merge finishes").isTrue();
        String log = Files.readString(dir.resolve("log.txt"));
        assertThat(p.exitValue()).as(log).isZero();
        assertThat(log).contains("merged " + TENSORS + " tensors", "output root: ");
        assertThat(Files.size(dir.resolve("out/model.safetensors"))).isGreaterThan(TENSORS * TENSOR_FLOATS * 4);
    }

    private Path write(String name, int seed) throws Exception {
        return SyntheticModels.writeRandom(dir.resolve(name + ".safetensors"), TENSORS, 2048, TENSOR_FLOATS / 2048,
                seed);
    }

}
