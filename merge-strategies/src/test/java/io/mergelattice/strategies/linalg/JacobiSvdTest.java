package io.mergelattice.strategies.linalg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The reference SVD of strategies spec §2.11.1–2.11.2 against table SVD-F64 (bit for bit), and small hand-checkable
 * cases of the order and sign convention and of the reconstruction (§2.11.3).
 */
class JacobiSvdTest {

    /** τ_A' = θ_0 − b' of the 6 × 5 fixture (§4.1), exact in F64. */
    static double[][] tauA() {
        double[][] t = new double[6][5];
        for (int a = 0; a < 6; a++) {
            for (int c = 0; c < 5; c++) {
                double theta = (Math.floorMod(5 * a + 3 * c + 2 * a * c, 13) - 6) / 4.0;
                double base = (Math.floorMod(a + 2 * c, 5) - 2) / 8.0;
                t[a][c] = theta - base;
            }
        }
        return t;
    }

    static Map<String, double[]> svdTable() throws IOException {
        String text;
        try (InputStream in = JacobiSvdTest.class.getResourceAsStream("/goldens/strategies-goldens.md")) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Map<String, double[]> rows = new LinkedHashMap<>();
        boolean inTable = false;
        for (String line : text.split("\n")) {
            if (line.startsWith("#### ")) {
                inTable = line.startsWith("#### SVD-F64");
            } else if (inTable && line.startsWith("| ") && !line.startsWith("| strategy |")) {
                int sep = line.indexOf(" | ");
                String label = line.substring(2, sep).strip();
                String[] parts = line.substring(sep + 3, line.lastIndexOf('|')).split(",");
                double[] v = new double[parts.length];
                for (int i = 0; i < parts.length; i++) {
                    v[i] = Double.parseDouble(parts[i].strip());
                }
                rows.put(label, v);
            }
        }
        assertThat(rows).hasSize(6);
        return rows;
    }

    @Test
    void tallMatchesSvdF64BitForBit() throws Exception {
        Map<String, double[]> t = svdTable();
        Svd svd = JacobiSvd.decompose(tauA());
        assertBits("σ", t.get("tall (τ_A of the 6×5 fixture): σ"), svd.sigma());
        assertBits("U", t.get("tall: U (6×5)"), flatten(svd.u()));
        assertBits("V", t.get("tall: V (5×5)"), flatten(svd.v()));
    }

    @Test
    void wideMatchesSvdF64BitForBit() throws Exception {
        Map<String, double[]> t = svdTable();
        Svd svd = JacobiSvd.decompose(transpose(tauA()));
        assertBits("σ", t.get("wide (its transpose, 5×6): σ"), svd.sigma());
        assertBits("U", t.get("wide: U (5×5)"), flatten(svd.u()));
        assertBits("V", t.get("wide: V (6×5)"), flatten(svd.v()));
    }

    @Test
    void diagonalMatrixIsSortedWithStableTiesAndPositiveSigns() throws Exception {
        // No rotation happens (γ = 0 for every pair); σ = |diagonal| sorted descending, ties in column order.
        Svd svd = JacobiSvd.decompose(new double[][] {{1, 0, 0}, {0, -3, 0}, {0, 0, 1}});
        assertThat(svd.sigma()).containsExactly(3.0, 1.0, 1.0);
        // Component 0 is column 1: U[:,0] = (0, −1, 0) has a negative largest entry, so U and V are negated.
        // Negation is exact, so the zero entries become −0.0.
        assertThat(column(svd.u(), 0)).containsExactly(-0.0, 1.0, -0.0);
        assertThat(column(svd.v(), 0)).containsExactly(-0.0, -1.0, -0.0);
        assertThat(column(svd.u(), 1)).containsExactly(1.0, 0.0, 0.0);
        assertThat(column(svd.u(), 2)).containsExactly(0.0, 0.0, 1.0);
    }

    @Test
    void zeroMatrixHasZeroSingularValuesAndUsesVForTheSign() throws Exception {
        Svd svd = JacobiSvd.decompose(new double[2][2]);
        assertThat(svd.sigma()).containsExactly(0.0, 0.0);
        assertThat(column(svd.u(), 0)).containsExactly(0.0, 0.0);
        assertThat(column(svd.v(), 0)).containsExactly(1.0, 0.0);
    }

