package io.mergelattice.safetensors;

import io.mergelattice.tensor.TensorInfo;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a model as canonical safetensors shards plus an index. Tensors, sorted by name, are cut into consecutive
 * shards of at most {@code maxShardBytes} bytes of tensor data (a larger tensor gets a shard of its own), named
 * {@code model-00001-of-00003.safetensors}; every shard carries the same metadata; {@code finish()} writes the
 * canonical index ({@link ShardIndex#canonicalJson}). A single shard is written as {@code model.safetensors}
 * with no index. A shard file is created when its first tensor is written and fsynced once it is complete, so
 * only one or a few files are open at a time when tensors are written in name order.
 */
public final class ShardedWriter implements AutoCloseable {

    private final Path directory;
    private final Map<String, String> metadata;
    private final List<List<TensorInfo>> plan;
    private final List<String> shardNames;
    private final Map<String, Integer> shardByTensor = new HashMap<>();
    private final SafetensorsWriter[] open;
    private final boolean[] done;
    private final long totalSize;
    private boolean finished;

    private ShardedWriter(Path directory, List<List<TensorInfo>> plan, Map<String, String> metadata) {
        this.directory = directory;
        this.metadata = metadata;
        this.plan = plan;
        this.shardNames = new ArrayList<>();
        long total = 0;
        for (int s = 0; s < plan.size(); s++) {
            shardNames.add(plan.size() == 1 ? SafetensorsModel.SINGLE_FILE
                    : String.format("model-%05d-of-%05d.safetensors", s + 1, plan.size()));
            for (TensorInfo t : plan.get(s)) {
                shardByTensor.put(t.name(), s);
                total += t.byteSize();
            }
        }
        this.totalSize = total;
        this.open = new SafetensorsWriter[plan.size()];
        this.done = new boolean[plan.size()];
    }

    /** Plans the shards of {@code tensors} in {@code directory}; nothing is written until tensors arrive. */
    public static ShardedWriter create(Path directory, Collection<TensorInfo> tensors, Map<String, String> metadata,
                                       long maxShardBytes) {
        if (maxShardBytes <= 0) {
            throw new IllegalArgumentException("maxShardBytes must be positive: " + maxShardBytes);
        }
        List<TensorInfo> sorted = SafetensorsLayout.of(tensors, metadata).tensors();
        List<List<TensorInfo>> plan = new ArrayList<>();
        List<TensorInfo> current = new ArrayList<>();
        long size = 0;
        for (TensorInfo t : sorted) {
            if (!current.isEmpty() && t.byteSize() > maxShardBytes - size) {
                plan.add(current);
                current = new ArrayList<>();
                size = 0;
            }
            current.add(t);
            size += t.byteSize();
        }
        plan.add(current);
        return new ShardedWriter(directory, List.copyOf(plan), Map.copyOf(metadata));
    }

    /** The shard file names, in order. */
    public List<String> shardNames() {
        return List.copyOf(shardNames);
    }

    /** The tensors of shard {@code i}, sorted by name. */
    public List<TensorInfo> shardTensors(int i) {
        return List.copyOf(plan.get(i));
    }

    /** The shard file that holds tensor {@code name}. */
    public String shardOf(String name) {
        return shardNames.get(shard(name));
    }

    /** Writes all of tensor {@code name}'s bytes; see {@link SafetensorsWriter#writeTensor}. */
    public void writeTensor(String name, MemorySegment bytes) throws IOException {
        int s = shard(name);
        if (done[s] && bytes.byteSize() == 0 && isEmptyTensor(s, name)) {
            return; // an empty tensor of a shard completed by its other tensors
        }
        writer(s).writeTensor(name, bytes);
        finishIfComplete(s);
    }

    /** A channel appending to tensor {@code name}'s bytes; see {@link SafetensorsWriter#beginTensor}. */
    public WritableByteChannel beginTensor(String name) throws IOException {
        int s = shard(name);
        WritableByteChannel inner = writer(s).beginTensor(name);
        return new WritableByteChannel() {
            @Override
            public int write(ByteBuffer src) throws IOException {
                int n = inner.write(src);
                finishIfComplete(s);
                return n;
            }

            @Override
            public boolean isOpen() {
                return inner.isOpen();
            }

            @Override
            public void close() throws IOException {
                inner.close();
            }
        };
    }

    /** Completes every shard (failing on a missing byte), then writes and fsyncs the index if there are several. */
    public void finish() throws IOException {
        if (finished) {
            return;
        }
        finished = true;
        for (int s = 0; s < plan.size(); s++) {
            if (!done[s]) {
                writer(s).finish();
                done[s] = true;
            }
        }
        if (plan.size() > 1) {
            Map<String, String> weightMap = new LinkedHashMap<>();
            shardByTensor.forEach((t, s) -> weightMap.put(t, shardNames.get(s)));
            byte[] json = ShardIndex.canonicalJson(weightMap, totalSize).getBytes(StandardCharsets.UTF_8);
            try (FileChannel ch = FileChannel.open(directory.resolve(SafetensorsModel.INDEX_FILE),
                    StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer buffer = ByteBuffer.wrap(json);
                while (buffer.hasRemaining()) {
                    ch.write(buffer);
                }
                ch.force(true);
            }
        }
    }

    /** {@link #finish()}. */
    @Override
    public void close() throws IOException {
        finish();
    }

    private int shard(String name) {
        Integer s = shardByTensor.get(name);
        if (s == null) {
            throw new IllegalArgumentException("no tensor '" + name + "' was declared");
        }
        return s;
    }

    private SafetensorsWriter writer(int s) throws IOException {
        if (done[s]) {
            throw new IllegalStateException("shard " + shardNames.get(s) + " is already complete");
        }
        if (open[s] == null) {
            open[s] = SafetensorsWriter.create(directory.resolve(shardNames.get(s)), plan.get(s), metadata);
        }
        return open[s];
    }

    private boolean isEmptyTensor(int s, String name) {
        return plan.get(s).stream().anyMatch(t -> t.name().equals(name) && t.byteSize() == 0);
    }

    private void finishIfComplete(int s) throws IOException {
        if (open[s] != null && open[s].isComplete()) {
            open[s].finish();
            open[s] = null;
            done[s] = true;
        }
    }

    /** Sum of the tensors' byte sizes: the index's {@code total_size}. */
    public long totalSize() {
        return totalSize;
    }
}
