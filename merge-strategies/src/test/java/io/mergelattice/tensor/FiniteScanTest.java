package io.mergelattice.tensor;

import org.junit.jupiter.api.Test;

import java.lang.foreign.MemorySegment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@link FiniteScan#firstNonFinite} on each floating dtype, and pass-through dtypes. */
class FiniteScanTest {

    @Test
    void findsTheFirstNaNOrInfinityInEachFloatingDtype() {
        MemorySegment f32 = MemorySegment.ofArray(new byte[5 * 4]);
        f32.setAtIndex(LittleEndian.FLOAT, 0, Float.MAX_VALUE);
        f32.setAtIndex(LittleEndian.FLOAT, 1, Float.MIN_VALUE);
        assertThat(FiniteScan.firstNonFinite(f32, DType.F32)).isEqualTo(-1);
        f32.setAtIndex(LittleEndian.FLOAT, 4, Float.NaN);
        f32.setAtIndex(LittleEndian.FLOAT, 3, Float.NEGATIVE_INFINITY);
        assertThat(FiniteScan.firstNonFinite(f32, DType.F32)).isEqualTo(3);

        MemorySegment f64 = MemorySegment.ofArray(new byte[3 * 8]);
        f64.setAtIndex(LittleEndian.DOUBLE, 0, Double.MAX_VALUE);
        assertThat(FiniteScan.firstNonFinite(f64, DType.F64)).isEqualTo(-1);
        f64.setAtIndex(LittleEndian.DOUBLE, 2, Double.POSITIVE_INFINITY);
        assertThat(FiniteScan.firstNonFinite(f64, DType.F64)).isEqualTo(2);

        MemorySegment half = MemorySegment.ofArray(new byte[4 * 2]);
        half.setAtIndex(LittleEndian.SHORT, 0, (short) 0x7BFF); // F16 max; as BF16 a finite 1.3e36
        half.setAtIndex(LittleEndian.SHORT, 1, (short) 0x7F7F); // BF16 max; as F16 a NaN
        assertThat(FiniteScan.firstNonFinite(half, DType.F16)).isEqualTo(1);
        assertThat(FiniteScan.firstNonFinite(half, DType.BF16)).isEqualTo(-1);
        half.setAtIndex(LittleEndian.SHORT, 3, (short) 0xFF80); // BF16 −∞
        assertThat(FiniteScan.firstNonFinite(half, DType.BF16)).isEqualTo(3);
    }

    @Test
    void passThroughDtypesAreNeverReported() {
        MemorySegment ones = MemorySegment.ofArray(new byte[16]).fill((byte) 0xFF);
        for (DType t : DType.values()) {
            if (!t.isFloat()) {
                assertThat(FiniteScan.firstNonFinite(ones, t)).as(t.name()).isEqualTo(-1);
            }
        }
        assertThat(FiniteScan.firstNonFinite(ones, DType.F32)).isZero();
    }

    @Test
    void aPartialElementIsRejected() {
        assertThatThrownBy(() -> FiniteScan.firstNonFinite(MemorySegment.ofArray(new byte[6]), DType.F32))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void inPlaceConversionWritesEveryZeroAsPositiveAndFindsTheFirstNonFiniteValue() {
        for (int n : new int[] {1, 7, 8, 9, 33}) { // around the 8- and 4-lane vectors, with scalar tails
            try (java.lang.foreign.Arena arena = java.lang.foreign.Arena.ofConfined()) {
                MemorySegment f32 = arena.allocate(n * 4L, 64);
                MemorySegment f64 = arena.allocate(n * 8L, 64);
                for (int j = 0; j < n; j++) {
                    float v = j % 3 == 0 ? -0.0f : j % 3 == 1 ? -1.5f * j : Float.MIN_VALUE;
                    f32.setAtIndex(LittleEndian.FLOAT, j, v);
                    f64.setAtIndex(LittleEndian.DOUBLE, j, v);
                }
                assertThat(Conversions.canonicaliseInPlace(f32, DType.F32)).isEqualTo(-1);
                assertThat(Conversions.canonicaliseInPlace(f64, DType.F64)).isEqualTo(-1);
                for (int j = 0; j < n; j++) {
                    float expected = j % 3 == 0 ? 0.0f : j % 3 == 1 ? -1.5f * j : Float.MIN_VALUE;
                    assertThat(Float.floatToRawIntBits(f32.getAtIndex(LittleEndian.FLOAT, j))).as("F32 %d of %d", j, n)
                            .isEqualTo(Float.floatToRawIntBits(expected == -0.0f ? 0.0f : expected));
                    assertThat(Double.doubleToRawLongBits(f64.getAtIndex(LittleEndian.DOUBLE, j))).as("F64 %d", j)
                            .isEqualTo(Double.doubleToRawLongBits(expected == 0.0 ? 0.0 : (double) expected));
                }
                f32.setAtIndex(LittleEndian.FLOAT, n - 1, Float.POSITIVE_INFINITY);
                f64.setAtIndex(LittleEndian.DOUBLE, n / 2, Double.NaN);
                assertThat(Conversions.canonicaliseInPlace(f32, DType.F32)).isEqualTo(n - 1);
                assertThat(Conversions.canonicaliseInPlace(f64, DType.F64)).isEqualTo(n / 2);
            }
        }
        assertThatThrownBy(() -> Conversions.canonicaliseInPlace(MemorySegment.ofArray(new byte[4]), DType.BF16))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
