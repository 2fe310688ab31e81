package io.mergelattice.tensor;

import java.lang.foreign.MemorySegment;
import java.util.Objects;

/**
 * Bulk conversions between raw little-endian tensor data ({@link MemorySegment}s) and {@code float[]} /
 * {@code double[]} in the compute precision (spec §2.5).
 *
 * <p><b>Widening</b> (F16/BF16 → F32 → F64) is exact. <b>Narrowing</b> to an output dtype rounds to nearest-even
 * once from the source value ({@link FloatBits}). Before conversion every zero is written as +0.0: −0.0 is
 * canonicalised (§2.5 says "before conversion", so a tiny negative value that underflows to zero in F16/BF16/F32
 * keeps its sign, as a plain IEEE conversion does). A finite value that rounds to ±∞ throws
 * {@link OutputOverflowException} naming the tensor and element (no saturation); NaN or ±∞ in the source is not a
 * merge result and throws {@link IllegalArgumentException}. The {@code firstElement} parameters are element
 * indices in the whole tensor, so chunked callers get the right index in errors.
 */
public final class Conversions {

    private Conversions() {
    }

    /** Widens all of {@code src} (F16, BF16 or F32) into {@code dst}, whose length must be its element count. */
    public static void widenToF32(MemorySegment src, DType dtype, float[] dst) {
        requireCount(src, dtype, dst.length);
        widenToF32(src, dtype, 0, dst, 0, dst.length);
    }

    /** Widens elements {@code [firstElement, firstElement + count)} of {@code src} into {@code dst[dstOffset...]}. */
    public static void widenToF32(MemorySegment src, DType dtype, long firstElement, float[] dst, int dstOffset,
                                  int count) {
        Objects.checkFromIndexSize(dstOffset, count, dst.length);
        switch (dtype) {
            case F32 -> MemorySegment.copy(src, LittleEndian.FLOAT, firstElement * 4, dst, dstOffset, count);
            case F16 -> {
                for (int i = 0; i < count; i++) {
                    dst[dstOffset + i] = Float.float16ToFloat(src.getAtIndex(LittleEndian.SHORT, firstElement + i));
                }
            }
            case BF16 -> {
                for (int i = 0; i < count; i++) {
                    dst[dstOffset + i] = FloatBits.bf16ToFloat(src.getAtIndex(LittleEndian.SHORT, firstElement + i));
                }
            }
            default -> throw new IllegalArgumentException("cannot widen " + dtype + " to F32 exactly");
        }
    }

    /** Widens all of {@code src} (any floating dtype) into {@code dst}, whose length must be its element count. */
    public static void widenToF64(MemorySegment src, DType dtype, double[] dst) {
        requireCount(src, dtype, dst.length);
        widenToF64(src, dtype, 0, dst, 0, dst.length);
    }

    /** Widens elements {@code [firstElement, firstElement + count)} of {@code src} into {@code dst[dstOffset...]}. */
    public static void widenToF64(MemorySegment src, DType dtype, long firstElement, double[] dst, int dstOffset,
                                  int count) {
        Objects.checkFromIndexSize(dstOffset, count, dst.length);
        switch (dtype) {
            case F64 -> MemorySegment.copy(src, LittleEndian.DOUBLE, firstElement * 8, dst, dstOffset, count);
            case F32 -> {
                for (int i = 0; i < count; i++) {
                    dst[dstOffset + i] = src.getAtIndex(LittleEndian.FLOAT, firstElement + i);
                }
            }
            case F16 -> {
                for (int i = 0; i < count; i++) {
                    dst[dstOffset + i] = Float.float16ToFloat(src.getAtIndex(LittleEndian.SHORT, firstElement + i));
                }
            }
            case BF16 -> {
                for (int i = 0; i < count; i++) {
                    dst[dstOffset + i] = FloatBits.bf16ToFloat(src.getAtIndex(LittleEndian.SHORT, firstElement + i));
                }
            }
            default -> throw new IllegalArgumentException(dtype + " is not a floating dtype");
        }
    }

    /** Narrows all of {@code src} (a result in F64) into {@code dst} as {@code out}; sizes must match exactly. */
    public static void narrow(double[] src, DType out, MemorySegment dst, String tensorName) {
        requireCount(dst, out, src.length);
        narrow(src, 0, src.length, out, dst, 0, tensorName);
    }

