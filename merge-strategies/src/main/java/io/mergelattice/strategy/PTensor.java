package io.mergelattice.strategy;

import io.mergelattice.kernels.Layouts;
import io.mergelattice.tensor.TensorInfo;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.Arrays;

/**
 * A tensor in the compute precision P (strategies spec §2.5): little-endian floats (P = F32) or doubles (P = F64)
 * in a memory segment, with its shape. Element j is the j-th element in row-major order; the matrix view (§2.9)
 * is {@link #rows()} × {@link #cols()}. A tensor wrapping an input file's bytes is read-only.
 */
public final class PTensor {
    private final Precision precision;
    private final long[] shape;
    private final long size;
    private final MemorySegment data;

    public PTensor(Precision precision, long[] shape, MemorySegment data) {
        this.precision = precision;
        this.shape = shape.clone();
        this.size = TensorInfo.product(shape);
        this.data = data;
        if (data.byteSize() != size * precision.dtype().byteSize()) {
            throw new IllegalArgumentException("segment of " + data.byteSize() + " bytes for " + precision
                    + Arrays.toString(shape));
        }
    }

    /** A zero-filled tensor allocated in {@code arena}. */
    public static PTensor zeros(Precision p, long[] shape, Arena arena) {
        long bytes = TensorInfo.product(shape) * p.dtype().byteSize();
        return new PTensor(p, shape, arena.allocate(Math.max(bytes, 0), 8));
    }

    /**
     * A tensor whose contents are unspecified until written: for results that an operation overwrites completely
     * (a recycled {@link ScratchArena} buffer is then not zero-filled first).
     */
    public static PTensor uninitialized(Precision p, long[] shape, Arena arena) {
        long bytes = Math.max(TensorInfo.product(shape) * p.dtype().byteSize(), 0);
        MemorySegment seg = arena instanceof ScratchArena s ? s.allocateUninitialized(bytes, 8)
                : arena.allocate(bytes, 8);
        return new PTensor(p, shape, seg);
    }

    /** A heap tensor holding {@code values} rounded to P (for host-side code and tests). */
    public static PTensor of(Precision p, long[] shape, double... values) {
        PTensor t = new PTensor(p, shape, p == Precision.F32
                ? MemorySegment.ofArray(new float[values.length]) : MemorySegment.ofArray(new double[values.length]));
        for (int j = 0; j < values.length; j++) {
            t.set(j, values[j]);
        }
        return t;
    }

    public Precision precision() {
        return precision;
    }

    public long[] shape() {
        return shape.clone();
    }

    public int rank() {
        return shape.length;
    }

    /** d = prod(S), 1 for a 0-d tensor. */
    public long size() {
        return size;
    }

    public MemorySegment segment() {
        return data;
    }

    /** Matrix view rows: S[0] for ndim ≥ 2, else 1 (§2.9). */
    public long rows() {
        return shape.length >= 2 ? shape[0] : 1;
    }

    /** Matrix view cols: d / S[0] for ndim ≥ 2, else d (§2.9). */
    public long cols() {
        return shape.length >= 2 ? (shape[0] == 0 ? 0 : size / shape[0]) : size;
    }

    /** Element j widened exactly to double. */
    public double get(long j) {
        return precision == Precision.F32 ? data.getAtIndex(Layouts.F32, j) : data.getAtIndex(Layouts.F64, j);
    }

    /** Sets element j to round_P(v). */
    public void set(long j, double v) {
        if (precision == Precision.F32) {
            data.setAtIndex(Layouts.F32, j, (float) v);
        } else {
            data.setAtIndex(Layouts.F64, j, v);
        }
    }

    /** All elements as doubles (small tensors, tests). */
    public double[] toDoubleArray() {
        double[] out = new double[Math.toIntExact(size)];
        for (int j = 0; j < out.length; j++) {
            out[j] = get(j);
        }
        return out;
    }

    /** A new tensor with the same contents, allocated in {@code arena}. */
    public PTensor copy(Arena arena) {
        PTensor t = zeros(precision, shape, arena);
        MemorySegment.copy(data, 0, t.data, 0, data.byteSize());
        return t;
    }

    @Override
    public String toString() {
        return precision + Arrays.toString(shape);
    }
}
