package io.mergelattice.kernels;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Lane-wise counter-based SplitMix64 (spec §2.10) on 4 × 64-bit lanes: lane k of the counter vector holds
 * {@code key + (j + k + 1) × γ mod 2^64}; every lane is computed by random access, so the values are exactly
 * {@link CounterRng#u(long, long)} for any vector width.
 */
final class VectorRandom {

    static final VectorSpecies<Long> L4 = LongVector.SPECIES_256;
    static final int LANES = 4;
    private static final long STEP = LANES * CounterRng.GOLDEN_GAMMA; // wraps mod 2^64, like the scalar formula

    private VectorRandom() {
    }

    /** The mix64 inputs of counters {@code firstIndex … firstIndex + 3}. */
    static LongVector counters(long key, long firstIndex) {
        return LongVector.zero(L4).addIndex(1).add(firstIndex + 1).mul(CounterRng.GOLDEN_GAMMA).add(key);
    }

    /** The mix64 inputs of the next 4 counters. */
    static LongVector next(LongVector z) {
        return z.add(STEP);
    }

    /** u(key, j) per lane: (mix64(z) >>> 11) × 2^−53, exact (the integer has 53 bits). */
    static DoubleVector uniform(LongVector z) {
        LongVector bits = mix64(z);
        return ((DoubleVector) bits.lanewise(VectorOperators.LSHR, 11).convert(VectorOperators.L2D, 0))
                .mul(CounterRng.UNIT);
    }

    /** mix64 lane-wise (multiplication mod 2^64). */
    static LongVector mix64(LongVector z) {
        z = z.lanewise(VectorOperators.XOR, z.lanewise(VectorOperators.LSHR, 30)).mul(CounterRng.MIX1);
        z = z.lanewise(VectorOperators.XOR, z.lanewise(VectorOperators.LSHR, 27)).mul(CounterRng.MIX2);
        return z.lanewise(VectorOperators.XOR, z.lanewise(VectorOperators.LSHR, 31));
    }
}
