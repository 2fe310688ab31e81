package io.mergelattice.strategy;

/** The overflow rule of strategies spec §2.13: a non-finite computed value fails the merge. */
public final class Guards {
    private Guards() {
    }

    /** Returns {@code v} if finite, else fails with NON_FINITE_RESULT naming {@code what}. */
    public static double finite(double v, String what) throws MergeException {
        if (!Double.isFinite(v)) {
            throw new MergeException(ErrorCode.NON_FINITE_RESULT, what + " is " + v
                    + " (the inputs or parameters overflow the compute precision)");
        }
        return v;
    }

    /** ĉ = round_P(c), failing if c or ĉ is not finite (§2.3: e.g. lambda = 1e39 in F32). */
    public static double roundFinite(Precision p, double c, String what) throws MergeException {
        finite(c, what);
        return finite(p.round(c), what + " rounded to " + p);
    }

    /** Fails with NON_FINITE_RESULT at the first non-finite element of {@code t}. */
    public static void finite(PTensor t, String what) throws MergeException {
        long j = io.mergelattice.tensor.FiniteScan.firstNonFinite(t.segment(), t.precision().dtype());
        if (j >= 0) {
            throw new MergeException(ErrorCode.NON_FINITE_RESULT, what + "[" + j + "] is " + t.get(j)
                    + " (the inputs or parameters overflow the compute precision)");
        }
    }
}
