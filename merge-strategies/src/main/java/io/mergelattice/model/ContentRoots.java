package io.mergelattice.model;

import io.mergelattice.identity.ChunkTreeHasher;
import io.mergelattice.identity.Hash32;
import io.mergelattice.safetensors.ChunkVisitor;
import io.mergelattice.safetensors.SafetensorsFormatException;
import io.mergelattice.safetensors.TensorSource;
import io.mergelattice.tensor.TensorInfo;
import java.lang.foreign.MemorySegment;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Content roots of models (design.md §2). {@link #verifyAndHash} reads every tensor byte once: the finite check of
 * the safetensors reader and the chunk-tree hashing share one pass over the memory-mapped data.
 */
public final class ContentRoots {
    /** A model's content root and its tensor leaves by name (in name order). */
    public record Result(Hash32 root, Map<String, Hash32> leaves) {
    }

    private ContentRoots() {
    }

    /** Checks every float tensor finite (NON_FINITE_VALUE otherwise) and computes the content root, in one pass. */
    public static Result verifyAndHash(TensorSource model) throws SafetensorsFormatException {
        Hasher h = new Hasher();
        model.checkFinite(h);
        return new Result(h.builder.root(), Collections.unmodifiableMap(h.leaves));
    }

    /** The content root without the finite check (a model already verified). */
    public static Hash32 of(TensorSource model) {
        ContentRootBuilder b = new ContentRootBuilder();
        for (TensorInfo t : model.tensors()) {
            b.add(t.name(), leaf(t, model.data(t.name())));
        }
        return b.root();
    }

    /** The tensor leaf of one tensor's bytes. */
    public static Hash32 leaf(TensorInfo t, MemorySegment data) {
        return TensorLeaf.of(t.name(), t.dtype().formatName(), t.shape(), ChunkTreeHasher.rootOf(data));
    }

    private static final class Hasher implements ChunkVisitor {
        final ContentRootBuilder builder = new ContentRootBuilder();
        final Map<String, Hash32> leaves = new LinkedHashMap<>();
        ChunkTreeHasher chunks;

        @Override
        public void beginTensor(TensorInfo tensor) {
            chunks = new ChunkTreeHasher();
        }

        @Override
        public void chunk(TensorInfo tensor, long index, MemorySegment chunk) {
            chunks.update(chunk);
        }

        @Override
        public void endTensor(TensorInfo tensor) {
            Hash32 leaf = TensorLeaf.of(tensor.name(), tensor.dtype().formatName(), tensor.shape(), chunks.finish());
            leaves.put(tensor.name(), leaf);
            builder.add(tensor.name(), leaf);
        }
    }
}
