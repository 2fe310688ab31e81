package io.mergelattice.safetensors;

import io.mergelattice.tensor.TensorInfo;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Collection;
import java.util.Map;

/**
 * Writes a canonical safetensors file ({@link SafetensorsLayout}) through a read-write memory mapping: the file is
 * sized up front, the header written, and each tensor handed out as a writable {@link MemorySegment} slice, so
 * results can be computed straight into the page cache instead of a heap buffer that is then copied (design §5:
 * page faults on fresh buffers cost more than the merge). Bytes never written stay zero (the file starts sparse).
 * {@link #finish()} flushes the mapping, fsyncs and unmaps.
 */
public final class MappedSafetensorsWriter implements AutoCloseable {

    private final Path path;
    private final SafetensorsLayout layout;
    private final FileChannel channel;
    private final Arena arena;
    private final MemorySegment file;
    private boolean finished;

    private MappedSafetensorsWriter(Path path, SafetensorsLayout layout, FileChannel channel, Arena arena,
                                    MemorySegment file) {
        this.path = path;
        this.layout = layout;
        this.channel = channel;
        this.arena = arena;
        this.file = file;
    }

    /** Creates (or truncates) {@code path} at its final size, writes the header and maps the file read-write. */
    public static MappedSafetensorsWriter create(Path path, Collection<TensorInfo> tensors,
                                                 Map<String, String> metadata) throws IOException {
        SafetensorsLayout layout = SafetensorsLayout.of(tensors, metadata);
        FileChannel channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
        Arena arena = Arena.ofShared();
        try {
            MemorySegment file = channel.map(FileChannel.MapMode.READ_WRITE, 0, layout.fileSize(), arena);
            file.copyFrom(MemorySegment.ofArray(layout.headerBytes()));
            return new MappedSafetensorsWriter(path, layout, channel, arena, file);
        } catch (IOException | RuntimeException e) {
            arena.close();
            channel.close();
            throw e;
        }
    }

    /** The file's layout: tensor order, offsets, sizes. */
    public SafetensorsLayout layout() {
        return layout;
    }

    /** The writable bytes of tensor {@code name} in the mapped file (valid until {@link #finish()}). */
    public MemorySegment tensor(String name) {
        if (finished) {
            throw new IllegalStateException(path + ": writer already finished");
        }
        TensorEntry e = layout.entry(name);
        return file.asSlice(layout.dataStart() + e.begin(), e.byteSize());
    }

    /** Flushes the mapping to the file, fsyncs, unmaps and closes. */
    public void finish() throws IOException {
        if (finished) {
            return;
        }
        finished = true;
        try (channel; arena) {
            file.force();
            channel.force(true);
        }
    }

    /** {@link #finish()}. */
    @Override
    public void close() throws IOException {
        finish();
    }
}
