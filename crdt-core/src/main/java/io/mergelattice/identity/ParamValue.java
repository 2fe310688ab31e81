package io.mergelattice.identity;

/**
 * A typed, canonical recipe parameter value (strategies spec §2.1: double, integer, boolean or string).
 * Wire format: {@code u8 tag ‖ payload} with tag 1 = double (u64 IEEE bits, finite, -0.0 stored as +0.0),
 * 2 = integer (u64 two's complement), 3 = boolean (u8 0/1), 4 = string (str).
 */
public sealed interface ParamValue {
    void encode(CanonicalEncoder e);

    record DoubleValue(double value) implements ParamValue {
        public DoubleValue {
            if (!Double.isFinite(value)) {
                throw new IllegalArgumentException("a double parameter must be finite, got " + value);
            }
            value = value == 0.0 ? 0.0 : value;
        }

        @Override
        public void encode(CanonicalEncoder e) {
            e.u8(1).u64(Double.doubleToRawLongBits(value));
        }
    }

    record IntValue(long value) implements ParamValue {
        @Override
        public void encode(CanonicalEncoder e) {
            e.u8(2).u64(value);
        }
    }

    record BoolValue(boolean value) implements ParamValue {
        @Override
        public void encode(CanonicalEncoder e) {
            e.u8(3).u8(value ? 1 : 0);
        }
    }

    record StringValue(String value) implements ParamValue {
        @Override
        public void encode(CanonicalEncoder e) {
            e.u8(4).str(value);
        }
    }
}
