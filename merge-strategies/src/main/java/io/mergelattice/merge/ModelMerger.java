package io.mergelattice.merge;

import io.mergelattice.identity.Hash32;
import io.mergelattice.kernels.Kernels;
import io.mergelattice.model.ContentRootBuilder;
import io.mergelattice.model.ContentRoots;
import io.mergelattice.safetensors.MappedSafetensorsWriter;
import io.mergelattice.safetensors.SafetensorsModel;
import io.mergelattice.safetensors.ShardIndex;
import io.mergelattice.safetensors.ShardedWriter;
import io.mergelattice.safetensors.TensorSource;
import io.mergelattice.strategy.ContributionInput;
import io.mergelattice.strategy.ErrorCode;
import io.mergelattice.strategy.MergeContext;
import io.mergelattice.strategy.MergeException;
import io.mergelattice.strategy.MergeOutcome;
import io.mergelattice.strategy.Metadata;
import io.mergelattice.strategy.OutputConversion;
import io.mergelattice.strategy.RawTensor;
import io.mergelattice.strategy.ScratchArena;
import io.mergelattice.strategy.TensorMerger;
import io.mergelattice.tensor.DType;
import io.mergelattice.tensor.TensorInfo;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The streaming merge runner: merges a whole model tensor by tensor through memory-mapped inputs, writing each
 * result straight into a memory-mapped canonical safetensors output (sharded when large). Peak memory is
 * O(threads × k × largest tensor), off-heap; the heap holds only headers and metadata. Tensors run in parallel on
 * {@code threads} workers; the output bytes do not depend on the thread count or scheduling, since every tensor
 * is a pure function of its inputs written to its fixed place.
 *
 * <p>Model-level rules (the spec is per tensor; docs/decisions/0004-model-level-merge-rules.md): the output holds
 * every tensor that some contribution holds; a float tensor must exist in every contribution with a non-zero
 * weight ({@code TENSOR_MISSING}); a non-float tensor is passed through and must be byte-identical wherever it
 * appears ({@code PASSTHROUGH_MISMATCH}); a tensor's default output dtype is its contributions' dtype, or the
 * widest when they differ (F16 with BF16 gives F32). Results go to a temporary directory inside the output
 * directory and are moved into place only when everything succeeded.
 */
public final class ModelMerger {
    /** The per-tensor metadata file written next to the model. */
    public static final String METADATA_FILE = "mergelattice-metadata.json";

    private final TensorMerger merger;
    private final List<ScratchArena> arenas = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final ThreadLocal<ScratchArena> scratch = ThreadLocal.withInitial(() -> {
        ScratchArena a = new ScratchArena();
        arenas.add(a);
        return a;
    });

    public ModelMerger(Kernels kernels) {
        this.merger = new TensorMerger(kernels);
    }

    public ModelMergeResult merge(ModelMergeRequest req, MergeProgress progress) throws MergeException, IOException {
        Map<String, Plan> plans = plan(req);
        List<TensorInfo> outputs = new ArrayList<>();
        plans.values().forEach(p -> outputs.add(p.output()));
        Map<String, String> header = new TreeMap<>(req.outputMetadata());
        header.put("mergelattice.strategy", req.strategy().info().id());
        header.put("mergelattice.seed", req.seed().hex());
        Files.createDirectories(req.outputDirectory());
        Path tmp = Files.createTempDirectory(req.outputDirectory(), ".merge-");
        try {
            ShardedWriter shards = ShardedWriter.create(tmp, outputs, header, req.maxShardBytes());
            List<MappedSafetensorsWriter> writers = new ArrayList<>();
            Map<String, MemorySegment> targets = new LinkedHashMap<>();
            try {
                for (int s = 0; s < shards.shardNames().size(); s++) {
                    MappedSafetensorsWriter w = MappedSafetensorsWriter.create(
                            tmp.resolve(shards.shardNames().get(s)), shards.shardTensors(s), header);
                    writers.add(w);
                    for (TensorInfo t : shards.shardTensors(s)) {
                        targets.put(t.name(), w.tensor(t.name()));
                    }
                }
                Map<String, Metadata> metadata = new TreeMap<>(io.mergelattice.identity.Utf8Order.INSTANCE);
                Map<String, Hash32> leaves = runAll(req, plans, targets, metadata, progress);
                for (MappedSafetensorsWriter w : writers) {
                    w.finish();
                }
                ContentRootBuilder root = new ContentRootBuilder();
                plans.keySet().forEach(name -> root.add(name, leaves.get(name)));
                List<String> names = new ArrayList<>(shards.shardNames());
                if (names.size() > 1) {
                    Map<String, String> weightMap = new TreeMap<>();
                    outputs.forEach(t -> weightMap.put(t.name(), shards.shardOf(t.name())));
                    Files.writeString(tmp.resolve(SafetensorsModel.INDEX_FILE),
                            ShardIndex.canonicalJson(weightMap, shards.totalSize()));
                    names.add(SafetensorsModel.INDEX_FILE);
                }
                Files.writeString(tmp.resolve(METADATA_FILE), MetadataJson.perTensor(metadata),
                        StandardCharsets.UTF_8);
                names.add(METADATA_FILE);
                List<Path> files = new ArrayList<>();
                for (String n : names) {
                    Path target = req.outputDirectory().resolve(n);
                    Files.move(tmp.resolve(n), target, StandardCopyOption.REPLACE_EXISTING,
                            StandardCopyOption.ATOMIC_MOVE);
                    files.add(target);
                }
                long inputBytes = plans.values().stream().mapToLong(Plan::inputBytes).sum();
                return new ModelMergeResult(root.root(), req.seed(), files, metadata, plans.size(), inputBytes);
            } finally {
                for (MappedSafetensorsWriter w : writers) {
                    w.close();
                }
            }
        } finally {
            deleteTree(tmp);
        }
    }

