package io.mergelattice.strategies.host;

import io.mergelattice.strategy.Guards;
import io.mergelattice.strategy.MergeException;
import io.mergelattice.strategy.MergeInput;
import io.mergelattice.strategy.PTensor;
import io.mergelattice.strategy.Precision;

/**
 * The importance-weighted average of fisher_merge (§3.14) and of regression_mean's diagonal and proxy paths
 * (§3.15), element-wise in P: a_ij = ŵ_i · u_ij, num = Σ_i a_i · θ_i, den = Σ_i a_i, avg = Σ_i ŵ_i · θ_i (each
 * accumulated from +0.0 in canonical order, §2.6), and r_j = num_j / den_j if den_j > 0, else avg_j.
 */
public final class ImportanceAverage {
    private ImportanceAverage() {
    }

    /** The importance factor u_ij of contribution i at element j, already in P. */
    @FunctionalInterface
    public interface Factor {
        double at(int i, long j);
    }

    public static PTensor merge(MergeInput in, Factor u) throws MergeException {
        Precision p = in.precision();
        int n = in.n();
        double[] w = in.normalisedWeights();
        double[] wHat = new double[n];
        PTensor[] theta = new PTensor[n];
        for (int i = 0; i < n; i++) {
            wHat[i] = Guards.roundFinite(p, w[i], "normalised weight " + i);
            theta[i] = in.theta(i);
        }
        PTensor out = in.zeros();
        long d = in.size();
        for (long j = 0; j < d; j++) {
            double num = 0.0;
            double den = 0.0;
            double avg = 0.0;
            for (int i = 0; i < n; i++) {
                double x = theta[i].get(j);
                double a = p.round(wHat[i] * u.at(i, j));
                num = p.round(num + p.round(a * x));
                den = p.round(den + a);
                avg = p.round(avg + p.round(wHat[i] * x));
            }
            // Invariant: a non-finite u, a or product makes its running sum non-finite, so these checks cover them.
            if (!Double.isFinite(num) || !Double.isFinite(den) || !Double.isFinite(avg)) {
                Guards.finite(num, "weighted numerator [" + j + "]");
                Guards.finite(den, "weighted denominator [" + j + "]");
                Guards.finite(avg, "weighted average [" + j + "]");
            }
            out.set(j, den > 0.0 ? num / den : avg);
        }
        return out;
    }
}
