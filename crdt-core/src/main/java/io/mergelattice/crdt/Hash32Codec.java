package io.mergelattice.crdt;

import io.mergelattice.identity.Hash32;

/** {@link ElementCodec} for contribution ids. Wire format: the 32 raw bytes. */
final class Hash32Codec implements ElementCodec<Hash32> {
    static final Hash32Codec INSTANCE = new Hash32Codec();

    private Hash32Codec() {
    }

    @Override
    public int maxLength() {
        return Hash32.LENGTH;
    }

    @Override
    public byte[] encode(Hash32 element) {
        return element.bytes();
    }

    @Override
    public Hash32 decode(byte[] bytes) {
        return Hash32.of(bytes);
    }
}
