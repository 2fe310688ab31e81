package io.mergelattice.identity;

import java.io.ByteArrayOutputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Canonical byte encoding used inside hashed messages (design.md §2): little-endian integers, strings as
 * {@code u32 length ‖ UTF-8 bytes}, hashes as their 32 raw bytes. Wire format: see docs/identity.md.
 */
public final class CanonicalEncoder {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream(128);

    public CanonicalEncoder u8(int v) {
        if (v < 0 || v > 0xFF) {
            throw new IllegalArgumentException("u8 out of range: " + v);
        }
        out.write(v);
        return this;
    }

    public CanonicalEncoder u32(long v) {
        if (v < 0 || v > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("u32 out of range: " + v);
        }
        for (int i = 0; i < 4; i++) {
            out.write((int) (v >>> (8 * i)) & 0xFF);
        }
        return this;
    }

    public CanonicalEncoder u64(long v) {
        for (int i = 0; i < 8; i++) {
            out.write((int) (v >>> (8 * i)) & 0xFF);
        }
        return this;
    }

    /** {@code u32 byteLength ‖ UTF-8}; a string that is not valid Unicode (lone surrogate) is rejected. */
    public CanonicalEncoder str(String s) {
        byte[] utf8 = utf8(s);
        u32(utf8.length);
        out.writeBytes(utf8);
        return this;
    }

    public CanonicalEncoder hash(Hash32 h) {
        out.writeBytes(h.bytes());
        return this;
    }

    public byte[] toByteArray() {
        return out.toByteArray();
    }

    /** Strict UTF-8 encoding: unpaired surrogates are an error, never replaced. */
    public static byte[] utf8(String s) {
        try {
            var bb = StandardCharsets.UTF_8.newEncoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .encode(java.nio.CharBuffer.wrap(s));
            byte[] b = new byte[bb.remaining()];
            bb.get(b);
            return b;
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("string is not valid Unicode: " + s.replaceAll("\\p{Cs}", "\uFFFD"), e);
        }
    }
}
