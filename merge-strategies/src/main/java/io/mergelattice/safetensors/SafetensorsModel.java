package io.mergelattice.safetensors;

import io.mergelattice.identity.Utf8Order;
import io.mergelattice.safetensors.SafetensorsFormatException.Problem;
import io.mergelattice.tensor.TensorInfo;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * A model stored as one safetensors file or as shards with an index, opened as one set of tensors.
 *
 * <p>{@link #open(Path)} accepts a {@code .safetensors} file, an index file, or a directory holding either exactly
 * one {@code *.safetensors.index.json} or (without an index) exactly one {@code .safetensors} file. With an index,
 * every shard it names is opened and the index must agree with them exactly: each mapped tensor is in its shard
 * ({@code INDEX_TENSOR_MISSING}), no tensor is in two shards ({@code TENSOR_IN_TWO_SHARDS}) and every shard
 * tensor is mapped to that shard ({@code INDEX_TENSOR_UNLISTED}). {@code metadata.total_size} is kept but not
 * checked, since published indexes often get it wrong.
 */
public final class SafetensorsModel implements TensorSource, AutoCloseable {

    /** The index file name of a sharded model. */
    public static final String INDEX_FILE = "model.safetensors.index.json";
    /** The file name of a single-file model. */
    public static final String SINGLE_FILE = "model.safetensors";

    private final List<SafetensorsFile> shards;
    private final Optional<ShardIndex> index;
    private final Map<String, SafetensorsFile> shardByTensor;
    private final List<TensorInfo> tensors;

    private SafetensorsModel(List<SafetensorsFile> shards, Optional<ShardIndex> index,
                             Map<String, SafetensorsFile> shardByTensor) {
        this.shards = List.copyOf(shards);
        this.index = index;
        this.shardByTensor = shardByTensor;
        List<TensorInfo> all = new ArrayList<>();
        shards.forEach(s -> all.addAll(s.tensors()));
        all.sort(Comparator.comparing(TensorInfo::name, Utf8Order.INSTANCE));
        this.tensors = List.copyOf(all);
    }

    /** Opens the model at {@code fileOrDirectory}; see the class comment. */
    public static SafetensorsModel open(Path fileOrDirectory) throws IOException {
        if (Files.isDirectory(fileOrDirectory)) {
            List<Path> indexes = list(fileOrDirectory, ".safetensors.index.json");
            if (indexes.size() > 1) {
                throw new SafetensorsFormatException(Problem.AMBIGUOUS_MODEL_FILES,
                        fileOrDirectory + ": several index files " + indexes);
            }
            if (indexes.size() == 1) {
                return openSharded(indexes.getFirst());
            }
            List<Path> files = list(fileOrDirectory, ".safetensors");
            if (files.isEmpty()) {
                throw new SafetensorsFormatException(Problem.NO_MODEL_FILE,
                        fileOrDirectory + ": no .safetensors file and no index");
            }
            if (files.size() > 1) {
                throw new SafetensorsFormatException(Problem.AMBIGUOUS_MODEL_FILES, fileOrDirectory
                        + ": " + files.size() + " .safetensors files but no index to say how they form a model");
            }
            return openSingle(files.getFirst());
        }
        return fileOrDirectory.getFileName().toString().endsWith(".index.json")
                ? openSharded(fileOrDirectory) : openSingle(fileOrDirectory);
    }

    private static SafetensorsModel openSingle(Path file) throws IOException {
        SafetensorsFile f = SafetensorsFile.open(file);
        Map<String, SafetensorsFile> byTensor = new HashMap<>();
        f.tensors().forEach(t -> byTensor.put(t.name(), f));
        return new SafetensorsModel(List.of(f), Optional.empty(), byTensor);
    }

    private static SafetensorsModel openSharded(Path indexFile) throws IOException {
        ShardIndex index = ShardIndex.read(indexFile);
        Path dir = indexFile.toAbsolutePath().getParent();
        Map<String, SafetensorsFile> byName = new TreeMap<>(Utf8Order.INSTANCE);
        try {
            for (String shard : new TreeSet<>(index.weightMap().values())) {
                Path p = dir.resolve(shard);
                if (!Files.isRegularFile(p)) {
                    throw new SafetensorsFormatException(Problem.SHARD_MISSING,
                            indexFile + ": shard \"" + shard + "\" does not exist");
                }
                byName.put(shard, SafetensorsFile.open(p));
            }
            Map<String, SafetensorsFile> byTensor = validate(indexFile, index, byName);
            return new SafetensorsModel(new ArrayList<>(byName.values()), Optional.of(index), byTensor);
        } catch (IOException | RuntimeException e) {
            byName.values().forEach(SafetensorsFile::close);
            throw e;
        }
    }

    private static Map<String, SafetensorsFile> validate(Path indexFile, ShardIndex index,
                                                         Map<String, SafetensorsFile> shards)
            throws SafetensorsFormatException {
        Map<String, String> found = new HashMap<>();
        for (Map.Entry<String, SafetensorsFile> s : shards.entrySet()) {
            for (TensorInfo t : s.getValue().tensors()) {
                String other = found.putIfAbsent(t.name(), s.getKey());
                if (other != null) {
                    throw new SafetensorsFormatException(Problem.TENSOR_IN_TWO_SHARDS, indexFile + ": tensor '"
                            + t.name() + "' is in both " + other + " and " + s.getKey());
                }
            }
        }
        for (Map.Entry<String, String> e : index.weightMap().entrySet()) {
            if (!e.getValue().equals(found.get(e.getKey()))) {
                throw new SafetensorsFormatException(Problem.INDEX_TENSOR_MISSING, indexFile + ": tensor '"
                        + e.getKey() + "' is mapped to " + e.getValue() + ", which does not hold it");
            }
        }
        Map<String, SafetensorsFile> byTensor = new HashMap<>();
        for (Map.Entry<String, String> e : found.entrySet()) {
            if (!index.weightMap().containsKey(e.getKey())) {
                throw new SafetensorsFormatException(Problem.INDEX_TENSOR_UNLISTED, indexFile + ": shard "
                        + e.getValue() + " holds tensor '" + e.getKey() + "', which the index does not list");
            }
            byTensor.put(e.getKey(), shards.get(e.getValue()));
        }
        return byTensor;
    }

    private static List<Path> list(Path dir, String suffix) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(suffix) && Files.isRegularFile(p))
                    .sorted().toList();
        }
    }

    @Override
    public List<TensorInfo> tensors() {
        return tensors;
    }

    @Override
    public Optional<TensorInfo> find(String name) {
        SafetensorsFile f = shardByTensor.get(name);
        return f == null ? Optional.empty() : f.find(name);
    }

    @Override
    public MemorySegment data(String name) {
        return shardOf(name).data(name);
    }

    /** The file holding tensor {@code name}. */
    public SafetensorsFile shardOf(String name) {
        SafetensorsFile f = shardByTensor.get(name);
        if (f == null) {
            throw new NoSuchElementException("no tensor '" + name + "' in this model");
        }
        return f;
    }

    /** The files of the model, sorted by file name (one for a single-file model). */
    public List<SafetensorsFile> shards() {
        return shards;
    }

    /** The index, for a sharded model. */
    public Optional<ShardIndex> index() {
        return index;
    }

    /** Sum of all tensors' byte sizes. */
    public long totalSize() {
        return tensors.stream().mapToLong(TensorInfo::byteSize).sum();
    }

    /** Closes every shard. */
    @Override
    public void close() {
        shards.forEach(SafetensorsFile::close);
    }
}
