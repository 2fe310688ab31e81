package io.mergelattice.strategies.blocks;

/**
 * Branch-free 0/1 masks for the element loops of the blocks and strategies, so that C2 can vectorise them. They are
 * exact: for finite a and b whose difference cannot overflow (e.g. two magnitudes), the IEEE difference a − b is zero
 * only when a = b (gradual underflow) and otherwise has the sign of the exact difference, so signum(a − b) decides
 * the comparison. A masked term is then written ĉ · (x · m): x · 1 = x exactly, and x · 0 = ±0.0, whose product
 * with ĉ adds ±0.0 — which leaves an accumulator that started at +0.0 unchanged, exactly like skipping the term
 * (strategies spec §2.6). Every input to these methods is finite (checked before, §2.13).
 */
public final class Masks {
    private Masks() {
    }

    /** 1 if a ≥ b, else 0. */
    public static float ge(float a, float b) {
        return Math.signum(Math.signum(a - b) + 1.0f); // signum of 0, 1 or 2 (−0.0 + 1 = 1)
    }

    /** 1 if a &gt; b, else 0. */
    public static float gt(float a, float b) {
        return Math.max(0.0f, Math.signum(a - b));
    }

    /** 1 if x and y are not non-zero values of opposite signs (x · y ≥ 0 in exact arithmetic), else 0. */
    public static float notOpposite(float x, float y) {
        return Math.signum(Math.signum(x) * Math.signum(y) + 1.0f);
    }

    public static double notOpposite(double x, double y) {
        return Math.signum(Math.signum(x) * Math.signum(y) + 1.0);
    }

    /** 1 if x and y are non-zero with the same sign (x · y &gt; 0 in exact arithmetic), else 0. */
    public static float sameSign(float x, float y) {
        return Math.max(0.0f, Math.signum(x) * Math.signum(y));
    }

    public static double ge(double a, double b) {
        return Math.signum(Math.signum(a - b) + 1.0);
    }

    public static double gt(double a, double b) {
        return Math.max(0.0, Math.signum(a - b));
    }

    public static double sameSign(double x, double y) {
        return Math.max(0.0, Math.signum(x) * Math.signum(y));
    }

    /** x_j ← x_j · m_j for a 0/1 mask m: x_j or ±0.0. */
    public static void apply(float[] x, float[] m, int len) {
        for (int j = 0; j < len; j++) {
            x[j] = x[j] * m[j];
        }
    }

    public static void apply(double[] x, double[] m, int len) {
        for (int j = 0; j < len; j++) {
            x[j] = x[j] * m[j];
        }
    }
}
