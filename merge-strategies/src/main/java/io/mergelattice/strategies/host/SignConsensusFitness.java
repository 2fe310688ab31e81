package io.mergelattice.strategies.host;

import io.mergelattice.strategy.Guards;
import io.mergelattice.strategy.MergeException;
import io.mergelattice.strategy.MergeInput;
import io.mergelattice.strategy.PTensor;
import io.mergelattice.strategy.Precision;

/**
 * B7 sign-consensus fitness (strategies spec §2.17; used by evolutionary_merge and genetic_merge): the cosine
 * between the linear merge Σ c_i x_i and a TIES-style consensus task vector t, evaluated on at most 65,536 sampled
 * positions through a precomputed n × n Gram matrix, so every evaluation costs O(n²) host operations.
 *
 * <p>It is the only built-in fitness ({@value #ID}); no fitness SPI is registered yet, so the {@code fitness}
 * parameter of the search strategies accepts exactly this id.
 */
public final class SignConsensusFitness {
    /** The id of this fitness, the only value of the {@code fitness} parameter. */
    public static final String ID = "sign_consensus";
    /** Sₙ = min(d, 65536). */
    public static final int MAX_SAMPLES = 65536;

    private final double[][] k;
    private final double[] a;
    private final double t;

    private SignConsensusFitness(double[][] k, double[] a, double t) {
        this.k = k;
        this.a = a;
        this.t = t;
    }

    /** Precomputes K, a and T (the sample, the reference point, the trimmed consensus). */
    public static SignConsensusFitness precompute(MergeInput in, double density) throws MergeException {
        Precision p = in.precision();
        int n = in.n();
        long d = in.size();
        int sn = (int) Math.min(d, MAX_SAMPLES);
        double[] w = in.normalisedWeights();
        double[] wHat = new double[n];
        for (int i = 0; i < n; i++) {
            wHat[i] = Guards.roundFinite(p, w[i], "normalised weight " + i);
        }
        double[][] x = new double[n][sn];
        for (int s = 0; s < sn; s++) {
            long j = (long) s * d / sn; // j_s = floor(s × d / Sₙ) in 64-bit integers
            double ref;
            if (in.base().isPresent()) {
                ref = in.base().get().get(j);
            } else { // the weight_average result in P at j (§2.6 accumulation)
                double acc = 0.0;
                for (int i = 0; i < n; i++) {
                    acc = p.round(acc + p.round(wHat[i] * in.theta(i).get(j)));
                }
                ref = Guards.finite(acc, "weight_average reference point [" + j + "]");
            }
            for (int i = 0; i < n; i++) {
                x[i][s] = Guards.finite(p.round(in.theta(i).get(j) - ref), "sampled task vector " + i + "[" + j + "]");
            }
        }
        double[] consensus = consensus(x, w, MagnitudeTrim.keptCount(density, sn));
        double[][] k = new double[n][n];
        double[] a = new double[n];
        for (int i = 0; i < n; i++) {
            for (int l = i; l < n; l++) {
                k[i][l] = Guards.finite(HostReduction.dot(x[i], x[l]), "B7 K[" + i + "][" + l + "]");
                k[l][i] = k[i][l];
            }
            a[i] = Guards.finite(HostReduction.dot(x[i], consensus), "B7 a[" + i + "]");
        }
        double tt = Guards.finite(HostReduction.dot(consensus, consensus), "B7 T");
        return new SignConsensusFitness(k, a, tt);
    }

    /** The consensus t: trim each x_i to its top k magnitudes, elect a sign, average the agreeing values. */
    private static double[] consensus(double[][] x, double[] w, long k) throws MergeException {
        int n = x.length;
        int sn = x[0].length;
        double[][] trimmed = MagnitudeTrim.trim(x, k);
        double[] t = new double[sn];
        for (int s = 0; s < sn; s++) {
            double sum = 0.0;
            for (int i = 0; i < n; i++) {
                sum = sum + w[i] * trimmed[i][s];
            }
            int e = sign(Guards.finite(sum, "B7 S[" + s + "]"));
            double num = 0.0;
            double den = 0.0;
            for (int i = 0; i < n; i++) {
                double v = trimmed[i][s];
                if (v != 0.0 && e != 0 && sign(v) == e) {
                    num = num + w[i] * v;
                    den = den + w[i];
                }
            }
            t[s] = den > 0.0 ? Guards.finite(Guards.finite(num, "B7 num") / den, "B7 t[" + s + "]") : 0.0;
        }
        return t;
    }

    private static int sign(double v) {
        return v > 0.0 ? 1 : v < 0.0 ? -1 : 0;
    }

    /** fitness(c): 0.0 if q ≤ 0 or T ≤ 0, else (Σseq_i c_i × a_i) / (sqrt(q) × sqrt(T)). Higher is better. */
    public double fitness(double[] c) throws MergeException {
        int n = c.length;
        double q = 0.0;
        for (int i = 0; i < n; i++) {
            for (int l = 0; l < n; l++) {
                q = q + ((c[i] * k[i][l]) * c[l]); // Determinism: one running sum over all n² terms (§2.6)
            }
        }
        Guards.finite(q, "B7 q");
        if (q <= 0.0 || t <= 0.0) {
            return 0.0;
        }
        double num = 0.0;
        for (int i = 0; i < n; i++) {
            num = num + c[i] * a[i];
        }
        Guards.finite(num, "B7 Σ c·a");
        return Guards.finite(num / (Math.sqrt(q) * Math.sqrt(t)), "B7 fitness");
    }
}
