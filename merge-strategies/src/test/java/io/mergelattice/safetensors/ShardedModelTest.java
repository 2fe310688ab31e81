package io.mergelattice.safetensors;

import io.mergelattice.safetensors.SafetensorsFormatException.Problem;
import io.mergelattice.tensor.DType;
import io.mergelattice.tensor.TensorInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static io.mergelattice.safetensors.TestFiles.pattern;
import static io.mergelattice.safetensors.TestFiles.q;
import static io.mergelattice.safetensors.TestFiles.t;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.argumentSet;

/** Sharded output (split, names, canonical index) and opening files, directories and indexes as one model. */
class ShardedModelTest {

    private static final String S1 = "model-00001-of-00002.safetensors";
    private static final String S2 = "model-00002-of-00002.safetensors";

    @TempDir
    Path dir;

    /** a (40 B), b (40 B), c (100 B, over the limit), d (8 B), e (empty) with a 64-byte limit: four shards. */
    private static List<TensorInfo> fiveTensors() {
        return List.of(t("e", DType.F32, 0), t("c", DType.F32, 25), t("a", DType.F32, 10), t("d", DType.I64, 1),
                t("b", DType.BF16, 4, 5));
    }

    private static void writeAll(Path out, List<TensorInfo> tensors, long maxShardBytes) throws IOException {
        Files.createDirectories(out);
        try (ShardedWriter w = ShardedWriter.create(out, tensors, Map.of("format", "pt"), maxShardBytes)) {
            for (TensorInfo t : tensors) {
                w.writeTensor(t.name(), pattern(t, t.name().hashCode()));
            }
        }
    }

    @Test
    void splitsSortedTensorsIntoShardsOfAtMostTheLimit() throws IOException {
        ShardedWriter plan = ShardedWriter.create(dir, fiveTensors(), Map.of(), 64);
        assertThat(plan.shardNames()).containsExactly("model-00001-of-00004.safetensors",
                "model-00002-of-00004.safetensors", "model-00003-of-00004.safetensors",
                "model-00004-of-00004.safetensors");
        assertThat(List.of(0, 1, 2, 3)).extracting(i -> plan.shardTensors(i).stream().map(TensorInfo::name).toList())
                .containsExactly(List.of("a"), List.of("b"), List.of("c"), List.of("d", "e"));
        assertThat(plan.totalSize()).isEqualTo(188);

        writeAll(dir.resolve("out"), fiveTensors(), 64);
        String index = Files.readString(dir.resolve("out").resolve(SafetensorsModel.INDEX_FILE));
        assertThat(index).isEqualTo(q("{'metadata':{'total_size':188},'weight_map':{"
                + "'a':'model-00001-of-00004.safetensors','b':'model-00002-of-00004.safetensors',"
                + "'c':'model-00003-of-00004.safetensors','d':'model-00004-of-00004.safetensors',"
                + "'e':'model-00004-of-00004.safetensors'}}"));
        try (SafetensorsModel model = SafetensorsModel.open(dir.resolve("out"))) {
            assertThat(model.tensors()).extracting(TensorInfo::name).containsExactly("a", "b", "c", "d", "e");
            assertThat(model.shards()).hasSize(4);
            for (TensorInfo t : fiveTensors()) {
                assertThat(model.find(t.name())).contains(t);
                assertThat(model.data(t.name()).toArray(ValueLayout.JAVA_BYTE))
                        .isEqualTo(pattern(t, t.name().hashCode()).toArray(ValueLayout.JAVA_BYTE));
            }
            assertThat(model.shardOf("e").path().getFileName()).hasToString("model-00004-of-00004.safetensors");
            assertThat(model.shardOf("c").metadata()).containsEntry("format", "pt");
            assertThat(model.totalSize()).isEqualTo(188);
            assertThat(model.index().orElseThrow().metadata()).containsKey("total_size");
            model.checkFinite();
        }
    }

    @Test
    void aSingleShardIsModelSafetensorsWithoutAnIndex() throws IOException {
        Path out = dir.resolve("single");
        writeAll(out, fiveTensors(), 1 << 20);
        try (Stream<Path> files = Files.list(out)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly(SafetensorsModel.SINGLE_FILE);
        }
        try (SafetensorsModel byDir = SafetensorsModel.open(out);
             SafetensorsModel byFile = SafetensorsModel.open(out.resolve(SafetensorsModel.SINGLE_FILE))) {
            assertThat(byDir.tensors()).hasSize(5).isEqualTo(byFile.tensors());
            assertThat(byDir.index()).isEmpty();
        }
    }

    @Test
    void shardedOutputIsIdenticalWhateverTheDeclarationAndWriteOrder() throws IOException {
        writeAll(dir.resolve("one"), fiveTensors(), 64);
        writeAll(dir.resolve("two"), fiveTensors().reversed(), 64);
        try (Stream<Path> files = Files.list(dir.resolve("one"))) {
            for (Path p : files.toList()) {
                assertThat(Files.readAllBytes(dir.resolve("two").resolve(p.getFileName())))
                        .as(p.getFileName().toString()).isEqualTo(Files.readAllBytes(p));
            }
        }
    }

    @Test
    void aMissingTensorByteFailsFinish() throws IOException {
        ShardedWriter w = ShardedWriter.create(dir, List.of(t("a", DType.U8, 4), t("b", DType.U8, 4)), Map.of(), 4);
        w.writeTensor("a", MemorySegment.ofArray(new byte[4]));
        assertThatThrownBy(w::finish).isInstanceOf(IllegalStateException.class).hasMessageContaining("'b'");
        assertThat(dir.resolve(SafetensorsModel.INDEX_FILE)).doesNotExist();
    }

