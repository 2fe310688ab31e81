package io.mergelattice.kernels;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * B4 random keep mask (spec §2.10, §2.17) in place on a chunk held in a Java array: the scalar oracle and the
 * Vector API implementation behind {@link FloatKernels#randomKeep(float[], int, long, long, double, boolean)} and
 * its F64 twin. Element i has counter {@code first + i}; it is kept iff u(key, first + i) &lt; p; a kept element
 * becomes {@code round_P(x_i / p)} (quotient in double) if rescale, else x_i; a dropped one +0.0.
 *
 * <p>The vector path decides on integers: u = m · 2^−53 with m = bits &gt;&gt;&gt; 11 an integer in [0, 2^53), and
 * p · 2^53 is exact (scaling by a power of two), so u &lt; p ⟺ m &lt; p · 2^53 ⟺ m &lt; ⌈p · 2^53⌉ ({@link #threshold}),
 * the same decision without the int-to-double conversion.
 */
final class ArrayKeep {
    private static final VectorSpecies<Float> S4 = FloatVector.SPECIES_128;
    private static final VectorSpecies<Double> D4 = DoubleVector.SPECIES_256;
    private static final int LANES = VectorRandom.LANES;

    private ArrayKeep() {
    }

    /** ⌈p · 2^53⌉: m · 2^−53 &lt; p ⟺ m &lt; threshold(p) for every integer m in [0, 2^53). */
    static long threshold(double p) {
        Layouts.requireProbability(p);
        return (long) Math.ceil(p * 0x1.0p53);
    }

    static void scalarF32(float[] x, int from, int len, long key, long first, double p, boolean rescale) {
        for (int i = from; i < len; i++) {
            float v = x[i];
            // Determinism: the counter is the flat element index first + i (§2.10); quotient in double (§2.6).
            x[i] = CounterRng.u(key, first + i) < p ? (rescale ? (float) ((double) v / p) : v) : 0.0f;
        }
    }

    static void scalarF64(double[] x, int from, int len, long key, long first, double p, boolean rescale) {
        for (int i = from; i < len; i++) {
            double v = x[i];
            x[i] = CounterRng.u(key, first + i) < p ? (rescale ? v / p : v) : 0.0;
        }
    }

    /** The keep decisions of the 4 counters whose mix64 inputs are {@code z}. */
    private static VectorMask<Long> keep(LongVector z, long t) {
        return VectorRandom.mix64(z).lanewise(VectorOperators.LSHR, 11).compare(VectorOperators.LT, t);
    }

    static void vectorF32(float[] x, int len, long key, long first, double p, boolean rescale) {
        long t = threshold(p);
        int bound = len - len % LANES;
        DoubleVector pv = DoubleVector.broadcast(D4, p);
        LongVector z = VectorRandom.counters(key, first);
        if (rescale) {
            for (int j = 0; j < bound; j += LANES) {
                VectorMask<Double> k = keep(z, t).cast(D4);
                z = VectorRandom.next(z);
                // Determinism: (double) x / p in double, one rounding to float (§2.6), exactly the oracle's cast.
                DoubleVector w = (DoubleVector) FloatVector.fromArray(S4, x, j).convertShape(VectorOperators.F2D,
                        D4, 0);
                ((FloatVector) DoubleVector.zero(D4).blend(w.div(pv), k).convertShape(VectorOperators.D2F, S4, 0))
                        .intoArray(x, j);
            }
        } else {
            for (int j = 0; j < bound; j += LANES) {
                VectorMask<Float> k = keep(z, t).cast(S4);
                z = VectorRandom.next(z);
                FloatVector.zero(S4).blend(FloatVector.fromArray(S4, x, j), k).intoArray(x, j);
            }
        }
        scalarF32(x, bound, len, key, first, p, rescale);
    }

    static void vectorF64(double[] x, int len, long key, long first, double p, boolean rescale) {
        long t = threshold(p);
        int bound = len - len % LANES;
        DoubleVector pv = DoubleVector.broadcast(D4, p);
        LongVector z = VectorRandom.counters(key, first);
        for (int j = 0; j < bound; j += LANES) {
            VectorMask<Double> k = keep(z, t).cast(D4);
            z = VectorRandom.next(z);
            DoubleVector v = DoubleVector.fromArray(D4, x, j);
            DoubleVector.zero(D4).blend(rescale ? v.div(pv) : v, k).intoArray(x, j);
        }
        scalarF64(x, bound, len, key, first, p, rescale);
    }
}
