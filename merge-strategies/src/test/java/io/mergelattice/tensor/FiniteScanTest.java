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
}
