package io.mergelattice.tensor;

/**
 * Scalar conversions between {@code double}/{@code float} and the 16-bit formats F16 (IEEE binary16) and BF16
 * (bfloat16), as raw bit patterns.
 *
 * <p>Widening is exact. Narrowing rounds to nearest, ties to even, <em>once</em>, from the value given (a double is
 * never rounded to float first: that could round twice), with gradual underflow to subnormals. A finite value
 * beyond the target's range becomes ±∞ here (callers that must not overflow check for it); NaN becomes the
 * target's canonical quiet NaN. The sign of zero is kept: canonicalising −0.0 is the caller's choice.
 */
public final class FloatBits {

    /** Bits of F16's +∞. */
    public static final short F16_POSITIVE_INFINITY = 0x7C00;
    /** Bits of BF16's +∞. */
    public static final short BF16_POSITIVE_INFINITY = 0x7F80;

    private static final long DOUBLE_ABS_MASK = 0x7FFF_FFFF_FFFF_FFFFL;
    private static final long DOUBLE_INFINITY_BITS = 0x7FF0_0000_0000_0000L;
    private static final int DOUBLE_MANTISSA_BITS = 52;

    private FloatBits() {
    }

    /** Exact value of the F16 bits {@code h}. */
    public static float f16ToFloat(short h) {
        return Float.float16ToFloat(h);
    }

    /** Exact value of the BF16 bits {@code b}. */
    public static float bf16ToFloat(short b) {
        return Float.intBitsToFloat((b & 0xFFFF) << 16);
    }

    /** {@code f} rounded to F16 (RNE). */
    public static short floatToF16(float f) {
        return Float.floatToFloat16(f);
    }

    /** {@code d} rounded once to F16 (RNE). */
    public static short doubleToF16(double d) {
        return Float.floatToFloat16(toFloatRoundToOdd(d));
    }

    /** {@code f} rounded to BF16 (RNE). */
    public static short floatToBf16(float f) {
        int bits = Float.floatToRawIntBits(f);
        if (Float.isNaN(f)) {
            return (short) ((bits >>> 16) | 0x0040);
        }
        // Round half to even on the 16 dropped bits; a carry into the exponent is the correct result (up to ∞).
        return (short) ((bits + 0x7FFF + ((bits >>> 16) & 1)) >>> 16);
    }

    /** {@code d} rounded once to BF16 (RNE). */
    public static short doubleToBf16(double d) {
        return floatToBf16(toFloatRoundToOdd(d));
    }

    /**
     * {@code d} rounded to float with round-to-odd (truncate, then set the last bit if inexact). Rounding that to
     * nearest-even in a format with at least two bits less precision (F16: 11, BF16: 8, float: 24) gives exactly
     * the nearest-even rounding of {@code d} itself (Boldo &amp; Melquiond 2008), so the fast float paths can be
     * used without double rounding. Overflow to float ∞ implies overflow in F16/BF16 too.
     */
    static float toFloatRoundToOdd(double d) {
        float f = (float) d;
        if ((double) f == d || Float.isInfinite(f) || Double.isNaN(d)) {
            return f;
        }
        int bits = Float.floatToRawIntBits(f);
        if (Math.abs((double) f) > Math.abs(d)) {
            bits--; // rounded away from zero: step back to the truncation (the sign bit is untouched)
        }
        return Float.intBitsToFloat(bits | 1);
    }

    /** Reference for {@link #doubleToF16}: the generic single rounding, kept as a test oracle. */
    static short doubleToF16Reference(double d) {
        return (short) roundDouble(d, 5, 10);
    }

    /** Reference for {@link #doubleToBf16}: the generic single rounding, kept as a test oracle. */
    static short doubleToBf16Reference(double d) {
        return (short) roundDouble(d, 8, 7);
    }

    /** {@code d} rounded once to F32 (RNE); equals {@code (float) d}, kept to test {@link #roundDouble}. */
    static int doubleToF32Bits(double d) {
        return (int) roundDouble(d, 8, 23);
    }

    /**
     * Rounds {@code d} to nearest-even in a binary format with {@code expBits} exponent bits and {@code mantBits}
     * stored mantissa bits (both below the double's), returning the format's bits in the low bits of the result.
     */
    static long roundDouble(double d, int expBits, int mantBits) {
        long bits = Double.doubleToRawLongBits(d);
        long sign = (bits >>> 63) << (expBits + mantBits);
        long abs = bits & DOUBLE_ABS_MASK;
        long infinity = ((1L << expBits) - 1) << mantBits;
        if (abs >= DOUBLE_INFINITY_BITS) {
            return abs == DOUBLE_INFINITY_BITS ? sign | infinity : infinity | (1L << (mantBits - 1));
        }
        int bias = (1 << (expBits - 1)) - 1;
        int biasedExp = (int) (abs >>> DOUBLE_MANTISSA_BITS);
        long mantissa = abs & ((1L << DOUBLE_MANTISSA_BITS) - 1);
        // value = significand × 2^(exponent − 52)
        long significand = biasedExp == 0 ? mantissa : mantissa | (1L << DOUBLE_MANTISSA_BITS);
        int exponent = biasedExp == 0 ? -1022 : biasedExp - 1023;
        if (exponent > bias) {
            return sign | infinity;
        }
        int minNormalExp = 1 - bias;
        if (exponent >= minNormalExp) {
            long rounded = roundShift(significand, DOUBLE_MANTISSA_BITS - mantBits);
            // rounded holds the implicit bit at position mantBits; a carry out of the mantissa bumps the exponent.
            long result = ((long) (exponent + bias - 1) << mantBits) + rounded;
            return sign | Math.min(result, infinity);
        }
        // Subnormal in the target: count units of 2^(minNormalExp − mantBits); reaching 2^mantBits units is the
        // smallest normal, whose encoding is exactly that number.
        int shift = DOUBLE_MANTISSA_BITS - mantBits + (minNormalExp - exponent);
        return sign | (shift >= 63 ? 0 : roundShift(significand, shift));
    }

    /** {@code value >>> shift} rounded to nearest, ties to even; 0 < shift < 63. */
    private static long roundShift(long value, int shift) {
        long quotient = value >>> shift;
        long remainder = value & ((1L << shift) - 1);
        long half = 1L << (shift - 1);
        if (remainder > half || (remainder == half && (quotient & 1) != 0)) {
            quotient++;
        }
        return quotient;
    }
}
