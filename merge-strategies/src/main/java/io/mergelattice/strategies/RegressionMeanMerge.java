package io.mergelattice.strategies;

import io.mergelattice.strategies.host.ArtifactChecks;
import io.mergelattice.strategies.host.Cholesky;
import io.mergelattice.strategies.host.HostReduction;
import io.mergelattice.strategies.host.ImportanceAverage;
import io.mergelattice.strategy.ArtifactSpec;
import io.mergelattice.strategy.BaseMode;
import io.mergelattice.strategy.Category;
import io.mergelattice.strategy.DeterminismClass;
import io.mergelattice.strategy.Guards;
import io.mergelattice.strategy.MergeException;
import io.mergelattice.strategy.MergeInput;
import io.mergelattice.strategy.MergeStrategy;
import io.mergelattice.strategy.Metadata;
import io.mergelattice.strategy.PTensor;
import io.mergelattice.strategy.ParamSpec;
import io.mergelattice.strategy.Params;
import io.mergelattice.strategy.Precision;
import io.mergelattice.strategy.Randomness;
import io.mergelattice.strategy.RawTensor;
import io.mergelattice.strategy.StrategyInfo;
import io.mergelattice.strategy.StrategyResult;
import io.mergelattice.strategy.WeightMode;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * regression_mean (strategies spec §3.15; Jin et al., "Dataless Knowledge Fusion by Merging Weights of Language
 * Models" (RegMean), ICLR 2023, arXiv:2212.09849): for a linear layer W (out × in), W = (Σ_i w_i W_i G̃_i)
 * (Σ_i w_i G̃_i)^−1 with the input Gram matrices G_i = X_iᵀX_i whose off-diagonal entries are scaled by α.
 *
 * <p>Three paths, for 2-D tensors (other ranks never read the artifacts and use the proxy):
 * {@code gram} (host artifact cols × cols, exactly symmetric, diagonal ≥ 0; class S, the Cholesky solve of §2.11.4
 * with ridge retries, metadata {@code regmean.ridge}); {@code gram_diag} (element-wise artifact of length cols,
 * ≥ 0: a per-input-column weighted mean); otherwise the proxy a_ij = ŵ_i · ((θ_ij · θ_ij) + λ̂). A kind is used only
 * if every remaining contribution supplies it; {@code gram} takes precedence. Metadata {@code regmean.source}.
 */
public final class RegressionMeanMerge implements MergeStrategy {
    static final String GRAM = "gram";
    static final String GRAM_DIAG = "gram_diag";
    private static final StrategyInfo INFO = new StrategyInfo("regression_mean", "RegMean (regression mean)",
            "Jin et al. 2023, arXiv:2212.09849", Category.IMPORTANCE, BaseMode.NOT_USED, WeightMode.N_PLUS, "N+",
            Randomness.NONE, DeterminismClass.E,
            List.of(ParamSpec.ofDouble("reduce_non_diagonal_ratio", "[0, 1]", 0.1,
                            "α, scale of the off-diagonal Gram entries (FusionBench; gram path only)"),
                    ParamSpec.ofDouble("regularization", "[0, 1e30]", 0.01, "λ of the proxy θ·θ + λ")),
            List.of(),
            List.of(new ArtifactSpec(GRAM, false, "input Gram matrix X_iᵀX_i, cols × cols, symmetric (2-D tensors)"),
                    new ArtifactSpec(GRAM_DIAG, true, "diagonal of the input Gram matrix, length cols (2-D tensors)")),
            1);

    @Override
    public StrategyInfo info() {
        return INFO;
    }

    @Override
    public Set<String> artifactsRead(Params params, long[] shape) {
        return shape.length == 2 ? new LinkedHashSet<>(List.of(GRAM, GRAM_DIAG)) : Set.of();
    }

    @Override
    public DeterminismClass determinismClass(Params params, Set<String> used) {
        return used.contains(GRAM) ? DeterminismClass.S : DeterminismClass.E;
    }

    @Override
    public void validateArtifact(String name, RawTensor artifact, long[] shape) throws MergeException {
        long cols = shape[1];
        if (name.equals(GRAM_DIAG)) {
            ArtifactChecks.requireShape(name, artifact, new long[] {cols});
            ArtifactChecks.requireFinite(name, artifact, true);
            return;
        }
        ArtifactChecks.requireShape(name, artifact, new long[] {cols, cols});
        ArtifactChecks.requireFinite(name, artifact, false);
        for (long e = 0; e < cols; e++) {
            if (artifact.get(e * cols + e) < 0.0) {
                throw ArtifactChecks.invalid(name, "has the negative diagonal entry " + artifact.get(e * cols + e)
                        + " at [" + e + "][" + e + "]");
            }
            for (long c = e + 1; c < cols; c++) {
                if (artifact.get(e * cols + c) != artifact.get(c * cols + e)) {
                    throw ArtifactChecks.invalid(name, "is not exactly symmetric at [" + e + "][" + c + "]");
                }
            }
        }
    }

    @Override
    public StrategyResult merge(MergeInput in, Params params) throws MergeException {
        boolean matrix = in.shape().length == 2;
        if (matrix && in.artifactUsed(GRAM)) {
            return gram(in, params.getDouble("reduce_non_diagonal_ratio"));
        }
        Precision p = in.precision();
        if (matrix && in.artifactUsed(GRAM_DIAG)) {
            long cols = in.cols();
            PTensor[] g = ArtifactChecks.supplied(in, GRAM_DIAG);
            PTensor r = ImportanceAverage.merge(in, (i, j) -> g[i].get(j % cols));
            return new StrategyResult(r, new Metadata().put("regmean.source", GRAM_DIAG));
        }
        double lambda = Guards.roundFinite(p, params.getDouble("regularization"), "regularization");
        PTensor r = ImportanceAverage.merge(in, (i, j) -> {
            double x = in.theta(i).get(j);
            return p.round(p.round(x * x) + lambda);
        });
        return new StrategyResult(r, new Metadata().put("regmean.source", "proxy"));
    }

    /** The gram path in doubles: A = Σseq w_i G̃_i, B[a] = Σseq_i w_i × R_e(θ_i[a][e] × G̃_i[e][c]), A·x = B[a]. */
    private static StrategyResult gram(MergeInput in, double alpha) throws MergeException {
        int n = in.n();
        int rows = Math.toIntExact(in.rows());
        int cols = Math.toIntExact(in.cols());
        double[] w = in.normalisedWeights();
        double[][] a = new double[cols][cols];
        double[] b = new double[Math.multiplyExact(rows, cols)];
        double[] theta = new double[b.length];
        double[] column = new double[cols];
        for (int i = 0; i < n; i++) {
            PTensor g = in.contribution(i).artifact(GRAM).orElseThrow();
            PTensor th = in.theta(i);
            for (int j = 0; j < theta.length; j++) {
                theta[j] = th.get(j);
            }
            for (int c = 0; c < cols; c++) {
                // Column c of G̃_i: G̃_i[e][c] = G_i[e][c] if e = c, else α × G_i[e][c].
                for (int e = 0; e < cols; e++) {
                    double v = g.get((long) e * cols + c);
                    column[e] = e == c ? v : alpha * v;
                    a[e][c] = a[e][c] + w[i] * column[e]; // Σseq over i for each (e, c)
                }
                for (int r = 0; r < rows; r++) {
                    double inner = HostReduction.dot(theta, r * cols, column, 0, cols); // R_e
                    int k = r * cols + c;
                    b[k] = b[k] + w[i] * Guards.finite(inner, "RegMean R_e(θ·G̃)");
                }
            }
        }
        for (int e = 0; e < cols; e++) {
            for (int c = 0; c < cols; c++) {
                Guards.finite(a[e][c], "RegMean A[" + e + "][" + c + "]");
            }
        }
        Cholesky chol = Cholesky.factor(a);
        PTensor out = in.zeros();
        double[] y = new double[cols];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                y[c] = Guards.finite(b[r * cols + c], "RegMean B[" + r + "][" + c + "]");
            }
            double[] x = chol.solve(y);
            for (int c = 0; c < cols; c++) {
                out.set((long) r * cols + c, x[c]); // r_ac = round_P(x_c)
            }
        }
        return new StrategyResult(out, new Metadata().put("regmean.source", GRAM).put("regmean.ridge", chol.ridge()));
    }
}