    /** What to do for one output tensor. */
    record Plan(TensorInfo output, boolean passthrough, long inputBytes) {
    }

    private Map<String, Plan> plan(ModelMergeRequest req) throws MergeException {
        Map<String, Plan> plans = new TreeMap<>(io.mergelattice.identity.Utf8Order.INSTANCE);
        Map<String, TensorInfo> first = new TreeMap<>(io.mergelattice.identity.Utf8Order.INSTANCE);
        for (ModelInput c : req.contributions()) {
            for (TensorInfo t : c.tensors().tensors()) {
                first.putIfAbsent(t.name(), t);
            }
        }
        for (TensorInfo t : first.values()) {
            String name = t.name();
            List<TensorInfo> present = new ArrayList<>();
            for (ModelInput c : req.contributions()) {
                Optional<TensorInfo> mine = c.tensors().find(name);
                if (mine.isEmpty() && c.weight() != 0.0) {
                    throw new MergeException(ErrorCode.TENSOR_MISSING, "tensor '" + name + "' is missing from "
                            + "contribution " + c.root().hex() + " (every contribution with a non-zero weight must "
                            + "hold every merged tensor)");
                }
                mine.ifPresent(present::add);
            }
            long bytes = present.stream().mapToLong(TensorInfo::byteSize).sum();
            if (!t.dtype().isFloat()) {
                checkPassthrough(req, name);
                plans.put(name, new Plan(t, true, bytes));
                continue;
            }
            DType out = req.outputDtype().orElseGet(() -> widest(present));
            plans.put(name, new Plan(TensorInfo.of(name, out, t.shape()), false, bytes));
        }
        return plans;
    }

    private static void checkPassthrough(ModelMergeRequest req, String name) throws MergeException {
        MemorySegment ref = null;
        TensorInfo refInfo = null;
        for (ModelInput c : req.contributions()) {
            Optional<TensorInfo> info = c.tensors().find(name);
            if (info.isEmpty()) {
                continue;
            }
            MemorySegment data = c.tensors().data(name);
            if (ref == null) {
                ref = data;
                refInfo = info.get();
            } else if (!refInfo.equals(info.get()) || ref.mismatch(data) >= 0) {
                throw new MergeException(ErrorCode.PASSTHROUGH_MISMATCH, "non-float tensor '" + name + "' ("
                        + refInfo.dtype() + ") differs between contributions; non-float tensors are copied, not "
                        + "merged, so they must be identical");
            }
        }
    }

    static DType widest(List<TensorInfo> present) {
        boolean f64 = false;
        boolean f32 = false;
        boolean f16 = false;
        boolean bf16 = false;
        for (TensorInfo t : present) {
            switch (t.dtype()) {
                case F64 -> f64 = true;
                case F32 -> f32 = true;
                case F16 -> f16 = true;
                case BF16 -> bf16 = true;
                default -> throw new IllegalArgumentException("mixed float and non-float tensor '" + t.name() + "'");
            }
        }
        if (f64) {
            return DType.F64;
        }
        if (f32 || (f16 && bf16)) {
            return DType.F32;
        }
        return f16 ? DType.F16 : DType.BF16;
    }

