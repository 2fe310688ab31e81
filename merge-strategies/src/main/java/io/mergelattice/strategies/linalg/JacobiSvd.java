package io.mergelattice.strategies.linalg;

import io.mergelattice.strategies.host.HostReduction;
import io.mergelattice.strategy.Guards;
import io.mergelattice.strategy.MergeException;
import java.util.Arrays;

/**
 * The reference one-sided Jacobi SVD of strategies spec §2.11.1 (Hestenes' method with the round-robin pair
 * order), followed by the order and sign convention of §2.11.2. It defines the class-S reference backend
 * {@code scalar-v1} and dual_projection's n × n eigendecomposition (class E), so it is written operation by
 * operation as the spec states it.
 *
 * <p>For an m × n input with m ≥ n the columns of G ← A are rotated pairwise until they are orthogonal; V
 * accumulates the rotations. Pair (p, q) uses α = R_i(G[i][p]²), β = R_i(G[i][q]²), γ = R_i(G[i][p]·G[i][q])
 * (canonical reductions over the rows) and is skipped when γ == 0 or |γ| ≤ 1e−15·(√α·√β); ζ = (β − α)/(2γ) may
 * overflow to ±∞ when γ is tiny, which the branch |ζ| > 1e150 (t = 0.5/ζ) absorbs. Sweeps stop after one without
 * a rotation, at most {@value #MAX_SWEEPS}. Then σ_k = √R_i(G[i][k]²) and U[:,k] = G[:,k]/σ_k (zero when σ_k = 0).
 * A wide input (m < n) is decomposed through its transpose and the factors are swapped.
 */
public final class JacobiSvd {
    /** At most this many sweeps (§2.11.1 step 5). */
    public static final int MAX_SWEEPS = 30;

    private JacobiSvd() {
    }

