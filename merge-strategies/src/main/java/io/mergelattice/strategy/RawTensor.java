package io.mergelattice.strategy;

import io.mergelattice.tensor.DType;
import io.mergelattice.tensor.TensorInfo;
import java.lang.foreign.MemorySegment;
import java.util.Arrays;
import java.util.Objects;

/**
 * A tensor as stored (any float dtype, little-endian bytes, often a read-only slice of a memory-mapped file),
 * before the runner widens it to the compute precision.
 */
public record RawTensor(DType dtype, long[] shape, MemorySegment data) {
    public RawTensor {
        Objects.requireNonNull(dtype);
        shape = shape.clone();
        long d = TensorInfo.product(shape);
        if (data.byteSize() != Math.multiplyExact(d, (long) dtype.byteSize())) {
            throw new IllegalArgumentException("tensor data of " + data.byteSize() + " bytes does not match "
                    + dtype + Arrays.toString(shape));
        }
    }

    @Override
    public long[] shape() {
        return shape.clone();
    }

    public long elementCount() {
        return TensorInfo.product(shape);
    }

    public boolean sameShape(long[] other) {
        return Arrays.equals(shape, other);
    }

    /** Element {@code j} widened exactly to double. */
    public double get(long j) {
        return io.mergelattice.tensor.Conversions.read(data, dtype, j);
    }

    /** A heap tensor of doubles (for tests and small artifacts). */
    public static RawTensor ofDoubles(DType dtype, long[] shape, double... values) {
        MemorySegment seg = MemorySegment.ofArray(new byte[Math.multiplyExact(values.length, dtype.byteSize())]);
        for (int j = 0; j < values.length; j++) {
            io.mergelattice.tensor.Conversions.put(seg, j, values[j], dtype, "literal");
        }
        return new RawTensor(dtype, shape, seg);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RawTensor t && t.dtype == dtype && Arrays.equals(t.shape, shape)
                && data.mismatch(t.data) < 0;
    }

    @Override
    public int hashCode() {
        return Objects.hash(dtype, Arrays.hashCode(shape));
    }

    @Override
    public String toString() {
        return dtype + Arrays.toString(shape);
    }
}
