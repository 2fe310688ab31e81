package io.mergelattice.tensor;

import java.nio.ByteOrder;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorSpecies;

import java.lang.foreign.MemorySegment;

/**
 * Finds NaN and ±∞ in raw little-endian tensor data by testing exponent bits, without converting values.
 */
public final class FiniteScan {

    private FiniteScan() {
    }

    /**
     * Index of the first NaN or ±∞ element of {@code data} read as {@code dtype}, or −1 if every element is finite.
     * Pass-through dtypes (integers, BOOL, FP8) are never reported: only F16, BF16, F32 and F64 are scanned.
     *
     * @throws IllegalArgumentException if the byte size is not a multiple of the element size
     */
    public static long firstNonFinite(MemorySegment data, DType dtype) {
        long count = Conversions.elementCount(data, dtype);
        switch (dtype) {
            case F16 -> {
                return scanShorts(data, count, 0x7C00);
            }
            case BF16 -> {
                return scanShorts(data, count, 0x7F80);
            }
            case F32 -> {
                long bound = count - count % INTS.length();
                for (long i = 0; i < bound; i += INTS.length()) {
                    // Performance: a whole vector is tested at once; the exact index is found below.
                    IntVector v = IntVector.fromMemorySegment(INTS, data, i * 4, ByteOrder.LITTLE_ENDIAN);
                    if (v.and(0x7F80_0000).eq(0x7F80_0000).anyTrue()) {
                        return scanInts(data, i, i + INTS.length());
                    }
                }
                return scanInts(data, bound, count);
            }
            case F64 -> {
                long bound = count - count % LONGS.length();
                long mask = 0x7FF0_0000_0000_0000L;
                for (long i = 0; i < bound; i += LONGS.length()) {
                    LongVector v = LongVector.fromMemorySegment(LONGS, data, i * 8, ByteOrder.LITTLE_ENDIAN);
                    if (v.and(mask).eq(mask).anyTrue()) {
                        return scanLongs(data, i, i + LONGS.length());
                    }
                }
                return scanLongs(data, bound, count);
            }
            default -> {
                return -1;
            }
        }
    }

    private static final VectorSpecies<Integer> INTS = IntVector.SPECIES_256;
    private static final VectorSpecies<Long> LONGS = LongVector.SPECIES_256;

    private static long scanInts(MemorySegment data, long from, long to) {
        for (long i = from; i < to; i++) {
            if ((data.getAtIndex(LittleEndian.INT, i) & 0x7F80_0000) == 0x7F80_0000) {
                return i;
            }
        }
        return -1;
    }

    private static long scanLongs(MemorySegment data, long from, long to) {
        long mask = 0x7FF0_0000_0000_0000L;
        for (long i = from; i < to; i++) {
            if ((data.getAtIndex(LittleEndian.LONG, i) & mask) == mask) {
                return i;
            }
        }
        return -1;
    }

    private static long scanShorts(MemorySegment data, long count, int exponentMask) {
        for (long i = 0; i < count; i++) {
            if ((data.getAtIndex(LittleEndian.SHORT, i) & exponentMask) == exponentMask) {
                return i;
            }
        }
        return -1;
    }
}