    /**
     * Narrows {@code src[srcOffset .. srcOffset + count)} into elements {@code [firstElement, firstElement + count)}
     * of {@code dst} as {@code out}.
     */
    public static void narrow(double[] src, int srcOffset, int count, DType out, MemorySegment dst,
                              long firstElement, String tensorName) {
        Objects.checkFromIndexSize(srcOffset, count, src.length);
        Objects.checkFromIndexSize(firstElement * out.byteSize(), (long) count * out.byteSize(), dst.byteSize());
        // One loop per output dtype (no per-element dispatch); errors leave the loop through slow paths.
        switch (out) {
            case F64 -> {
                for (int i = 0; i < count; i++) {
                    double v = src[srcOffset + i];
                    if (!Double.isFinite(v)) {
                        throw nonFinite(tensorName, firstElement + i, v, out);
                    }
                    dst.setAtIndex(LittleEndian.DOUBLE, firstElement + i, v == 0.0 ? 0.0 : v);
                }
            }
            case F32 -> {
                for (int i = 0; i < count; i++) {
                    double v = src[srcOffset + i];
                    float f = (float) v;
                    if (Float.isInfinite(f) || f != f) {
                        throw outOfRange(tensorName, firstElement + i, v, out);
                    }
                    dst.setAtIndex(LittleEndian.FLOAT, firstElement + i, f == 0.0f ? 0.0f : f);
                }
            }
            case F16, BF16 -> {
                boolean f16 = out == DType.F16;
                int infinity = f16 ? FloatBits.F16_POSITIVE_INFINITY : FloatBits.BF16_POSITIVE_INFINITY;
                for (int i = 0; i < count; i++) {
                    double v = src[srcOffset + i];
                    double canonical = v == 0.0 ? 0.0 : v;
                    short bits = f16 ? FloatBits.doubleToF16(canonical) : FloatBits.doubleToBf16(canonical);
                    if ((bits & infinity) == infinity) { // ±∞ or NaN
                        throw outOfRange(tensorName, firstElement + i, v, out);
                    }
                    dst.setAtIndex(LittleEndian.SHORT, firstElement + i, plusZero(bits));
                }
            }
            default -> throw new IllegalArgumentException(out + " is not a floating output dtype");
        }
    }

    /** Narrows all of {@code src} (a result in F32) into {@code dst} as {@code out}; sizes must match exactly. */
    public static void narrow(float[] src, DType out, MemorySegment dst, String tensorName) {
        requireCount(dst, out, src.length);
        narrow(src, 0, src.length, out, dst, 0, tensorName);
    }

    /**
     * Narrows {@code src[srcOffset .. srcOffset + count)} into elements {@code [firstElement, firstElement + count)}
     * of {@code dst} as {@code out} (F64 output widens exactly).
     */
    public static void narrow(float[] src, int srcOffset, int count, DType out, MemorySegment dst,
                              long firstElement, String tensorName) {
        Objects.checkFromIndexSize(srcOffset, count, src.length);
        Objects.checkFromIndexSize(firstElement * out.byteSize(), (long) count * out.byteSize(), dst.byteSize());
        switch (out) {
            case F32 -> {
                for (int i = 0; i < count; i++) {
                    float f = src[srcOffset + i];
                    if (!Float.isFinite(f)) {
                        throw nonFinite(tensorName, firstElement + i, f, out);
                    }
                    dst.setAtIndex(LittleEndian.FLOAT, firstElement + i, f == 0.0f ? 0.0f : f);
                }
            }
            case F16 -> {
                for (int i = 0; i < count; i++) {
                    float f = src[srcOffset + i];
                    short bits = Float.floatToFloat16(f == 0.0f ? 0.0f : f); // one rounding from the float
                    if ((bits & FloatBits.F16_POSITIVE_INFINITY) == FloatBits.F16_POSITIVE_INFINITY) {
                        throw outOfRange(tensorName, firstElement + i, f, out);
                    }
                    dst.setAtIndex(LittleEndian.SHORT, firstElement + i, plusZero(bits));
                }
            }
            case BF16 -> {
                for (int i = 0; i < count; i++) {
                    float f = src[srcOffset + i];
                    short bits = FloatBits.floatToBf16(f == 0.0f ? 0.0f : f);
                    if ((bits & FloatBits.BF16_POSITIVE_INFINITY) == FloatBits.BF16_POSITIVE_INFINITY) {
                        throw outOfRange(tensorName, firstElement + i, f, out);
                    }
                    dst.setAtIndex(LittleEndian.SHORT, firstElement + i, plusZero(bits));
                }
            }
            case F64 -> {
                for (int i = 0; i < count; i++) {
                    float f = src[srcOffset + i];
                    if (!Float.isFinite(f)) {
                        throw nonFinite(tensorName, firstElement + i, f, out);
                    }
                    dst.setAtIndex(LittleEndian.DOUBLE, firstElement + i, f == 0.0f ? 0.0 : (double) f);
                }
            }
            default -> throw new IllegalArgumentException(out + " is not a floating output dtype");
        }
    }

    /**
     * Converts every element of {@code src} (any floating dtype {@code in}) to {@code out} in {@code dst}, which
     * must hold the same number of elements.
     */
    public static void narrow(MemorySegment src, DType in, DType out, MemorySegment dst, String tensorName) {
        long count = elementCount(src, in);
        requireCount(dst, out, count);
        if (in == out && (in == DType.F32 || in == DType.F64)) {
            SameDtypeCopy.copy(src, in, dst, count, tensorName);
            return;
        }
        double[] buffer = new double[(int) Math.min(count, BATCH)];
        for (long first = 0; first < count; first += buffer.length) {
            int n = (int) Math.min(buffer.length, count - first);
            widenToF64(src, in, first, buffer, 0, n); // exact, so the value is rounded once below
            narrow(buffer, 0, n, out, dst, first, tensorName);
        }
    }