    @Test
    void twoByTwoRotationAndReconstruction() throws Exception {
        // [[3, 0], [4, 5]] has singular values √45 and √5 (σ_0·σ_1 = |det| = 15, σ_0² + σ_1² = 50).
        double[][] a = {{3, 0}, {4, 5}};
        Svd svd = JacobiSvd.decompose(a);
        assertThat(svd.sigma()[0]).isCloseTo(Math.sqrt(45), org.assertj.core.api.Assertions.within(1e-14));
        assertThat(svd.sigma()[1]).isCloseTo(Math.sqrt(5), org.assertj.core.api.Assertions.within(1e-14));
        double[] x = Reconstruction.reconstruct(svd, svd.sigma(), 2);
        assertThat(x[0]).isCloseTo(3, org.assertj.core.api.Assertions.within(1e-14));
        assertThat(x[1]).isCloseTo(0, org.assertj.core.api.Assertions.within(1e-14));
        assertThat(x[2]).isCloseTo(4, org.assertj.core.api.Assertions.within(1e-14));
        assertThat(x[3]).isCloseTo(5, org.assertj.core.api.Assertions.within(1e-14));
        // Rank-1 truncation: σ_0 u_0 v_0ᵀ.
        double[] x1 = Reconstruction.reconstruct(svd, svd.sigma(), 1);
        for (int a0 = 0; a0 < 2; a0++) {
            for (int c = 0; c < 2; c++) {
                double expected = (svd.u()[a0][0] * svd.sigma()[0]) * svd.v()[c][0];
                assertThat(x1[a0 * 2 + c]).isEqualTo(expected);
            }
        }
    }

    @Test
    void singleColumnAndSingleRow() throws Exception {
        Svd col = JacobiSvd.decompose(new double[][] {{3}, {-4}});
        assertThat(col.sigma()).containsExactly(5.0);
        assertThat(column(col.u(), 0)).containsExactly(-0.6, 0.8);
        assertThat(column(col.v(), 0)).containsExactly(-1.0);
        Svd row = JacobiSvd.decompose(new double[][] {{3, -4}});
        assertThat(row.sigma()).containsExactly(5.0);
        assertThat(column(row.u(), 0)).containsExactly(1.0);
        assertThat(column(row.v(), 0)).containsExactly(0.6, -0.8);
    }

    @Test
    void hugeZetaTakesTheGuardBranch() throws Exception {
        // Columns (1e−150, 0) and (1e−10, 1): γ = 1e−160 passes the skip test, ζ ≈ 5e159 > 1e150 so t = 0.5/ζ.
        double[][] a = {{1e-150, 1e-10}, {0, 1}};
        Svd svd = JacobiSvd.decompose(a);
        assertThat(svd.sigma()[0]).isCloseTo(1.0, org.assertj.core.api.Assertions.within(1e-15));
        assertThat(svd.sigma()[1] / 1e-150).isCloseTo(1.0, org.assertj.core.api.Assertions.within(1e-12));
    }

    static double[][] transpose(double[][] a) {
        double[][] t = new double[a[0].length][a.length];
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < a[0].length; j++) {
                t[j][i] = a[i][j];
            }
        }
        return t;
    }

    static double[] flatten(double[][] a) {
        double[] out = new double[a.length * a[0].length];
        for (int i = 0; i < a.length; i++) {
            System.arraycopy(a[i], 0, out, i * a[0].length, a[0].length);
        }
        return out;
    }

    static double[] column(double[][] a, int k) {
        double[] out = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = a[i][k];
        }
        return out;
    }

    static void assertBits(String what, double[] expected, double[] actual) {
        assertThat(actual).as(what).hasSameSizeAs(expected);
        for (int j = 0; j < expected.length; j++) {
            if (Double.doubleToLongBits(expected[j]) != Double.doubleToLongBits(actual[j])) {
                fail("%s[%d]: expected %s but was %s", what, j, expected[j], actual[j]);
            }
        }
    }
}