    private Map<String, Hash32> runAll(ModelMergeRequest req, Map<String, Plan> plans,
            Map<String, MemorySegment> targets, Map<String, Metadata> metadata, MergeProgress progress)
            throws MergeException, IOException {
        AtomicLong done = new AtomicLong();
        AtomicLong bytes = new AtomicLong();
        Map<String, Future<TensorDone>> futures = new LinkedHashMap<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(req.threads(), r -> {
            Thread t = new Thread(r, "merge-worker");
            t.setDaemon(true);
            return t;
        })) {
            for (Plan plan : plans.values()) {
                futures.put(plan.output().name(), pool.submit(() -> {
                    TensorDone d = runOne(req, plan, targets.get(plan.output().name()));
                    progress.tensorsDone(done.incrementAndGet(), plans.size(), bytes.addAndGet(plan.inputBytes()));
                    return d;
                }));
            }
            Map<String, Hash32> leaves = new LinkedHashMap<>();
            // Determinism: failures are reported in tensor-name order, whichever thread failed first.
            for (var e : futures.entrySet()) {
                try {
                    TensorDone d = e.getValue().get();
                    leaves.put(e.getKey(), d.leaf());
                    if (d.metadata() != null) {
                        metadata.put(e.getKey(), d.metadata());
                    }
                } catch (ExecutionException ex) {
                    futures.values().forEach(f -> f.cancel(true));
                    switch (ex.getCause()) {
                        case MergeException me -> throw new MergeException(me.code(),
                                "tensor '" + e.getKey() + "': " + stripCode(me));
                        case IOException io -> throw io;
                        case RuntimeException re -> throw re;
                        default -> throw new IllegalStateException(ex.getCause());
                    }
                } catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted", ex);
                }
            }
            return leaves;
        } finally {
            arenas.forEach(ScratchArena::release); // the worker threads are gone; free their buffers
            arenas.clear();
        }
    }

    private static String stripCode(MergeException e) {
        String m = e.getMessage();
        String prefix = e.code() + ": ";
        return m.startsWith(prefix) ? m.substring(prefix.length()) : m;
    }

    record TensorDone(Hash32 leaf, Metadata metadata) {
    }

    private TensorDone runOne(ModelMergeRequest req, Plan plan, MemorySegment target) throws MergeException {
        String name = plan.output().name();
        if (plan.passthrough()) {
            for (ModelInput c : req.contributions()) {
                if (c.tensors().find(name).isPresent()) {
                    MemorySegment.copy(c.tensors().data(name), 0, target, 0, target.byteSize());
                    break;
                }
            }
            return new TensorDone(ContentRoots.leaf(plan.output(), target), null);
        }
        ScratchArena arena = scratch.get();
        try {
            List<ContributionInput> inputs = new ArrayList<>();
            for (ModelInput c : req.contributions()) {
                Optional<TensorInfo> info = c.tensors().find(name);
                if (info.isEmpty()) {
                    continue; // a zero-weight contribution may lack it (plan() checked the others)
                }
                Map<String, RawTensor> artifacts = new LinkedHashMap<>();
                for (var a : c.artifacts().entrySet()) {
                    raw(a.getValue(), name).ifPresent(t -> artifacts.put(a.getKey(), t));
                }
                inputs.add(new ContributionInput(c.root(), raw(c.tensors(), name).orElseThrow(), c.weight(),
                        artifacts));
            }
            Optional<RawTensor> base = req.base().flatMap(b -> raw(b, name));
            MergeOutcome out = merger.merge(req.strategy(), req.params(), inputs, base,
                    new MergeContext(req.seed(), name), arena, plan.output().dtype(), target);
            OutputConversion.write(out, plan.output().dtype(), target, name);
            return new TensorDone(ContentRoots.leaf(plan.output(), target), out.metadata());
        } finally {
            arena.close(); // recycles this thread's scratch buffers for the next tensor
        }
    }

    private static Optional<RawTensor> raw(TensorSource source, String name) {
        return source.find(name).map(t -> new RawTensor(t.dtype(), t.shape(), source.data(name)));
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var walk = Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
