package io.mergelattice.strategies.linalg;

import io.mergelattice.strategy.Guards;
import io.mergelattice.strategy.MergeException;
import io.mergelattice.strategy.MergeInput;
import io.mergelattice.strategy.PTensor;

/**
 * Conversions between P tensors and host matrices in the matrix view of strategies spec §2.9: element (a, c) is
 * flat element j = a·cols + c. Values are widened exactly to double; a host result is rounded to P element by
 * element and must stay finite (§2.13).
 */
public final class MatrixView {
    private MatrixView() {
    }

    /** The rows × cols matrix of {@code t} in double (exact). */
    public static double[][] toMatrix(PTensor t) {
        int rows = Math.toIntExact(t.rows());
        int cols = Math.toIntExact(t.cols());
        double[][] m = new double[rows][cols];
        for (int a = 0; a < rows; a++) {
            long off = (long) a * cols;
            for (int c = 0; c < cols; c++) {
                m[a][c] = t.get(off + c);
            }
        }
        return m;
    }

    /** round_P(x_j) for every element, as a new tensor of the input's shape; fails if a value is not finite in P. */
    public static PTensor roundToP(double[] x, MergeInput in, String what) throws MergeException {
        PTensor out = in.zeros();
        for (int j = 0; j < x.length; j++) {
            out.set(j, x[j]);
        }
        Guards.finite(out, what);
        return out;
    }
}
