package io.mergelattice.safetensors;

import io.mergelattice.safetensors.SafetensorsFormatException.Problem;
import io.mergelattice.tensor.LittleEndian;
import io.mergelattice.tensor.TensorInfo;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;

/**
 * A memory-mapped, validated safetensors file.
 *
 * <p>Wire format: an 8-byte little-endian unsigned header length N, N bytes of UTF-8 JSON (tensor name →
 * {@code {"dtype", "shape", "data_offsets": [begin, end]}}, plus an optional {@code "__metadata__"} object of
 * strings), then the data buffer; offsets are relative to the data buffer. {@link #open} validates the whole
 * header (see {@link Problem}); tensor values are checked only by {@link #checkFinite()}.
 *
 * <p>The file is mapped once, read-only, in a shared arena: files beyond 2 GiB work, {@link #data} returns
 * zero-copy read-only slices usable from any thread, and {@link #close()} unmaps (later access to a slice throws
 * {@link IllegalStateException}).
 */
public final class SafetensorsFile implements TensorSource, AutoCloseable {

    /** Largest header accepted: 100 MiB. */
    public static final long MAX_HEADER_BYTES = 100L << 20;

    private final Path path;
    private final Arena arena;
    private final MemorySegment file;
    private final long headerSize;
    private final List<TensorEntry> entries;
    private final List<TensorInfo> tensors;
    private final Map<String, TensorEntry> byName;
    private final Map<String, String> metadata;

    private SafetensorsFile(Path path, Arena arena, MemorySegment file, long headerSize, HeaderParser.Header h) {
        this.path = path;
        this.arena = arena;
        this.file = file;
        this.headerSize = headerSize;
        this.entries = h.entries();
        this.tensors = entries.stream().map(TensorEntry::info).toList();
        this.byName = new HashMap<>();
        for (TensorEntry e : entries) {
            byName.put(e.name(), e);
        }
        this.metadata = h.metadata();
    }

    /**
     * Maps and validates the safetensors file at {@code path}.
     *
     * @throws SafetensorsFormatException if the file is malformed
     * @throws IOException                if it cannot be read
     */
    public static SafetensorsFile open(Path path) throws IOException {
        String where = path.toString();
        Arena arena = Arena.ofShared();
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            long size = channel.size();
            if (size < 8) {
                throw new SafetensorsFormatException(Problem.FILE_TOO_SHORT, where + ": " + size
                        + " bytes, shorter than the 8-byte header length");
            }
            MemorySegment file = channel.map(FileChannel.MapMode.READ_ONLY, 0, size, arena);
            long n = file.get(LittleEndian.LONG, 0); // unsigned: ≥ 2^63 reads as negative
            if (n < 0 || n > MAX_HEADER_BYTES) {
                throw new SafetensorsFormatException(Problem.HEADER_TOO_LARGE, where + ": header length "
                        + Long.toUnsignedString(n) + " exceeds the limit of " + MAX_HEADER_BYTES + " bytes");
            }
            if (n > size - 8) {
                throw new SafetensorsFormatException(Problem.HEADER_LENGTH_BEYOND_FILE, where + ": header length "
                        + n + " reaches beyond the end of the " + size + "-byte file");
            }
            byte[] header = file.asSlice(8, n).toArray(ValueLayout.JAVA_BYTE);
            HeaderParser.Header h = HeaderParser.parse(header, size - 8 - n, where);
            return new SafetensorsFile(path, arena, file, n, h);
        } catch (IOException | RuntimeException | Error e) {
            arena.close();
            throw e;
        }
    }

    /** The file this was opened from. */
    public Path path() {
        return path;
    }

    @Override
    public List<TensorInfo> tensors() {
        return tensors;
    }

    /** All tensors with their data offsets, sorted by name. */
    public List<TensorEntry> entries() {
        return entries;
    }

    @Override
    public Optional<TensorInfo> find(String name) {
        return Optional.ofNullable(byName.get(name)).map(TensorEntry::info);
    }

    /**
     * The entry of tensor {@code name}.
     *
     * @throws NoSuchElementException if there is none
     */
    public TensorEntry entry(String name) {
        TensorEntry e = byName.get(name);
        if (e == null) {
            throw new NoSuchElementException(path + ": no tensor '" + name + "'");
        }
        return e;
    }

    @Override
    public MemorySegment data(String name) {
        TensorEntry e = entry(name);
        return file.asSlice(dataStart() + e.begin(), e.byteSize()).asReadOnly();
    }

    /** The {@code __metadata__} strings, sorted by key; empty if the header has none. */
    public Map<String, String> metadata() {
        return metadata;
    }

    /** N, the length of the JSON header in bytes (excluding the 8-byte length). */
    public long headerSize() {
        return headerSize;
    }

    /** Offset of the data buffer in the file: 8 + N. */
    public long dataStart() {
        return 8 + headerSize;
    }

    /** Size of the file in bytes. */
    public long fileSize() {
        return file.byteSize();
    }

    /** Unmaps the file; segments handed out become inaccessible. */
    @Override
    public void close() {
        if (arena.scope().isAlive()) {
            arena.close();
        }
    }
}
