package io.mergelattice.strategies;

import io.mergelattice.strategies.host.ArtifactChecks;
import io.mergelattice.strategy.ArtifactSpec;
import io.mergelattice.strategy.BaseMode;
import io.mergelattice.strategy.Category;
import io.mergelattice.strategy.DeterminismClass;
import io.mergelattice.strategy.ErrorCode;
import io.mergelattice.strategy.Guards;
import io.mergelattice.strategy.MergeException;
import io.mergelattice.strategy.MergeInput;
import io.mergelattice.strategy.MergeStrategy;
import io.mergelattice.strategy.Metadata;
import io.mergelattice.strategy.PTensor;
import io.mergelattice.strategy.Params;
import io.mergelattice.strategy.Precision;
import io.mergelattice.strategy.Randomness;
import io.mergelattice.strategy.RawTensor;
import io.mergelattice.strategy.StrategyInfo;
import io.mergelattice.strategy.StrategyResult;
import io.mergelattice.strategy.WeightMode;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * led_merge (strategies spec §3.25; Ma et al., "LED-Merging: Mitigating Safety-Utility Conflicts in Model Merging
 * with Location-Election-Disjoint", ACL 2025, arXiv:2502.16770). Every position takes the value of the contribution
 * with the highest weighted importance w_i × I_ij, so each output element is one of the input values. Importance
 * comes from the {@code importance} artifacts when every contribution supplies one (source {@code artifact}; a
 * given base is then not read), else from the update magnitude |θ_ij − b_j| when a base is given ({@code update}),
 * else the contribution closest to the weighted mean μ wins ({@code medoid}).
 *
 * <p>Ties are broken by the distance |θ_ij − μ_j| (smaller wins), then the smaller value, then the lower canonical
 * index. Example (medoid): values (1, 3) with equal weights have μ = 2 and equal distances, so 1 wins.
 */
public final class LedMerge implements MergeStrategy {
    static final String IMPORTANCE = "importance";
    private static final StrategyInfo INFO = new StrategyInfo("led_merge", "LED-Merging (election by importance)",
            "Ma et al. 2025, ACL, arXiv:2502.16770", Category.SAFETY, BaseMode.OPTIONAL, WeightMode.N_PLUS, "N+",
            Randomness.NONE, DeterminismClass.E, List.of(), List.of(),
            List.of(new ArtifactSpec(IMPORTANCE, true,
                    "per-element importance (e.g. SNIP scores), shape of the tensor, finite, ≥ 0")), 1);

    @Override
    public StrategyInfo info() {
        return INFO;
    }

    /** The base is read only by the {@code update} source: not when every contribution supplies importance. */
    @Override
    public boolean readsBase(Params params, Set<String> suppliedByAll) {
        return !suppliedByAll.contains(IMPORTANCE);
    }

    @Override
    public void validateArtifact(String name, RawTensor artifact, long[] shape) throws MergeException {
        if (!artifact.sameShape(shape)) {
            throw new MergeException(ErrorCode.ARTIFACT_INVALID, "artifact '" + name + "' has shape "
                    + Arrays.toString(artifact.shape()) + ", the tensor has " + Arrays.toString(shape));
        }
        for (long j = 0; j < artifact.elementCount(); j++) {
            double v = artifact.get(j);
            if (!Double.isFinite(v) || v < 0.0) {
                throw new MergeException(ErrorCode.ARTIFACT_INVALID, "artifact '" + name + "' element " + j
                        + " is " + v + "; importance values must be finite and ≥ 0");
            }
        }
    }

    @Override
    public StrategyResult merge(MergeInput in, Params params) throws MergeException {
        Precision p = in.precision();
        int n = in.n();
        double[] w = in.normalisedWeights();
        String source = in.artifactUsed(IMPORTANCE) ? "artifact" : in.base().isPresent() ? "update" : "medoid";
        PTensor mu = WeightAverageMerge.average(in);
        Guards.finite(mu, "weighted mean");
        PTensor[] theta = new PTensor[n];
        PTensor[] importance = source.equals("artifact") ? ArtifactChecks.supplied(in, IMPORTANCE) : new PTensor[n];
        for (int i = 0; i < n; i++) {
            theta[i] = in.theta(i);
        }
        PTensor b = source.equals("update") ? in.requireBase() : null;
        boolean byImportance = !source.equals("medoid");
        PTensor r = in.zeros();
        for (long j = 0; j < r.size(); j++) {
            double m = mu.get(j);
            int best = -1;
            double bestScore = 0.0;
            double bestDist = 0.0;
            double bestValue = 0.0;
            for (int i = 0; i < n; i++) {
                double x = theta[i].get(j);
                double dist = Math.abs(Guards.finite(p.round(x - m), "distance to the weighted mean"));
                double score = 0.0;
                if (byImportance) {
                    double imp = b == null ? importance[i].get(j)
                            : Math.abs(Guards.finite(p.round(x - b.get(j)), "update magnitude"));
                    score = w[i] * imp;
                }
                // Key (−score, dist, value, i), lexicographically smallest; i ascending so ties keep the earlier.
                if (best < 0 || score > bestScore || (score == bestScore && (dist < bestDist
                        || (dist == bestDist && x < bestValue)))) {
                    best = i;
                    bestScore = score;
                    bestDist = dist;
                    bestValue = x;
                }
            }
            r.set(j, bestValue);
        }
        return new StrategyResult(r, new Metadata().put("led.source", source));
    }
}
