package io.mergelattice.strategies;

import io.mergelattice.strategies.host.ArtifactChecks;
import io.mergelattice.strategies.host.ImportanceAverage;
import io.mergelattice.strategy.AliasSpec;
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
import java.util.List;

/**
 * fisher_merge (strategies spec §3.14; Matena &amp; Raffel, "Merging Models with Fisher-Weighted Averaging",
 * NeurIPS 2022, arXiv:2111.09832): a per-parameter weighted average θ* = Σ λ_i F_i θ_i / Σ λ_i F_i whose weights
 * are each model's diagonal Fisher information, uploaded privately as the element-wise artifact {@code fisher}
 * (shape S, finite, ≥ 0). It is used only if every remaining contribution supplies it; otherwise every
 * contribution uses the documented proxy F_i = θ_i · θ_i (a heuristic, not a Fisher estimate).
 *
 * <p>a_ij = ŵ_i · (F_ij + ε̂) with ε = fisher_floor (alias {@code minimal_fisher_weight}); r_j = num_j / den_j if
 * den_j &gt; 0, else the weighted average. Metadata: {@code fisher.source} ({@code artifact} or {@code proxy}) and,
 * with the proxy, {@code fisher.missing} (remaining contributions without the artifact).
 */
public final class FisherMerge implements MergeStrategy {
    static final String FISHER = "fisher";
    private static final StrategyInfo INFO = new StrategyInfo("fisher_merge", "Fisher-weighted averaging",
            "Matena & Raffel 2022, arXiv:2111.09832", Category.IMPORTANCE, BaseMode.NOT_USED, WeightMode.N_PLUS,
            "N+", Randomness.NONE, DeterminismClass.E,
            List.of(ParamSpec.ofDouble("fisher_floor", "[0, 1e30]", 1e-6,
                    "added to every Fisher entry (FusionBench minimal_fisher_weight)")),
            List.of(new AliasSpec("minimal_fisher_weight", "fisher_floor", AliasSpec.Kind.IDENTITY)),
            List.of(new ArtifactSpec(FISHER, true, "diagonal Fisher information, shape of the tensor, entries ≥ 0")),
            1);

    @Override
    public StrategyInfo info() {
        return INFO;
    }

    @Override
    public void validateArtifact(String name, RawTensor artifact, long[] shape) throws MergeException {
        ArtifactChecks.requireShape(name, artifact, shape);
        ArtifactChecks.requireFinite(name, artifact, true);
    }

    @Override
    public StrategyResult merge(MergeInput in, Params params) throws MergeException {
        Precision p = in.precision();
        double eps = Guards.roundFinite(p, params.getDouble("fisher_floor"), "fisher_floor");
        Metadata meta = new Metadata();
        PTensor[] f;
        if (in.artifactUsed(FISHER)) {
            f = ArtifactChecks.supplied(in, FISHER);
            meta.put("fisher.source", "artifact");
        } else {
            f = new PTensor[in.n()];
            meta.put("fisher.source", "proxy").put("fisher.missing", (long) in.artifactMissing(FISHER));
        }
        PTensor r = ImportanceAverage.merge(in, (i, j) -> {
            double fij;
            if (f[i] != null) {
                fij = f[i].get(j);
            } else {
                double x = in.theta(i).get(j);
                fij = p.round(x * x); // the proxy F = θ · θ
            }
            return p.round(fij + eps);
        });
        return new StrategyResult(r, meta);
    }
}
