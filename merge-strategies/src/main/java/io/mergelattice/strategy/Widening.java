package io.mergelattice.strategy;

import io.mergelattice.kernels.Layouts;
import io.mergelattice.tensor.DType;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * Brings stored tensors into the compute precision (strategies spec §2.5): F16 and BF16 widen exactly to F32, F32
 * exactly to F64. A tensor already in P is wrapped without copying.
 */
final class Widening {
    private static final ValueLayout.OfShort U16 = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    private Widening() {
    }

    /** θ in P: exact. */
    static PTensor widen(RawTensor t, Precision p, Arena arena) {
        if (t.dtype() == p.dtype()) {
            return new PTensor(p, t.shape(), t.data());
        }
        PTensor out = PTensor.zeros(p, t.shape(), arena);
        long n = t.elementCount();
        MemorySegment src = t.data();
        MemorySegment dst = out.segment();
        DType dt = t.dtype();
        for (long j = 0; j < n; j++) {
            double v = switch (dt) {
                case F16 -> Float.float16ToFloat(src.getAtIndex(U16, j));
                case BF16 -> Float.intBitsToFloat((src.getAtIndex(U16, j) & 0xFFFF) << 16);
                case F32 -> src.getAtIndex(Layouts.F32, j);
                case F64 -> src.getAtIndex(Layouts.F64, j);
                default -> throw new IllegalArgumentException("not a float dtype: " + dt);
            };
            if (p == Precision.F32) {
                dst.setAtIndex(Layouts.F32, j, (float) v); // exact: v came from F16/BF16
            } else {
                dst.setAtIndex(Layouts.F64, j, v);
            }
        }
        return out;
    }

    /** An element-wise artifact rounded to P (round to nearest even); ±∞ after rounding is ARTIFACT_INVALID. */
    static PTensor roundArtifact(String name, int contribution, RawTensor t, Precision p, Arena arena)
            throws MergeException {
        if (t.dtype() == p.dtype() || p == Precision.F64) {
            return widen(t, p, arena);
        }
        if (t.dtype() != DType.F64) {
            return widen(t, p, arena);
        }
        PTensor out = PTensor.zeros(p, t.shape(), arena);
        long n = t.elementCount();
        for (long j = 0; j < n; j++) {
            float f = (float) t.data().getAtIndex(Layouts.F64, j);
            if (Float.isInfinite(f)) {
                throw new MergeException(ErrorCode.ARTIFACT_INVALID, "artifact '" + name + "' of contribution "
                        + contribution + " overflows " + p + " at element " + j);
            }
            out.segment().setAtIndex(Layouts.F32, j, f);
        }
        return out;
    }
}
