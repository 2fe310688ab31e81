package io.mergelattice.kernels;

import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Magnitude bit patterns (spec §2.8, {@link MagnitudeSelection}) of a run of elements on 256-bit vectors: the
 * pattern of x_j, or of the difference x_j − b_j rounded to P (lane-wise, exactly the scalar subtraction), with the
 * sign bit cleared. Used by the vector backend's radix select; the oracle computes the same integers one by one.
 */
final class VectorKeys {
    private static final VectorSpecies<Float> F = FloatVector.SPECIES_256;
    private static final VectorSpecies<Double> D = DoubleVector.SPECIES_256;
    private static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;

    private VectorKeys() {
    }

    /** keys[j] = pattern of element {@code from + j}, j &lt; len (b may be null). */
    static void f32(MemorySegment x, MemorySegment b, long from, int len, int[] keys) {
        int bound = len - len % F.length();
        for (int j = 0; j < bound; j += F.length()) {
            long off = (from + j) * Float.BYTES;
            FloatVector v = FloatVector.fromMemorySegment(F, x, off, LE);
            if (b != null) {
                v = v.sub(FloatVector.fromMemorySegment(F, b, off, LE));
            }
            v.reinterpretAsInts().and(0x7FFF_FFFF).intoArray(keys, j);
        }
        for (int j = bound; j < len; j++) {
            keys[j] = MagnitudeSelection.keyF32(x, b, from + j);
        }
    }

    static void f64(MemorySegment x, MemorySegment b, long from, int len, long[] keys) {
        int bound = len - len % D.length();
        for (int j = 0; j < bound; j += D.length()) {
            long off = (from + j) * Double.BYTES;
            DoubleVector v = DoubleVector.fromMemorySegment(D, x, off, LE);
            if (b != null) {
                v = v.sub(DoubleVector.fromMemorySegment(D, b, off, LE));
            }
            v.reinterpretAsLongs().and(0x7FFF_FFFF_FFFF_FFFFL).intoArray(keys, j);
        }
        for (int j = bound; j < len; j++) {
            keys[j] = MagnitudeSelection.keyF64(x, b, from + j);
        }
    }

    /**
     * Pass 2 of the F32 select: for every element of [from, from + len) whose pattern has high 16 bits equal to
     * {@code bucket[r]}, counts its low 16 bits in {@code hist[r]}. Whole vectors without such an element (nearly
     * all) cost one compare; the others are counted lane by lane.
     */
    static void countLowF32(MemorySegment x, MemorySegment b, long from, int len, int[] bucket, long[][] hist) {
        int bound = len - len % F.length();
        int[] lanes = new int[F.length()];
        for (int j = 0; j < bound; j += F.length()) {
            long off = (from + j) * Float.BYTES;
            FloatVector v = FloatVector.fromMemorySegment(F, x, off, LE);
            if (b != null) {
                v = v.sub(FloatVector.fromMemorySegment(F, b, off, LE));
            }
            IntVector key = v.reinterpretAsInts().and(0x7FFF_FFFF);
            IntVector high = key.lanewise(VectorOperators.LSHR, 16);
            for (int r = 0; r < bucket.length; r++) {
                if (high.compare(VectorOperators.EQ, bucket[r]).anyTrue()) {
                    key.intoArray(lanes, 0); // one store, then plain reads (lane(i) is a checked extraction)
                    for (int k : lanes) {
                        if (k >>> 16 == bucket[r]) {
                            hist[r][k & 0xFFFF]++;
                        }
                    }
                }
            }
        }
        for (int j = bound; j < len; j++) {
            int k = MagnitudeSelection.keyF32(x, b, from + j);
            for (int r = 0; r < bucket.length; r++) {
                if (k >>> 16 == bucket[r]) {
                    hist[r][k & 0xFFFF]++;
                }
            }
        }
    }
}
