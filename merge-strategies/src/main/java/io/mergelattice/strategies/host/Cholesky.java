package io.mergelattice.strategies.host;

import io.mergelattice.strategy.ErrorCode;
import io.mergelattice.strategy.Guards;
import io.mergelattice.strategy.MergeException;

/**
 * The Cholesky solve of strategies spec §2.11.4 (regression_mean with full Gram artifacts, reference backend
 * {@code scalar-v1}): A' = A + f·md·I with md = (Σseq_i A[i][i]) / q is factored column by column for the ridge
 * factors f = 0, 1e−8, 1e−6, 1e−4, 1e−2 in this order; the first factorisation whose pivots are all positive is
 * used, and {@code NUMERICAL_FAILURE} follows if none is. Only the lower triangle of A is read.
 */
public final class Cholesky {
    /** The ridge factors, tried in this order. */
    static final double[] RIDGES = {0.0, 1e-8, 1e-6, 1e-4, 1e-2};

    private final double[][] l;
    private final double ridge;

    private Cholesky(double[][] l, double ridge) {
        this.l = l;
        this.ridge = ridge;
    }

    /** Factors the symmetric matrix {@code a} (q × q, finite) with the ridge retries. */
    public static Cholesky factor(double[][] a) throws MergeException {
        int q = a.length;
        double trace = 0.0;
        for (int i = 0; i < q; i++) {
            trace = trace + a[i][i];
        }
        double md = Guards.finite(Guards.finite(trace, "trace of A") / q, "mean diagonal of A");
        for (double f : RIDGES) {
            double[][] l = attempt(a, Guards.finite(f * md, "ridge"));
            if (l != null) {
                return new Cholesky(l, f);
            }
        }
        throw new MergeException(ErrorCode.NUMERICAL_FAILURE, "the Gram system is not positive definite even with"
                + " the largest ridge (1e-2 × mean diagonal " + md + ")");
    }

    private static double[][] attempt(double[][] a, double shift) throws MergeException {
        int q = a.length;
        double[][] l = new double[q][q];
        for (int j = 0; j < q; j++) {
            double v = a[j][j] + shift;
            for (int k = 0; k < j; k++) {
                v = v - l[j][k] * l[j][k];
            }
            Guards.finite(v, "Cholesky pivot " + j);
            if (!(v > 0.0)) {
                return null;
            }
            l[j][j] = Math.sqrt(v);
            for (int i = j + 1; i < q; i++) {
                double u = a[i][j];
                for (int k = 0; k < j; k++) {
                    u = u - l[i][k] * l[j][k];
                }
                l[i][j] = Guards.finite(u / l[j][j], "Cholesky factor L[" + i + "][" + j + "]");
            }
        }
        return l;
    }

    /** The ridge factor f that succeeded (metadata {@code regmean.ridge}). */
    public double ridge() {
        return ridge;
    }

    /** Solves A'·x = y by forward and back substitution. */
    public double[] solve(double[] y) throws MergeException {
        int q = l.length;
        double[] z = new double[q];
        for (int i = 0; i < q; i++) {
            double v = y[i];
            for (int k = 0; k < i; k++) {
                v = v - l[i][k] * z[k];
            }
            z[i] = Guards.finite(v / l[i][i], "forward substitution z[" + i + "]");
        }
        double[] x = new double[q];
        for (int i = q - 1; i >= 0; i--) {
            double v = z[i];
            for (int k = i + 1; k < q; k++) {
                v = v - l[k][i] * x[k];
            }
            x[i] = Guards.finite(v / l[i][i], "back substitution x[" + i + "]");
        }
        return x;
    }
}
