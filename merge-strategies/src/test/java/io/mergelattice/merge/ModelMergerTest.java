package io.mergelattice.merge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mergelattice.identity.Hash32;
import io.mergelattice.identity.Sha256;
import io.mergelattice.kernels.ScalarKernels;
import io.mergelattice.kernels.VectorKernels;
import io.mergelattice.model.ContentRoots;
import io.mergelattice.safetensors.SafetensorsModel;
import io.mergelattice.safetensors.TensorSource;
import io.mergelattice.strategy.ErrorCode;
import io.mergelattice.strategy.MergeException;
import io.mergelattice.strategy.MergeStrategy;
import io.mergelattice.strategy.Params;
import io.mergelattice.strategy.StrategyRegistry;
import io.mergelattice.tensor.Conversions;
import io.mergelattice.tensor.DType;
import io.mergelattice.tensor.TensorInfo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The streaming runner on real safetensors files: layouts, sharding, threads, dtypes and model-level errors. */
class ModelMergerTest {
    @TempDir
    Path dir;

    static final Map<String, long[]> SHAPES = new LinkedHashMap<>();

    static {
        SHAPES.put("model.embed.weight", new long[] {64, 33});
        SHAPES.put("model.layers.0.weight", new long[] {17, 9});
        SHAPES.put("model.layers.0.bias", new long[] {17});
        SHAPES.put("model.norm", new long[] {});
        SHAPES.put("lm_head.weight", new long[] {33, 64});
    }

    private final List<AutoCloseable> open = new ArrayList<>();

    @org.junit.jupiter.api.AfterEach
    void close() throws Exception {
        for (AutoCloseable c : open) {
            c.close();
        }
    }

    private SafetensorsModel open(Path p) throws IOException {
        SafetensorsModel m = SafetensorsModel.open(p);
        open.add(m);
        return m;
    }

    private ModelMergeResult merge(String strategy, Path out, int threads, long shard, Optional<DType> dtype,
            Path base, Path... inputs) throws Exception {
        MergeStrategy s = StrategyRegistry.require(strategy);
        List<ModelInput> in = new ArrayList<>();
        for (int i = 0; i < inputs.length; i++) {
            in.add(new ModelInput(Sha256.hash((byte) 4, new byte[] {(byte) i}), open(inputs[i]), 1.0 + i, Map.of()));
        }
        Optional<TensorSource> b = base == null ? Optional.empty() : Optional.of(open(base));
        ModelMergeRequest req = new ModelMergeRequest(b, in, s, Params.defaults(s.info().params()),
                Sha256.hash((byte) 7, "seed".getBytes()), dtype, out, shard, threads, Map.of("k", "v"));
        return new ModelMerger(VectorKernels.instance()).merge(req, MergeProgress.NONE);
    }

    @Test
    void outputBytesDoNotDependOnThreadsShardingOfInputsOrBackend() throws Exception {
        Path a = TestModels.Model.random(1, DType.F32, SHAPES).write(dir.resolve("a.safetensors"));
        Path b = TestModels.Model.random(2, DType.F32, SHAPES).writeSharded(dir.resolve("b"), 9000);
        Path base = TestModels.Model.random(3, DType.F32, SHAPES).write(dir.resolve("base.safetensors"));
        assertThat(Files.exists(dir.resolve("b/model.safetensors.index.json"))).as("b is sharded").isTrue();

        ModelMergeResult one = merge("task_arithmetic", dir.resolve("out1"), 1, 1L << 30, Optional.empty(), base, a, b);
        ModelMergeResult four = merge("task_arithmetic", dir.resolve("out4"), 4, 1L << 30, Optional.empty(), base, a,
                b);
        assertThat(Files.readAllBytes(dir.resolve("out4/model.safetensors")))
                .isEqualTo(Files.readAllBytes(dir.resolve("out1/model.safetensors")));
        assertThat(four.outputRoot()).isEqualTo(one.outputRoot());
        assertThat(ContentRoots.verifyAndHash(open(dir.resolve("out1/model.safetensors"))).root())
                .as("the reported output root is the content root of what was written").isEqualTo(one.outputRoot());
        assertThat(Files.readString(dir.resolve("out1/" + ModelMerger.METADATA_FILE)))
                .contains("\"lm_head.weight\":{\"strategy\":\"task_arithmetic\"");

        // Sharded output: same tensors, same content root, index present.
        ModelMergeResult sharded = merge("task_arithmetic", dir.resolve("outS"), 2, 9000, Optional.empty(), base, a, b);
        assertThat(sharded.outputRoot()).isEqualTo(one.outputRoot());
        assertThat(Files.exists(dir.resolve("outS/model.safetensors.index.json"))).isTrue();
        assertThat(ContentRoots.of(open(dir.resolve("outS")))).isEqualTo(one.outputRoot());
    }

