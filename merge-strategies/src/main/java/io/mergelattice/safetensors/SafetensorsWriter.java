package io.mergelattice.safetensors;

import io.mergelattice.tensor.TensorInfo;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Writes a canonical safetensors file ({@link SafetensorsLayout}) by streaming each tensor's raw little-endian
 * bytes. All tensors are declared up front; the header is written at once, then each tensor's bytes go to its
 * place with positional writes, so tensors may be written in any order (name order is the sequential one). The
 * writer counts bytes: writing past a tensor's size fails, and {@link #finish()} fails unless every tensor is
 * complete; it then fsyncs. Not thread-safe.
 *
 * <pre>{@code
 * try (var w = SafetensorsWriter.create(path, tensors, Map.of())) {
 *     for (TensorInfo t : w.layout().tensors()) w.writeTensor(t.name(), bytesOf(t));
 *     w.finish();
 * }
 * }</pre>
 */
public final class SafetensorsWriter implements AutoCloseable {

    private static final int MAX_WRITE = 64 << 20;
    private static final int STAGING = 1 << 20;

    private final Path path;
    private final SafetensorsLayout layout;
    private final FileChannel channel;
    private final long[] written;
    private boolean finished;

    private SafetensorsWriter(Path path, SafetensorsLayout layout, FileChannel channel) {
        this.path = path;
        this.layout = layout;
        this.channel = channel;
        this.written = new long[layout.tensors().size()];
    }

    /** Creates (or truncates) {@code path} and writes the header for {@code tensors} and {@code metadata}. */
    public static SafetensorsWriter create(Path path, Collection<TensorInfo> tensors, Map<String, String> metadata)
            throws IOException {
        SafetensorsLayout layout = SafetensorsLayout.of(tensors, metadata);
        FileChannel channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING);
        try {
            writeFully(channel, MemorySegment.ofArray(layout.headerBytes()), 0);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
        return new SafetensorsWriter(path, layout, channel);
    }

    /** The file's layout: tensor order, offsets, sizes. */
    public SafetensorsLayout layout() {
        return layout;
    }

    /** Writes all of tensor {@code name}'s bytes at once; {@code bytes} must be exactly its size. */
    public void writeTensor(String name, MemorySegment bytes) throws IOException {
        int i = layout.indexOf(name);
        TensorEntry e = layout.entry(name);
        if (written[i] != 0 || bytes.byteSize() != e.byteSize()) {
            throw new IllegalStateException(path + ": tensor '" + name + "' needs exactly " + e.byteSize()
                    + " bytes, got " + bytes.byteSize() + (written[i] != 0 ? " after " + written[i] : ""));
        }
        append(i, bytes);
    }

    /**
     * A channel that appends to tensor {@code name}'s bytes (continuing after what was already written); writing
     * more than the tensor's size throws. Closing it does not close the writer.
     */
    public WritableByteChannel beginTensor(String name) {
        int i = layout.indexOf(name);
        return new WritableByteChannel() {
            private boolean open = true;

            @Override
            public int write(ByteBuffer src) throws IOException {
                if (!open) {
                    throw new ClosedChannelException();
                }
                int n = src.remaining();
                append(i, MemorySegment.ofBuffer(src));
                src.position(src.limit());
                return n;
            }

            @Override
            public boolean isOpen() {
                return open;
            }

            @Override
            public void close() {
                open = false;
            }
        };
    }

    private void append(int i, MemorySegment bytes) throws IOException {
        if (finished) {
            throw new IllegalStateException(path + ": writer already finished");
        }
        TensorInfo t = layout.tensors().get(i);
        TensorEntry e = layout.entry(t.name());
        if (bytes.byteSize() > e.byteSize() - written[i]) {
            throw new IllegalStateException(path + ": tensor '" + t.name() + "' is " + e.byteSize()
                    + " bytes; writing " + bytes.byteSize() + " after " + written[i] + " would exceed it");
        }
        writeFully(channel, bytes, layout.dataStart() + e.begin() + written[i]);
        written[i] += bytes.byteSize();
    }

    /** Whether every tensor has all its bytes. */
    public boolean isComplete() {
        for (int i = 0; i < written.length; i++) {
            if (written[i] != layout.tensors().get(i).byteSize()) {
                return false;
            }
        }
        return true;
    }

    /**
     * Checks that every tensor is complete, fsyncs and closes the file.
     *
     * @throws IllegalStateException naming the first incomplete tensor (the file is closed but left partial)
     */
    public void finish() throws IOException {
        if (finished) {
            return;
        }
        finished = true;
        try (channel) {
            List<TensorInfo> tensors = layout.tensors();
            for (int i = 0; i < written.length; i++) {
                if (written[i] != tensors.get(i).byteSize()) {
                    throw new IllegalStateException(path + ": tensor '" + tensors.get(i).name() + "' has "
                            + written[i] + " of its " + tensors.get(i).byteSize() + " bytes");
                }
            }
            channel.force(true);
        }
    }

    /** {@link #finish()}: an incomplete file makes this throw. */
    @Override
    public void close() throws IOException {
        finish();
    }

    private static void writeFully(FileChannel channel, MemorySegment bytes, long position) throws IOException {
        // A segment over a float[] (or other non-byte array) cannot be viewed as a ByteBuffer: stage it.
        boolean direct = bytes.isNative() || bytes.heapBase().map(b -> b instanceof byte[]).orElse(false);
        int step = direct ? MAX_WRITE : STAGING;
        byte[] staging = direct ? null : new byte[(int) Math.min(STAGING, bytes.byteSize())];
        for (long off = 0; off < bytes.byteSize(); off += step) {
            MemorySegment piece = bytes.asSlice(off, Math.min(step, bytes.byteSize() - off));
            ByteBuffer buffer;
            if (direct) {
                buffer = piece.asByteBuffer();
            } else {
                MemorySegment.copy(piece, 0, MemorySegment.ofArray(staging), 0, piece.byteSize());
                buffer = ByteBuffer.wrap(staging, 0, (int) piece.byteSize());
            }
            long at = position + off;
            while (buffer.hasRemaining()) {
                at += channel.write(buffer, at);
            }
        }
    }
}