    @Test
    void directoriesMustHoldExactlyOneModel() throws IOException {
        Path empty = Files.createDirectory(dir.resolve("empty"));
        assertProblem(empty, Problem.NO_MODEL_FILE);
        Path two = Files.createDirectory(dir.resolve("two"));
        Files.write(two.resolve("a.safetensors"), TestFiles.file("{}      ", 0));
        Files.write(two.resolve("b.safetensors"), TestFiles.file("{}      ", 0));
        assertProblem(two, Problem.AMBIGUOUS_MODEL_FILES);
        Files.writeString(two.resolve("x.safetensors.index.json"), "{\"weight_map\":{}}");
        Files.writeString(two.resolve("y.safetensors.index.json"), "{\"weight_map\":{}}");
        assertProblem(two, Problem.AMBIGUOUS_MODEL_FILES);
        Path one = Files.createDirectory(dir.resolve("one"));
        Files.write(one.resolve("weights.safetensors"), TestFiles.file("{}      ", 0));
        try (SafetensorsModel m = SafetensorsModel.open(one)) {
            assertThat(m.tensors()).isEmpty();
        }
    }

    static Stream<Arguments> badIndexes() {
        return Stream.of(
                index("index not JSON", root -> Write.text(root, "{\"weight_map\":"), Problem.INDEX_MALFORMED),
                index("weight_map missing", root -> Write.text(root, "{\"metadata\":{}}"), Problem.INDEX_MALFORMED),
                index("shard name not a string", root -> Write.index(root, "'a':1,'b':'" + S2 + "'"),
                        Problem.INDEX_MALFORMED),
                index("shard name with ..", root -> Write.index(root, "'a':'../" + S1 + "','b':'" + S2 + "'"),
                        Problem.INDEX_BAD_SHARD_NAME),
                index("shard name ..", root -> Write.index(root, "'a':'..','b':'" + S2 + "'"),
                        Problem.INDEX_BAD_SHARD_NAME),
                index("shard name with a separator", root -> Write.index(root, "'a':'x/y.safetensors','b':'"
                        + S2 + "'"), Problem.INDEX_BAD_SHARD_NAME),
                index("shard file missing", root -> Write.index(root, "'a':'gone.safetensors','b':'" + S2 + "'"),
                        Problem.SHARD_MISSING),
                index("tensor mapped to the wrong shard", root -> Write.index(root, "'a':'" + S2 + "','b':'" + S2
                        + "'"), Problem.INDEX_TENSOR_MISSING),
                index("index names a tensor no shard holds", root -> Write.index(root, "'a':'" + S1 + "','b':'"
                        + S2 + "','c':'" + S2 + "'"), Problem.INDEX_TENSOR_MISSING),
                index("shard tensor the index does not list", root -> Write.bytes(root.resolve(S2), TestFiles.file(q(
                        "{'b':{'dtype':'U8','shape':[1],'data_offsets':[0,1]},"
                                + "'c':{'dtype':'U8','shape':[1],'data_offsets':[1,2]}}"), 2)),
                        Problem.INDEX_TENSOR_UNLISTED),
                index("tensor in two shards", root -> Write.bytes(root.resolve(S2), TestFiles.file(q(
                        "{'a':{'dtype':'U8','shape':[1],'data_offsets':[0,1]},"
                                + "'b':{'dtype':'U8','shape':[1],'data_offsets':[1,2]}}"), 2)),
                        Problem.TENSOR_IN_TWO_SHARDS),
                index("a malformed shard", root -> Write.bytes(root.resolve(S2), TestFiles.file(q(
                        "{'b':{'dtype':'U8','shape':[1],'data_offsets':[0,1]}}"), 2)), Problem.TRAILING_BYTES));
    }

    @ParameterizedTest
    @MethodSource("badIndexes")
    void indexMustAgreeWithTheShards(Consumer<Path> breakIt, Problem expected) throws IOException {
        Path root = dir.resolve("m");
        writeAll(root, List.of(t("a", DType.U8, 1), t("b", DType.U8, 1)), 1);
        try (SafetensorsModel ok = SafetensorsModel.open(root)) {
            assertThat(ok.shards()).hasSize(2);
        }
        breakIt.accept(root);
        assertProblem(root, expected);
    }

    private static Arguments index(String name, Consumer<Path> breakIt, Problem problem) {
        return argumentSet(name, breakIt, problem);
    }

    private static void assertProblem(Path path, Problem expected) {
        assertThatThrownBy(() -> SafetensorsModel.open(path).close())
                .isInstanceOfSatisfying(SafetensorsFormatException.class,
                        e -> assertThat(e.problem()).as(e.getMessage()).isEqualTo(expected));
    }

    /** Test helpers that overwrite files of a model directory. */
    private static final class Write {
        static void text(Path root, String indexJson) {
            bytes(root.resolve(SafetensorsModel.INDEX_FILE), indexJson.getBytes(StandardCharsets.UTF_8));
        }

        static void index(Path root, String weightMapMembers) {
            text(root, q("{'metadata':{'total_size':2},'weight_map':{" + weightMapMembers + "}}"));
        }

        static void bytes(Path file, byte[] content) {
            try {
                Files.write(file, content);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @Test
    void anIndexFileCanBeOpenedDirectly() throws IOException {
        Path root = dir.resolve("m");
        writeAll(root, List.of(t("a", DType.U8, 1), t("b", DType.U8, 1)), 1);
        List<String> names = new ArrayList<>();
        try (SafetensorsModel m = SafetensorsModel.open(root.resolve(SafetensorsModel.INDEX_FILE))) {
            m.checkFinite((tensor, i, chunk) -> names.add(tensor.name()));
        }
        assertThat(names).containsExactly("a", "b");
    }
}