    /**
     * The thin SVD of the m × n matrix {@code a} (row-major, {@code a[i][j]}; m, n ≥ 1), sorted and sign-normalised.
     * Fails with NON_FINITE_RESULT if a column sum overflows (§2.13).
     */
    public static Svd decompose(double[][] a) throws MergeException {
        int m = a.length;
        int n = a[0].length;
        if (m >= n) {
            double[][] cols = new double[n][m];
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    cols[j][i] = a[i][j];
                }
            }
            Raw r = tall(cols, m);
            return normalise(r.sigma, r.u, r.v);
        }
        // Step 1: decompose Aᵀ (n × m, tall); its columns are the rows of A. U of A = V of Aᵀ, V of A = U of Aᵀ.
        double[][] cols = new double[m][];
        for (int i = 0; i < m; i++) {
            cols[i] = a[i].clone();
        }
        Raw r = tall(cols, n);
        return normalise(r.sigma, r.v, r.u);
    }

    /** Unsorted factors, column-major: {@code u[k]} and {@code v[k]} are the k-th columns. */
    private record Raw(double[] sigma, double[][] u, double[][] v) {
    }

    /** Steps 2–5 on a tall matrix given by its {@code cols.length} columns of length {@code m} (modified in place). */
    private static Raw tall(double[][] g, int m) throws MergeException {
        int n = g.length;
        double[][] v = new double[n][n];
        for (int j = 0; j < n; j++) {
            v[j][j] = 1.0;
        }
        int np = (n % 2 == 0) ? n : n + 1; // index n is the dummy when n is odd
        int[] arr = new int[np];
        int[] next = new int[np];
        for (int sweep = 0; sweep < MAX_SWEEPS; sweep++) {
            boolean rotated = false;
            for (int k = 0; k < np; k++) {
                arr[k] = k;
            }
            for (int step = 0; step < np - 1; step++) {
                for (int k = 0; k < np / 2; k++) {
                    int p = Math.min(arr[k], arr[np - 1 - k]);
                    int q = Math.max(arr[k], arr[np - 1 - k]);
                    if (q >= n) {
                        continue; // a pair with the dummy index
                    }
                    rotated |= rotate(g[p], g[q], v[p], v[q], m);
                }
                // arr ← [arr[0], arr[n'−1], arr[1], …, arr[n'−2]]
                next[0] = arr[0];
                next[1] = arr[np - 1];
                System.arraycopy(arr, 1, next, 2, np - 2);
                System.arraycopy(next, 0, arr, 0, np);
            }
            if (!rotated) {
                break;
            }
        }
        double[] sigma = new double[n];
        double[][] u = new double[n][m];
        for (int k = 0; k < n; k++) {
            sigma[k] = Math.sqrt(Guards.finite(HostReduction.dot(g[k], g[k]), "Jacobi SVD column norm"));
            if (sigma[k] != 0.0) {
                for (int i = 0; i < m; i++) {
                    u[k][i] = g[k][i] / sigma[k];
                }
            }
        }
        return new Raw(sigma, u, v);
    }

    /** One rotation of columns p and q (§2.11.1 step 4); returns whether it was performed. */
    private static boolean rotate(double[] gp, double[] gq, double[] vp, double[] vq, int m) throws MergeException {
        double alpha = Guards.finite(HostReduction.dot(gp, gp), "Jacobi SVD alpha");
        double beta = Guards.finite(HostReduction.dot(gq, gq), "Jacobi SVD beta");
        double gamma = Guards.finite(HostReduction.dot(gp, gq), "Jacobi SVD gamma");
        if (gamma == 0.0 || Math.abs(gamma) <= 1e-15 * (Math.sqrt(alpha) * Math.sqrt(beta))) {
            return false;
        }
        double zeta = (beta - alpha) / (2.0 * gamma); // may be ±∞: guarded by the next test (§2.13)
        double t;
        if (Math.abs(zeta) > 1e150) {
            t = 0.5 / zeta;
        } else {
            double sz = zeta >= 0.0 ? 1.0 : -1.0;
            t = sz / (Math.abs(zeta) + Math.sqrt(1.0 + zeta * zeta));
        }
        double c = 1.0 / Math.sqrt(1.0 + t * t);
        double s = c * t;
        // Determinism: each expression evaluated as written, one rounding per operation (Java has no contraction).
        for (int i = 0; i < m; i++) {
            double a = gp[i];
            double b = gq[i];
            gp[i] = c * a - s * b;
            gq[i] = s * a + c * b;
        }
        for (int i = 0; i < vp.length; i++) {
            double a = vp[i];
            double b = vq[i];
            vp[i] = c * a - s * b;
            vq[i] = s * a + c * b;
        }
        return true;
    }

    /**
     * §2.11.2: sort by σ descending (stable: ties keep the lower original index), then for each component find the
     * largest-magnitude entry (lowest index on ties) of its left vector of A, or of its right vector if the left one
     * is all zero, and negate both vectors if that entry is negative. Columns are given column-major.
     */
    private static Svd normalise(double[] sigma, double[][] uCols, double[][] vCols) {
        int k = sigma.length;
        Integer[] order = new Integer[k];
        for (int i = 0; i < k; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (x, y) -> Double.compare(sigma[y], sigma[x])); // stable merge sort
        int m = uCols[0].length;
        int n = vCols[0].length;
        double[] s = new double[k];
        double[][] u = new double[m][k];
        double[][] v = new double[n][k];
        for (int c = 0; c < k; c++) {
            int src = order[c];
            s[c] = sigma[src];
            double[] uc = uCols[src];
            double[] vc = vCols[src];
            double[] ref = allZero(uc) ? vc : uc;
            int best = 0;
            for (int i = 1; i < ref.length; i++) {
                if (Math.abs(ref[i]) > Math.abs(ref[best])) {
                    best = i;
                }
            }
            double sign = ref[best] < 0.0 ? -1.0 : 1.0;
            for (int i = 0; i < m; i++) {
                u[i][c] = sign < 0 ? -uc[i] : uc[i];
            }
            for (int i = 0; i < n; i++) {
                v[i][c] = sign < 0 ? -vc[i] : vc[i];
            }
        }
        return new Svd(s, u, v);
    }

    private static boolean allZero(double[] x) {
        for (double e : x) {
            if (e != 0.0) {
                return false;
            }
        }
        return true;
    }
}
