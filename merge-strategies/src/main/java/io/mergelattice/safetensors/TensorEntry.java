package io.mergelattice.safetensors;

import io.mergelattice.tensor.TensorInfo;

/**
 * A tensor of a safetensors file and where its bytes lie: {@code [begin, end)} relative to the start of the data
 * buffer (the byte after the header), as the header's {@code data_offsets} say.
 *
 * @param info  name, dtype and shape
 * @param begin first byte, relative to the data buffer
 * @param end   one past the last byte
 */
public record TensorEntry(TensorInfo info, long begin, long end) {

    public TensorEntry {
        if (begin < 0 || end < begin || end - begin != info.byteSize()) {
            throw new IllegalArgumentException(info + ": bad data_offsets [" + begin + ", " + end + "]");
        }
    }

    /** The tensor's name. */
    public String name() {
        return info.name();
    }

    /** end − begin. */
    public long byteSize() {
        return end - begin;
    }
}
