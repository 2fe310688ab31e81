package io.mergelattice.tensor;

import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The common output conversion F32 → F32 / F64 → F64 at memory speed: a vectorised copy that writes every zero as
 * +0.0 (§2.5) and fails at the first non-finite value (tested in the same pass), with the same results and errors as
 * the element-by-element path.
 */
final class SameDtypeCopy {
    private static final VectorSpecies<Float> FLOATS = FloatVector.SPECIES_256;
    private static final VectorSpecies<Double> DOUBLES = DoubleVector.SPECIES_256;
    private static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;

    private SameDtypeCopy() {
    }

    /** Reports the first non-finite element at or after {@code from} exactly as the element-wise path does. */
    private static void fail(MemorySegment src, DType dtype, MemorySegment dst, long from, String tensorName) {
        long bad = from + FiniteScan.firstNonFinite(src.asSlice(from * dtype.byteSize()), dtype);
        Conversions.put(dst, bad, Conversions.read(src, dtype, bad), dtype, tensorName); // throws, naming it
    }

    /**
     * The same conversion in place, for a result computed straight into its output: every −0.0 becomes +0.0 (only
     * vectors holding one are written back) and nothing else changes. Returns the index of the first non-finite
     * element, or −1; elements before it may already have been canonicalised.
     */
    static long canonicaliseInPlace(MemorySegment data, DType dtype, long count) {
        if (dtype == DType.F32) {
            long bound = count - count % FLOATS.length();
            for (long off = 0, end = bound * 4; off < end; off += FLOATS.vectorByteSize()) {
                FloatVector v = FloatVector.fromMemorySegment(FLOATS, data, off, LE);
                if (v.test(VectorOperators.IS_FINITE).not().anyTrue()) {
                    return off / 4 + FiniteScan.firstNonFinite(data.asSlice(off), dtype);
                }
                VectorMask<Integer> negativeZero = v.reinterpretAsInts().eq(0x8000_0000);
                if (negativeZero.anyTrue()) {
                    v.blend(0.0f, negativeZero.cast(FLOATS)).intoMemorySegment(data, off, LE);
                }
            }
            for (long j = bound; j < count; j++) {
                float v = data.getAtIndex(LittleEndian.FLOAT, j);
                if (!Float.isFinite(v)) {
                    return j;
                }
                data.setAtIndex(LittleEndian.FLOAT, j, v == 0.0f ? 0.0f : v);
            }
        } else {
            long bound = count - count % DOUBLES.length();
            for (long off = 0, end = bound * 8; off < end; off += DOUBLES.vectorByteSize()) {
                DoubleVector v = DoubleVector.fromMemorySegment(DOUBLES, data, off, LE);
                if (v.test(VectorOperators.IS_FINITE).not().anyTrue()) {
                    return off / 8 + FiniteScan.firstNonFinite(data.asSlice(off), dtype);
                }
                VectorMask<Long> negativeZero = v.reinterpretAsLongs().eq(0x8000_0000_0000_0000L);
                if (negativeZero.anyTrue()) {
                    v.blend(0.0, negativeZero.cast(DOUBLES)).intoMemorySegment(data, off, LE);
                }
            }
            for (long j = bound; j < count; j++) {
                double v = data.getAtIndex(LittleEndian.DOUBLE, j);
                if (!Double.isFinite(v)) {
                    return j;
                }
                data.setAtIndex(LittleEndian.DOUBLE, j, v == 0.0 ? 0.0 : v);
            }
        }
        return -1;
    }

    static void copy(MemorySegment src, DType dtype, MemorySegment dst, long count, String tensorName) {
        if (dtype == DType.F32) {
            long bound = count - count % FLOATS.length();
            for (long off = 0, end = bound * 4; off < end; off += FLOATS.vectorByteSize()) {
                FloatVector v = FloatVector.fromMemorySegment(FLOATS, src, off, LE);
                if (v.test(VectorOperators.IS_FINITE).not().anyTrue()) {
                    fail(src, dtype, dst, off / 4, tensorName);
                }
                // Determinism: −0.0 == 0.0, so both zeros are written as +0.0.
                v.blend(0.0f, v.eq(0.0f)).intoMemorySegment(dst, off, LE);
            }
            for (long j = bound; j < count; j++) {
                Conversions.put(dst, j, src.getAtIndex(LittleEndian.FLOAT, j), dtype, tensorName);
            }
        } else {
            long bound = count - count % DOUBLES.length();
            for (long off = 0, end = bound * 8; off < end; off += DOUBLES.vectorByteSize()) {
                DoubleVector v = DoubleVector.fromMemorySegment(DOUBLES, src, off, LE);
                if (v.test(VectorOperators.IS_FINITE).not().anyTrue()) {
                    fail(src, dtype, dst, off / 8, tensorName);
                }
                v.blend(0.0, v.eq(0.0)).intoMemorySegment(dst, off, LE);
            }
            for (long j = bound; j < count; j++) {
                Conversions.put(dst, j, src.getAtIndex(LittleEndian.DOUBLE, j), dtype, tensorName);
            }
        }
    }
}
