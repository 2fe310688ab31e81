package io.mergelattice.safetensors;

import io.mergelattice.tensor.DType;
import io.mergelattice.tensor.TensorInfo;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Builds safetensors files byte by byte for tests. */
final class TestFiles {

    private TestFiles() {
    }

    /** 8-byte little-endian {@code headerLength}, then {@code header}, then {@code data}. */
    static byte[] raw(long headerLength, byte[] header, byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(headerLength).array());
        out.writeBytes(header);
        out.writeBytes(data);
        return out.toByteArray();
    }

    /** A file whose header is {@code json} (UTF-8, exact length) followed by {@code data}. */
    static byte[] file(String json, byte[] data) {
        byte[] header = json.getBytes(StandardCharsets.UTF_8);
        return raw(header.length, header, data);
    }

    /** A file whose header is {@code json} followed by {@code dataBytes} zero bytes. */
    static byte[] file(String json, int dataBytes) {
        return file(json, new byte[dataBytes]);
    }

    /** {@code json} with single quotes turned into double quotes, for readable tables. */
    static String q(String json) {
        return json.replace('\'', '"');
    }

    static Path write(Path dir, String name, byte[] bytes) throws IOException {
        Path p = dir.resolve(name);
        Files.write(p, bytes);
        return p;
    }

    /** Deterministic, distinct bytes for a tensor: byte k of tensor {@code salt} is {@code (k * 31 + salt)}. */
    static MemorySegment pattern(TensorInfo t, int salt) {
        byte[] b = new byte[Math.toIntExact(t.byteSize())];
        for (int k = 0; k < b.length; k++) {
            b[k] = (byte) (k * 31 + salt);
        }
        if (t.dtype().isFloat()) { // keep floating tensors finite: clear the top exponent bit of each element
            int size = t.dtype().byteSize();
            for (int k = size - 1; k < b.length; k += size) {
                b[k] &= 0x3F;
            }
        }
        return MemorySegment.ofArray(b);
    }

    static TensorInfo t(String name, DType dtype, long... shape) {
        return TensorInfo.of(name, dtype, shape);
    }
}
