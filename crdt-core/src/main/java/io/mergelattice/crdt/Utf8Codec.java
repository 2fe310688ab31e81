package io.mergelattice.crdt;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** {@link ElementCodec} for strings: strict UTF-8, malformed input and unpaired surrogates rejected. */
record Utf8Codec(int maxLength) implements ElementCodec<String> {
    Utf8Codec {
        if (maxLength < 1) {
            throw new IllegalArgumentException("maxLength must be >= 1, got " + maxLength);
        }
    }

    @Override
    public byte[] encode(String element) {
        byte[] bytes;
        try {
            ByteBuffer bb = StandardCharsets.UTF_8.newEncoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .encode(CharBuffer.wrap(element));
            bytes = new byte[bb.remaining()];
            bb.get(bytes);
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("element is not valid Unicode", e);
        }
        if (bytes.length > maxLength) {
            throw new IllegalArgumentException("element is " + bytes.length + " UTF-8 bytes, limit " + maxLength);
        }
        return bytes;
    }

    @Override
    public String decode(byte[] bytes) {
        if (bytes.length > maxLength) {
            throw new IllegalArgumentException("element is " + bytes.length + " UTF-8 bytes, limit " + maxLength);
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("element is not valid UTF-8", e);
        }
    }
}