    @Test
    void resultEqualsTheTensorMergerPerTensorAndConvertsOutputDtype() throws Exception {
        TestModels.Model ma = TestModels.Model.random(1, DType.F16, SHAPES);
        TestModels.Model mb = TestModels.Model.random(2, DType.F16, SHAPES);
        Path a = ma.write(dir.resolve("a.safetensors"));
        Path b = mb.write(dir.resolve("b.safetensors"));
        merge("weight_average", dir.resolve("out"), 2, 1L << 30, Optional.of(DType.BF16), null, a, b);
        SafetensorsModel out = open(dir.resolve("out"));
        TensorInfo t = out.find("model.layers.0.weight").orElseThrow();
        assertThat(t.dtype()).isEqualTo(DType.BF16);
        // weights 1 and 2 → w = (1/3, 2/3), computed in F32 from exact F16 inputs, then rounded to BF16.
        double[] x = ma.values().get("model.layers.0.weight");
        double[] y = mb.values().get("model.layers.0.weight");
        for (int j = 0; j < x.length; j++) {
            float xa = Float.float16ToFloat(Float.floatToFloat16((float) x[j]));
            float yb = Float.float16ToFloat(Float.floatToFloat16((float) y[j]));
            float r = 0f + (float) (1.0 / 3.0) * xa;
            r = r + (float) (2.0 / 3.0) * yb;
            double expected = Conversions.read(bf16((double) r), DType.BF16, 0);
            assertThat(Conversions.read(out.data(t.name()), DType.BF16, j)).as("element %d", j).isEqualTo(expected);
        }
    }

    private static java.lang.foreign.MemorySegment bf16(double v) {
        java.lang.foreign.MemorySegment s = java.lang.foreign.MemorySegment.ofArray(new byte[2]);
        Conversions.put(s, 0, v, DType.BF16, "x");
        return s;
    }

    @Test
    void nonFloatTensorsPassThroughWhenIdenticalAndFailWhenNot() throws Exception {
        TestModels.Model ids = TestModels.Model.random(9, DType.I32, Map.of("position_ids", new long[] {8}));
        TestModels.Model ma = TestModels.Model.random(1, DType.F32, SHAPES)
                .with("position_ids", ids.infos().get("position_ids"), ids.values().get("position_ids"));
        TestModels.Model mb = TestModels.Model.random(2, DType.F32, SHAPES)
                .with("position_ids", ids.infos().get("position_ids"), ids.values().get("position_ids"));
        Path a = ma.write(dir.resolve("a.safetensors"));
        Path b = mb.write(dir.resolve("b.safetensors"));
        merge("weight_average", dir.resolve("out"), 2, 1L << 30, Optional.empty(), null, a, b);
        assertThat(open(dir.resolve("out")).data("position_ids").mismatch(open(a).data("position_ids"))).isEqualTo(-1);

        double[] other = ids.values().get("position_ids").clone();
        other[3] += 1;
        Path c = TestModels.Model.random(3, DType.F32, SHAPES)
                .with("position_ids", ids.infos().get("position_ids"), other).write(dir.resolve("c.safetensors"));
        assertThatThrownBy(() -> merge("weight_average", dir.resolve("bad"), 2, 1L << 30, Optional.empty(), null, a,
                c)).isInstanceOf(MergeException.class).extracting(e -> ((MergeException) e).code())
                .isEqualTo(ErrorCode.PASSTHROUGH_MISMATCH);
    }

    @Test
    void aMissingTensorOrAFailingTensorLeavesTheOutputDirectoryUntouched() throws Exception {
        Path a = TestModels.Model.random(1, DType.F32, SHAPES).write(dir.resolve("a.safetensors"));
        Path b = TestModels.Model.random(2, DType.F32, SHAPES).without("model.norm").write(dir.resolve("b.safetensors"));
        Path out = dir.resolve("out");
        assertThatThrownBy(() -> merge("weight_average", out, 2, 1L << 30, Optional.empty(), null, a, b))
                .isInstanceOf(MergeException.class).hasMessageContaining("model.norm")
                .extracting(e -> ((MergeException) e).code()).isEqualTo(ErrorCode.TENSOR_MISSING);

        // A per-tensor failure (no base for a base-requiring strategy) after the plan: nothing becomes visible.
        Path c = TestModels.Model.random(3, DType.F32, SHAPES).write(dir.resolve("c.safetensors"));
        assertThatThrownBy(() -> merge("task_arithmetic", out, 2, 1L << 30, Optional.empty(), null, a, c))
                .isInstanceOf(MergeException.class).extracting(e -> ((MergeException) e).code())
                .isEqualTo(ErrorCode.BASE_REQUIRED);
        try (var files = Files.list(out)) {
            assertThat(files.toList()).as("no partial output, no temporary directory left").isEmpty();
        }
    }

    @Test
    void scalarAndVectorKernelsWriteTheSameModel() throws Exception {
        Path a = TestModels.Model.random(1, DType.F32, SHAPES).write(dir.resolve("a.safetensors"));
        Path b = TestModels.Model.random(2, DType.F32, SHAPES).write(dir.resolve("b.safetensors"));
        MergeStrategy s = StrategyRegistry.require("linear");
        Hash32 seed = Sha256.hash((byte) 7, new byte[0]);
        List<Hash32> roots = new ArrayList<>();
        for (var k : List.of(ScalarKernels.instance(), VectorKernels.instance())) {
            List<ModelInput> in = List.of(new ModelInput(Sha256.hash((byte) 4, new byte[] {1}), open(a), 0.3, Map.of()),
                    new ModelInput(Sha256.hash((byte) 4, new byte[] {2}), open(b), 0.7, Map.of()));
            ModelMergeRequest req = new ModelMergeRequest(Optional.empty(), in, s, Params.defaults(s.info().params()),
                    seed, Optional.empty(), dir.resolve("out-" + k.id()), 1L << 30, 2, Map.of());
            roots.add(new ModelMerger(k).merge(req, MergeProgress.NONE).outputRoot());
        }
        assertThat(roots.get(1)).isEqualTo(roots.get(0));
    }
}
