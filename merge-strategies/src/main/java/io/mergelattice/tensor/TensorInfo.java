package io.mergelattice.tensor;

import io.mergelattice.identity.Utf8Order;
import java.util.Arrays;
import java.util.Objects;

/**
 * A tensor's name, element type and shape (row-major; an empty shape is a 0-d tensor with one element).
 *
 * <p>Immutable: the shape is copied in and out. The constructor checks that the name is well-formed Unicode, that
 * every dimension is ≥ 0 and that the byte size fits in a {@code long}.
 *
 * @param name  the tensor's name as in the safetensors header
 * @param dtype the element type
 * @param shape the dimensions, outermost first
 */
public record TensorInfo(String name, DType dtype, long[] shape) {

    public TensorInfo {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(dtype, "dtype");
        shape = Objects.requireNonNull(shape, "shape").clone();
        if (!Utf8Order.isWellFormed(name)) {
            throw new IllegalArgumentException("tensor name has an unpaired surrogate: " + name);
        }
        for (long d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException(
                        "tensor '" + name + "': negative dimension in shape " + Arrays.toString(shape));
            }
        }
        try {
            Math.multiplyExact(product(shape), dtype.byteSize());
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException(
                    "tensor '" + name + "': byte size of shape " + Arrays.toString(shape) + " overflows a long", e);
        }
    }

    /** Shorthand for {@code new TensorInfo(name, dtype, shape)}. */
    public static TensorInfo of(String name, DType dtype, long... shape) {
        return new TensorInfo(name, dtype, shape);
    }

    /** A copy of the shape. */
    @Override
    public long[] shape() {
        return shape.clone();
    }

    /** Number of dimensions (0 for a scalar). */
    public int rank() {
        return shape.length;
    }

    /** Dimension {@code i}. */
    public long dim(int i) {
        return shape[i];
    }

    /** Product of the dimensions (1 for a 0-d tensor, 0 if any dimension is 0). */
    public long elementCount() {
        return product(shape);
    }

    /** {@link #elementCount()} × the dtype's size. */
    public long byteSize() {
        return elementCount() * dtype.byteSize();
    }

    /** Element count of {@code shape}, throwing {@link ArithmeticException} on overflow. */
    public static long product(long[] shape) {
        long n = 1;
        for (long d : shape) {
            n = Math.multiplyExact(n, d);
        }
        return n;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TensorInfo t && name.equals(t.name) && dtype == t.dtype && Arrays.equals(shape, t.shape);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, dtype, Arrays.hashCode(shape));
    }

    @Override
    public String toString() {
        return name + ": " + dtype + Arrays.toString(shape);
    }
}
