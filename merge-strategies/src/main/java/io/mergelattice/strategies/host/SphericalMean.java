package io.mergelattice.strategies.host;

import io.mergelattice.strategy.Guards;
import io.mergelattice.strategy.MergeException;

/**
 * The host part of slerp (strategies spec §3.2 steps 3–5): the weighted spherical mean of m ≥ 2 unit directions
 * given only their cosine matrix C, as coefficients α over the directions with ‖α‖_C = 1. For m = 2 the closed
 * form of classical SLERP with t = v_2; for m ≥ 3 the Karcher iteration. Every normalisation is guarded: q(α) not
 * finite, or ν = ‖α‖_C < 1e−6, asks for the linear fallback ({@code null} results).
 */
public final class SphericalMean {
    /** π − 1e−3: near-antipodal directions (π = {@code Math.PI}). */
    static final double ANTIPODAL = Math.PI - 1e-3;

    private final double[][] c;
    private final double[] v;
    private final int m;
    private long iterations;

    /**
     * @param c the m × m cosine matrix (C_aa = 1, clamped entries)
     * @param v the weights of the directions, summing to 1 up to rounding
     */
    public SphericalMean(double[][] c, double[] v) {
        this.c = c;
        this.v = v;
        this.m = v.length;
    }

    /** The number of Karcher iterations that were started (metadata {@code slerp.iterations}). */
    public long iterations() {
        return iterations;
    }

    /** Step 4, m = 2: α = (sin((1 − t)Ω) / sin Ω, sin(tΩ) / sin Ω), normalised; null for the linear fallback. */
    public double[] closedForm() {
        double t = v[1];
        double omega = StrictMath.acos(c[0][1]);
        double[] alpha;
        if (omega > ANTIPODAL) {
            return null;
        } else if (omega < 1e-6) {
            alpha = new double[] {1.0 - t, t};
        } else {
            double s = StrictMath.sin(omega);
            alpha = new double[] {StrictMath.sin((1.0 - t) * omega) / s, StrictMath.sin(t * omega) / s};
        }
        return normalise(alpha);
    }

    /** Step 5, m ≥ 3: the Karcher iteration from α = v, at most {@code maxIter} steps; null for the fallback. */
    public double[] karcher(long maxIter, double tol) throws MergeException {
        double[] alpha = normalise(v.clone());
        if (alpha == null) {
            return null;
        }
        double[] cos = new double[m];
        double[] theta = new double[m];
        for (long it = 0; it < maxIter; it++) {
            iterations++;
            for (int a = 0; a < m; a++) {
                double s = 0.0;
                for (int b = 0; b < m; b++) {
                    s = s + c[a][b] * alpha[b];
                }
                cos[a] = clamp(Guards.finite(s, "slerp cosine to the mean"));
                theta[a] = StrictMath.acos(cos[a]);
            }
            double[] beta = new double[m];
            for (int a = 0; a < m; a++) {
                if (theta[a] < tol || theta[a] > ANTIPODAL) {
                    continue; // at the mean already, or antipodal to it (log map undefined)
                }
                double f = theta[a] / StrictMath.sin(theta[a]);
                for (int b = 0; b < m; b++) {
                    double e = a == b ? 1.0 : 0.0;
                    beta[b] = beta[b] + ((v[a] * f) * (e - cos[a] * alpha[b]));
                }
            }
            double tn = norm(beta);
            if (Double.isNaN(tn)) {
                return null;
            }
            if (tn < tol) {
                break;
            }
            double ct = StrictMath.cos(tn);
            double st = StrictMath.sin(tn) / tn;
            for (int b = 0; b < m; b++) {
                alpha[b] = (ct * alpha[b]) + (st * beta[b]);
            }
            alpha = normalise(alpha);
            if (alpha == null) {
                return null;
            }
        }
        return alpha;
    }

    /** ‖α‖_C = sqrt(max(q(α), 0)), or NaN when q(α) is not finite (the guard of step 3). */
    double norm(double[] alpha) {
        double q = 0.0;
        for (int a = 0; a < m; a++) {
            for (int b = 0; b < m; b++) {
                q = q + ((alpha[a] * c[a][b]) * alpha[b]); // Determinism: one running sum over m² terms (§2.6)
            }
        }
        return Double.isFinite(q) ? Math.sqrt(Math.max(q, 0.0)) : Double.NaN;
    }

    /** α / ‖α‖_C in place, or null when q(α) is not finite or ν < 1e−6. */
    double[] normalise(double[] alpha) {
        double nu = norm(alpha);
        if (Double.isNaN(nu) || nu < 1e-6) {
            return null;
        }
        for (int a = 0; a < m; a++) {
            alpha[a] = alpha[a] / nu;
        }
        return alpha;
    }

    static double clamp(double x) {
        return Math.max(-1.0, Math.min(1.0, x));
    }
}
