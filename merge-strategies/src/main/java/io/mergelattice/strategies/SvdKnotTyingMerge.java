package io.mergelattice.strategies;

import io.mergelattice.kernels.CanonicalReduction;
import io.mergelattice.strategies.host.MagnitudeTrim;
import io.mergelattice.strategies.linalg.JacobiSvd;
import io.mergelattice.strategies.linalg.MatrixView;
import io.mergelattice.strategies.linalg.Svd;
import io.mergelattice.strategy.AliasSpec;
import io.mergelattice.strategy.BaseMode;
import io.mergelattice.strategy.Category;
import io.mergelattice.strategy.DeterminismClass;
import io.mergelattice.strategy.Guards;
import io.mergelattice.strategy.MergeException;
import io.mergelattice.strategy.MergeInput;
import io.mergelattice.strategy.MergeStrategy;
import io.mergelattice.strategy.Ops;
import io.mergelattice.strategy.PTensor;
import io.mergelattice.strategy.ParamSpec;
import io.mergelattice.strategy.Params;
import io.mergelattice.strategy.Randomness;
import io.mergelattice.strategy.StrategyInfo;
import io.mergelattice.strategy.StrategyResult;
import io.mergelattice.strategy.WeightMode;
import java.util.List;

/**
 * svd_knot_tying (strategies spec §3.12; Stoica et al., "Model merging with SVD to tie the KnOTS", ICLR 2025,
 * arXiv:2410.19735). The task matrices are concatenated column-wise, X = [τ_1 | … | τ_n] = U·Σ·[V_1ᵀ | … | V_nᵀ],
 * so every contribution is expressed in one shared basis U·Σ; the aligned blocks B_i (ℓ × cols, from V_i) are
 * merged with TIES (trim, elect, disjoint mean; raw weights) or the weighted mean ({@code linear}), mapped back as
 * Δ = U·Σ·Bm, and r = b + (λ̂ · round_P(Δ)). All arithmetic is double until the final rounding. If no singular
 * value is positive (every task vector is zero) the result is b. Class S: reference SVD of §2.11.
 */
public final class SvdKnotTyingMerge implements MergeStrategy {
    private static final StrategyInfo INFO = new StrategyInfo("svd_knot_tying", "KnOTS (SVD knot tying)",
            "Stoica et al. 2025, ICLR, arXiv:2410.19735", Category.SUBSPACE, BaseMode.REQUIRED, WeightMode.R_PLUS,
            "R+ (ties) / N (linear)", Randomness.NONE, DeterminismClass.S,
            List.of(ParamSpec.ofEnum("merge_method", List.of("ties", "linear"), "ties",
                            "merge applied to the aligned blocks"),
                    ParamSpec.ofDouble("density", "(0, 1]", 0.2, "TIES trim inside each block"),
                    ParamSpec.ofEnum("consensus_method", List.of("sum", "count"), "sum", "TIES election"),
                    ParamSpec.ofDouble("lambda", "finite", 1.0, "scale of the merged update")),
            List.of(AliasSpec.majoritySignMethod()), List.of(), 1);

    @Override
    public StrategyInfo info() {
        return INFO;
    }

    @Override
    public WeightMode weightMode(Params params) {
        return ties(params) ? WeightMode.R_PLUS : WeightMode.N;
    }

    private static boolean ties(Params params) {
        return params.getString("merge_method").equals("ties");
    }

