package io.mergelattice.strategies.linalg;

/**
 * A thin singular value decomposition A = U·diag(σ)·Vᵀ of an m × n matrix with k = min(m, n) components, sorted by
 * σ descending with the sign convention of strategies spec §2.11.2 applied.
 *
 * @param sigma the k singular values, descending
 * @param u     the left vectors, row-major: {@code u[i][k]} is U[i][k] (m rows, k columns)
 * @param v     the right vectors, row-major: {@code v[j][k]} is V[j][k] (n rows, k columns)
 */
public record Svd(double[] sigma, double[][] u, double[][] v) {

    /** The number of components k = min(m, n). */
    public int components() {
        return sigma.length;
    }

    /** m, the row count of the decomposed matrix. */
    public int rows() {
        return u.length;
    }

    /** n, the column count of the decomposed matrix. */
    public int cols() {
        return v.length;
    }
}
