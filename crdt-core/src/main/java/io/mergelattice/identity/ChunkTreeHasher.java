package io.mergelattice.identity;

import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.security.MessageDigest;

/**
 * Streams a tensor's raw bytes into its chunk tree in one pass (design.md §2): the bytes are cut into chunks of
 * {@link #CHUNK_SIZE} (1 MiB, the last one shorter), each chunk's leaf is {@code SHA-256(0x00 ‖ chunkBytes)}, and
 * the chunk-tree root is the {@link MerkleBuilder} root over those leaves. Zero bytes give zero chunks, so the
 * root of an empty tensor is {@code SHA-256(0x03)}. Nothing is buffered: each byte is fed to the digest once.
 */
public final class ChunkTreeHasher {
    /** Chunk size in bytes. Wire format: fixed at 1 MiB. */
    public static final int CHUNK_SIZE = 1 << 20;

    private final MessageDigest chunk = Sha256.newDigest();
    private final MerkleBuilder tree = new MerkleBuilder();
    private int inChunk; // bytes of the current chunk fed so far; 0 means no chunk is open
    private long total;

    /** Feeds bytes from the buffer's position to its limit; the position advances to the limit. */
    public ChunkTreeHasher update(ByteBuffer bytes) {
        while (bytes.hasRemaining()) {
            if (inChunk == 0) {
                chunk.update(Domain.CHUNK);
            }
            int n = Math.min(bytes.remaining(), CHUNK_SIZE - inChunk);
            int limit = bytes.limit();
            bytes.limit(bytes.position() + n);
            chunk.update(bytes);
            bytes.limit(limit);
            inChunk += n;
            total += n;
            if (inChunk == CHUNK_SIZE) {
                closeChunk();
            }
        }
        return this;
    }

    /** Feeds {@code len} bytes of {@code bytes} from {@code off}. */
    public ChunkTreeHasher update(byte[] bytes, int off, int len) {
        return update(ByteBuffer.wrap(bytes, off, len));
    }

    /** Feeds a whole memory segment (any size; fed in chunk-sized slices). */
    public ChunkTreeHasher update(MemorySegment segment) {
        long size = segment.byteSize();
        for (long off = 0; off < size; ) {
            long n = Math.min(size - off, CHUNK_SIZE - inChunk);
            update(segment.asSlice(off, n).asByteBuffer());
            off += n;
        }
        return this;
    }

    /** Total bytes fed. */
    public long byteCount() {
        return total;
    }

    /** Closes the last (short) chunk if one is open and returns the chunk-tree root. Call once. */
    public Hash32 finish() {
        if (inChunk > 0) {
            closeChunk();
        }
        return tree.root();
    }

    private void closeChunk() {
        tree.add(Sha256.finish(chunk));
        inChunk = 0;
    }

    /** The chunk-tree root of a whole segment. */
    public static Hash32 rootOf(MemorySegment segment) {
        return new ChunkTreeHasher().update(segment).finish();
    }
}
