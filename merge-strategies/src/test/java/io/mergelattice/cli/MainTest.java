package io.mergelattice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.mergelattice.model.ContentRoots;
import io.mergelattice.safetensors.SafetensorsModel;
import io.mergelattice.safetensors.SafetensorsWriter;
import io.mergelattice.tensor.Conversions;
import io.mergelattice.tensor.DType;
import io.mergelattice.tensor.TensorInfo;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line end to end on real files: exit codes, one-line errors, outputs. */
class MainTest {
    @TempDir
    Path dir;

    record Run(int code, String out, String err) {
    }

    static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    Path model(String name, long seed) throws Exception {
        List<TensorInfo> infos = List.of(TensorInfo.of("w", DType.F32, 8, 16), TensorInfo.of("b", DType.F32, 16));
        Path p = dir.resolve(name);
        SplittableRandom rnd = new SplittableRandom(seed);
        try (SafetensorsWriter w = SafetensorsWriter.create(p, infos, Map.of())) {
            for (TensorInfo t : infos) {
                MemorySegment s = MemorySegment.ofArray(new byte[(int) t.byteSize()]);
                for (int j = 0; j < t.elementCount(); j++) {
                    Conversions.put(s, j, rnd.nextGaussian(), DType.F32, t.name());
                }
                w.writeTensor(t.name(), s);
            }
            w.finish();
        }
        return p;
    }

    @Test
    void helpListsTheSubcommands() {
        Run r = run("--help");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("merge", "strategies", "audit", "bench", "serve");
    }

    @Test
    void mergeWritesAModelAndPrintsItsRootSeedAndResultIdAndIsReproducible() throws Exception {
        Path base = model("base.safetensors", 1);
        Path a = model("a.safetensors", 2);
        Path b = model("b.safetensors", 3);
        Run r = run("merge", "--strategy", "ties", "--base", base.toString(), "--param", "density=0.3", "--weights",
                "1,2", a.toString(), b.toString(), "-o", dir.resolve("out").toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("output root: ", "seed:", "(derived)", "result id:");
        assertThat(r.err()).contains("2/2 tensors");
        String root;
        try (SafetensorsModel out = SafetensorsModel.open(dir.resolve("out"))) {
            root = ContentRoots.verifyAndHash(out).root().hex();
            assertThat(out.tensors()).extracting(TensorInfo::name).containsExactly("b", "w");
        }
        assertThat(r.out()).contains("output root: " + root);
        // Same inputs in another order → same seed and same bytes.
        Run again = run("merge", "--strategy", "ties", "--base", base.toString(), "--param", "density=0.3",
                "--weights", "2,1", b.toString(), a.toString(), "-o", dir.resolve("out2").toString());
        assertThat(again.out()).contains("output root: " + root);
        assertThat(Files.readAllBytes(dir.resolve("out2/model.safetensors")))
                .isEqualTo(Files.readAllBytes(dir.resolve("out/model.safetensors")));
        // An explicit seed changes dare's masks but is reported.
        Run seeded = run("merge", "--strategy", "dare", "--base", base.toString(), "--seed-hex", "ab".repeat(32),
                "--output-dtype", "F16", a.toString(), b.toString(), "-o", dir.resolve("out3").toString());
        assertThat(seeded.code()).as(seeded.err()).isZero();
        assertThat(seeded.out()).contains("seed:        " + "ab".repeat(32) + " (--seed-hex)");
    }

    @Test
    void badInputsExitNonZeroWithOneLineNamingTheProblem() throws Exception {
        Path a = model("a.safetensors", 2);
        Path garbage = dir.resolve("garbage.safetensors");
        Files.write(garbage, new byte[] {1, 2, 3});
        String out = dir.resolve("o").toString();
        assertOneLine(run("merge", "--strategy", "nope", a.toString(), "-o", out), 2, "unknown strategy 'nope'");
        assertOneLine(run("merge", "--strategy", "ties", a.toString()), 2, "-o OUT_DIR is required");
        assertOneLine(run("merge", "--strategy", "ties", "--param", "densty=0.3", a.toString(), "-o", out), 1,
                "UNKNOWN_PARAMETER");
        assertOneLine(run("merge", "--strategy", "ties", "--param", "density=2.0", a.toString(), "-o", out), 1,
                "INVALID_PARAMETER");
        assertOneLine(run("merge", "--strategy", "ties", a.toString(), "-o", out), 1, "BASE_REQUIRED");
        assertOneLine(run("merge", "--strategy", "linear", dir.resolve("missing.safetensors").toString(), "-o", out),
                1, "no such file");
        assertOneLine(run("merge", "--strategy", "linear", garbage.toString(), "-o", out), 1, "FILE_TOO_SHORT");
        assertOneLine(run("merge", "--strategy", "linear", "--weights", "1,2", a.toString(), "-o", out), 2,
                "--weights has 2 values for 1 models");
        assertOneLine(run("merge", "--strategy", "linear", "--output-dtype", "I8", a.toString(), "-o", out), 2,
                "--output-dtype");
        assertOneLine(run("frobnicate"), 2, "unknown command");
    }

    private static void assertOneLine(Run r, int code, String fragment) {
        assertThat(r.code()).as(r.err()).isEqualTo(code);
        assertThat(r.err().strip()).as("one line").doesNotContain("\n").contains(fragment);
    }

    @Test
    void strategiesListsAllTwentySixAndJsonIsMachineReadable() {
        Run r = run("strategies");
        assertThat(r.out()).contains("26 strategies", "dare_ties", "drop_rate");
        Run j = run("strategies", "--json");
        assertThat(j.out()).startsWith("[{\"id\":\"weight_average\"").contains("\"class\":\"S\"");
    }

    @Test
    void auditReproducesThePapersShapeOfResults() {
        Run r = run("audit", "--trials", "2");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("set-based resolve order-independent 26/26");
        assertThat(r.out()).containsPattern("weight_average +yes +no +yes +free");
    }
}
