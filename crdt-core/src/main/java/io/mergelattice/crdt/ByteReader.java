package io.mergelattice.crdt;

import io.mergelattice.crdt.DecodingException.Reason;

/** Bounds-checked little-endian reads for {@link ORSetCodec}; running off the end is {@link Reason#TRUNCATED}. */
final class ByteReader {
    private final byte[] buf;
    private int pos;

    ByteReader(byte[] buf) {
        this.buf = buf;
    }

    int position() {
        return pos;
    }

    int remaining() {
        return buf.length - pos;
    }

    private void need(int n, String what) {
        if (remaining() < n) {
            throw new DecodingException(Reason.TRUNCATED, pos,
                    what + " needs " + n + " bytes, " + remaining() + " left");
        }
    }

    int u8(String what) {
        need(1, what);
        return buf[pos++] & 0xFF;
    }

    long u32(String what) {
        return littleEndian(4, what);
    }

    long u64(String what) {
        return littleEndian(8, what);
    }

    /** The next {@code size} bytes as an unsigned little-endian integer (a u64 wraps into a {@code long}). */
    private long littleEndian(int size, String what) {
        need(size, what);
        long v = 0;
        for (int i = 0; i < size; i++) {
            v |= (long) (buf[pos++] & 0xFF) << (8 * i);
        }
        return v;
    }

    byte[] bytes(int n, String what) {
        need(n, what);
        byte[] out = new byte[n];
        System.arraycopy(buf, pos, out, 0, n);
        pos += n;
        return out;
    }

    /**
     * Reads a u32 count and checks it against {@code limit} (else {@link Reason#OVERSIZED}) and against the bytes
     * left, given that each item takes at least {@code minItemBytes} (else {@link Reason#TRUNCATED}), so no
     * allocation is sized by an unchecked count.
     */
    int count(String what, int limit, int minItemBytes) {
        int at = pos;
        long n = u32(what + " count");
        if (n > limit) {
            throw new DecodingException(Reason.OVERSIZED, at, what + " count " + n + " exceeds the limit " + limit);
        }
        if (n * minItemBytes > remaining()) {
            throw new DecodingException(Reason.TRUNCATED, at,
                    what + " count " + n + " needs at least " + n * minItemBytes + " bytes, " + remaining() + " left");
        }
        return (int) n;
    }
}
