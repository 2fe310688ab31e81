package io.mergelattice.identity;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * A 32-byte SHA-256 value: a chunk, tensor leaf, content root, contribution id, set root, recipe id, result id or
 * seed (design.md §2). Immutable; ordered as unsigned bytes, which is the canonical order of ids everywhere.
 */
public final class Hash32 implements Comparable<Hash32> {
    public static final int LENGTH = 32;
    /** 32 zero bytes: the stream root of position-wide masks and host search streams (strategies spec §2.10). */
    public static final Hash32 NULL_ROOT = new Hash32(new byte[LENGTH]);

    private static final HexFormat HEX = HexFormat.of();
    private final byte[] bytes;

    private Hash32(byte[] bytes) {
        this.bytes = bytes;
    }

    /** Wraps a copy of {@code bytes}, which must be exactly 32 bytes long. */
    public static Hash32 of(byte[] bytes) {
        if (bytes.length != LENGTH) {
            throw new IllegalArgumentException("a hash is 32 bytes, got " + bytes.length);
        }
        return new Hash32(bytes.clone());
    }

    /** Parses 64 lowercase or uppercase hex digits. */
    public static Hash32 ofHex(String hex) {
        if (hex.length() != 2 * LENGTH) {
            throw new IllegalArgumentException("a hash is 64 hex digits, got " + hex.length() + " characters");
        }
        try {
            return new Hash32(HEX.parseHex(hex));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not a hex hash: " + hex, e);
        }
    }

    static Hash32 wrap(byte[] digest) {
        return new Hash32(digest);
    }

    /** A copy of the 32 bytes. */
    public byte[] bytes() {
        return bytes.clone();
    }

    /** Byte {@code i} (0..31). */
    public byte byteAt(int i) {
        return bytes[i];
    }

    /** Feeds the 32 bytes to a digest without copying. */
    public void updateDigest(java.security.MessageDigest digest) {
        digest.update(bytes);
    }

    /** Lowercase hex, 64 digits. */
    public String hex() {
        return HEX.formatHex(bytes);
    }

    @Override
    public int compareTo(Hash32 other) {
        return Arrays.compareUnsigned(bytes, other.bytes);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Hash32 h && Arrays.equals(bytes, h.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return hex();
    }
}
