package io.mergelattice.crdt;

import io.mergelattice.identity.Hash32;

/**
 * How an element of an {@link ORSet} becomes bytes in the {@link ORSetCodec} encoding. An implementation must be
 * canonical: {@code decode(encode(e)).equals(e)}, and {@code decode} must reject (with
 * {@link IllegalArgumentException}) any byte string that {@code encode} does not produce, so that equal states
 * encode to equal bytes and every accepted encoding is the canonical one.
 */
public interface ElementCodec<E> {
    /** The longest encoding {@link #encode} produces, in bytes; longer input is rejected as oversized. */
    int maxLength();

    byte[] encode(E element);

    /**
     * @throws IllegalArgumentException if {@code bytes} is not the encoding of any element
     */
    E decode(byte[] bytes);

    /** Contribution ids: the 32 raw bytes. */
    static ElementCodec<Hash32> hash32() {
        return Hash32Codec.INSTANCE;
    }

    /** Strings as strict UTF-8 (no unpaired surrogates), at most {@code maxBytes} bytes; used by tests. */
    static ElementCodec<String> utf8(int maxBytes) {
        return new Utf8Codec(maxBytes);
    }
}