    @Override
    public StrategyResult merge(MergeInput in, Params params) throws MergeException {
        Ops ops = new Ops(in);
        PTensor b = in.requireBase();
        int n = in.n();
        int rows = Math.toIntExact(in.rows());
        int cols = Math.toIntExact(in.cols());
        int width = Math.multiplyExact(n, cols);
        // Step 1: X[a][i·cols + c] = τ_i[a·cols + c].
        List<PTensor> tau = ops.taskVectors();
        double[][] x = new double[rows][width];
        for (int i = 0; i < n; i++) {
            PTensor t = tau.get(i);
            for (int a = 0; a < rows; a++) {
                for (int c = 0; c < cols; c++) {
                    x[a][i * cols + c] = t.get((long) a * cols + c);
                }
            }
        }
        // Step 2: the joint decomposition; keep the ℓ leading components with σ_k > 0.
        double[][] u;
        double[] sigma;
        double[][] v;
        if (rows == 1) {
            double[] row = x[0];
            double sigma0 = Math.sqrt(Guards.finite(CanonicalReduction.reduce(width,
                    j -> row[(int) j] * row[(int) j]), "svd_knot_tying row norm"));
            if (sigma0 == 0.0) {
                return StrategyResult.of(b.copy(in.arena()));
            }
            u = new double[][] {{1.0}};
            sigma = new double[] {sigma0};
            v = new double[width][1];
            for (int j = 0; j < width; j++) {
                v[j][0] = row[j] / sigma0;
            }
        } else {
            Svd svd = JacobiSvd.decompose(x);
            u = svd.u();
            sigma = svd.sigma();
            v = svd.v();
        }
        int l = 0;
        while (l < sigma.length && sigma[l] > 0.0) {
            l++;
        }
        if (l == 0) {
            return StrategyResult.of(b.copy(in.arena())); // every task vector is zero
        }
        // Step 3: blocks B_i[k][c] = V[i·cols + c][k], flattened row-major (length ℓ·cols).
        int len = l * cols;
        double[][] blocks = new double[n][len];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < l; k++) {
                for (int c = 0; c < cols; c++) {
                    blocks[i][k * cols + c] = v[i * cols + c][k];
                }
            }
        }
        // Step 4: merge in the aligned space.
        double[] merged = ties(params)
                ? tiesMerge(blocks, in.rawWeights(), params.getDouble("density"),
                        params.getString("consensus_method").equals("count"))
                : linearMerge(blocks, in.normalisedWeights());
        // Step 5: Δ[a][c] = Σseq_{k<ℓ} ((U[a][k] × σ_k) × Bm[k][c]).
        double[] delta = new double[rows * cols];
        for (int a = 0; a < rows; a++) {
            for (int c = 0; c < cols; c++) {
                double s = 0.0;
                for (int k = 0; k < l; k++) {
                    s = s + (u[a][k] * sigma[k]) * merged[k * cols + c];
                }
                delta[a * cols + c] = s;
            }
        }
        // Step 6: r = b + (λ̂ · round_P(Δ)).
        PTensor d = MatrixView.roundToP(delta, in, "svd_knot_tying update");
        return StrategyResult.of(ops.addScaled(b, params.getDouble("lambda"), d, "lambda"));
    }

    /** TIES on the blocks: top-k trim per block, sign election, disjoint weighted mean (raw weights, doubles). */
    static double[] tiesMerge(double[][] blocks, double[] omega, double density, boolean count) {
        int n = blocks.length;
        int len = blocks[0].length;
        double[][] trimmed = MagnitudeTrim.trim(blocks, MagnitudeTrim.keptCount(density, len));
        double[] out = new double[len];
        for (int e = 0; e < len; e++) {
            int elected;
            if (count) {
                int votes = 0;
                for (int i = 0; i < n; i++) {
                    votes += (int) Math.signum(trimmed[i][e]);
                }
                elected = Integer.signum(votes);
            } else {
                double s = 0.0;
                for (int i = 0; i < n; i++) {
                    s = s + omega[i] * trimmed[i][e];
                }
                elected = (int) Math.signum(s);
            }
            double num = 0.0;
            double den = 0.0;
            for (int i = 0; i < n; i++) {
                double y = trimmed[i][e];
                if (elected != 0 && y != 0.0 && (int) Math.signum(y) == elected) {
                    num = num + omega[i] * y;
                    den = den + omega[i];
                }
            }
            out[e] = den > 0.0 ? num / den : 0.0;
        }
        return out;
    }

    /** merged = Σseq_i w_i × B_i. */
    static double[] linearMerge(double[][] blocks, double[] w) {
        double[] out = new double[blocks[0].length];
        for (int e = 0; e < out.length; e++) {
            double s = 0.0;
            for (int i = 0; i < blocks.length; i++) {
                s = s + w[i] * blocks[i][e];
            }
            out[e] = s;
        }
        return out;
    }
}