    /**
     * {@link #narrow(MemorySegment, DType, DType, MemorySegment, String)} for a result already in its output dtype
     * ({@link DType#F32} or {@link DType#F64}) and in its output memory: rewrites every −0.0 as +0.0 in place.
     *
     * @return the index of the first non-finite element (nothing is then guaranteed about the zeros), or −1
     */
    public static long canonicaliseInPlace(MemorySegment data, DType dtype) {
        if (dtype != DType.F32 && dtype != DType.F64) {
            throw new IllegalArgumentException("in-place conversion is for F32 and F64, not " + dtype);
        }
        return SameDtypeCopy.canonicaliseInPlace(data, dtype, elementCount(data, dtype));
    }

    /** Element {@code index} of {@code src} read as {@code dtype} (a floating dtype), widened exactly. */
    public static double read(MemorySegment src, DType dtype, long index) {
        return switch (dtype) {
            case F64 -> src.getAtIndex(LittleEndian.DOUBLE, index);
            case F32 -> src.getAtIndex(LittleEndian.FLOAT, index);
            case F16 -> Float.float16ToFloat(src.getAtIndex(LittleEndian.SHORT, index));
            case BF16 -> FloatBits.bf16ToFloat(src.getAtIndex(LittleEndian.SHORT, index));
            default -> throw new IllegalArgumentException(dtype + " is not a floating dtype");
        };
    }

    /** Writes {@code value} as element {@code index} of {@code dst} in {@code out}, with the rules above. */
    public static void put(MemorySegment dst, long index, double value, DType out, String tensorName) {
        if (!Double.isFinite(value)) {
            throw nonFinite(tensorName, index, value, out);
        }
        double v = value == 0.0 ? 0.0 : value; // Determinism: −0.0 is canonicalised before conversion.
        switch (out) {
            case F64 -> dst.setAtIndex(LittleEndian.DOUBLE, index, v);
            case F32 -> {
                float f = (float) v;
                if (Float.isInfinite(f)) {
                    throw new OutputOverflowException(tensorName, index, value, out);
                }
                dst.setAtIndex(LittleEndian.FLOAT, index, f == 0.0f ? 0.0f : f); // underflow: +0, never −0
            }
            case F16 -> dst.setAtIndex(LittleEndian.SHORT, index,
                    checked(FloatBits.doubleToF16(v), FloatBits.F16_POSITIVE_INFINITY, tensorName, index, value, out));
            case BF16 -> dst.setAtIndex(LittleEndian.SHORT, index,
                    checked(FloatBits.doubleToBf16(v), FloatBits.BF16_POSITIVE_INFINITY, tensorName, index, value,
                            out));
            default -> throw new IllegalArgumentException(out + " is not a floating output dtype");
        }
    }

    /** Number of {@code dtype} elements in {@code data}; its byte size must be a whole number of elements. */
    public static long elementCount(MemorySegment data, DType dtype) {
        long size = dtype.byteSize();
        if (data.byteSize() % size != 0) {
            throw new IllegalArgumentException(
                    data.byteSize() + " bytes is not a whole number of " + dtype + " elements");
        }
        return data.byteSize() / size;
    }

    private static final int BATCH = 4096;

    /** NaN or ±∞ in the source: the caller's bug, not an overflow. */
    private static IllegalArgumentException nonFinite(String tensorName, long index, double value, DType out) {
        return new IllegalArgumentException("tensor '" + tensorName + "', element " + index
                + ": cannot write non-finite value " + value + " as " + out);
    }

    /** The rounded value is ±∞ or NaN: a non-finite source, else an overflow. */
    private static RuntimeException outOfRange(String tensorName, long index, double value, DType out) {
        return Double.isFinite(value) ? new OutputOverflowException(tensorName, index, value, out)
                : nonFinite(tensorName, index, value, out);
    }

    /** An underflowed ±0 in F16/BF16 is written as +0 (docs/decisions/0006-output-zeros.md). */
    private static short plusZero(short bits) {
        return (bits & 0x7FFF) == 0 ? 0 : bits;
    }

    private static short checked(short bits, short infinity, String tensorName, long index, double value,
                                 DType out) {
        if ((bits & 0x7FFF) == infinity) {
            throw new OutputOverflowException(tensorName, index, value, out);
        }
        return plusZero(bits);
    }

    private static void requireCount(MemorySegment segment, DType dtype, long count) {
        if (elementCount(segment, dtype) != count) {
            throw new IllegalArgumentException("segment holds " + segment.byteSize() / dtype.byteSize() + " "
                    + dtype + " elements, expected " + count);
        }
    }
}
