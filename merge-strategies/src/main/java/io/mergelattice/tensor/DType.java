package io.mergelattice.tensor;

import java.util.Optional;

/**
 * The element types of the safetensors format, named exactly as the format writes them.
 *
 * <p>{@link #F64}, {@link #F32}, {@link #F16} and {@link #BF16} are the <em>floating</em> types that merges compute
 * with ({@link #isFloat()}); every other type is carried through unchanged (pass-through) and never converted.
 * All types are stored little-endian.
 */
public enum DType {
    BOOL(1),
    U8(1),
    I8(1),
    I16(2),
    U16(2),
    I32(4),
    U32(4),
    I64(8),
    U64(8),
    F8_E4M3(1),
    F8_E5M2(1),
    F16(2),
    BF16(2),
    F32(4),
    F64(8);

    private final int byteSize;

    DType(int byteSize) {
        this.byteSize = byteSize;
    }

    /** Bytes per element. */
    public int byteSize() {
        return byteSize;
    }

    /** Whether this is one of the floating types that merges compute with (F16, BF16, F32, F64). */
    public boolean isFloat() {
        return this == F16 || this == BF16 || this == F32 || this == F64;
    }

    /** The name the safetensors header uses for this type (the constant's name). */
    public String formatName() {
        return name();
    }

    /** The type the safetensors header calls {@code name} (case-sensitive), if there is one. */
    public static Optional<DType> fromFormatName(String name) {
        for (DType t : values()) {
            if (t.name().equals(name)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }
}
