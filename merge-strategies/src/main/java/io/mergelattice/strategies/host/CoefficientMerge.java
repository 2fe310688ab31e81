package io.mergelattice.strategies.host;

import io.mergelattice.strategy.MergeException;
import io.mergelattice.strategy.MergeInput;
import io.mergelattice.strategy.Ops;
import io.mergelattice.strategy.PTensor;
import java.util.List;

/**
 * The output step of the coefficient strategies (ada_merging §3.16, evolutionary_merge and genetic_merge step 5):
 * with a base r = b + (Σ_i ĉ_i · τ_i), without one r = Σ_i ĉ_i · θ_i (accumulated in P, §2.6).
 */
public final class CoefficientMerge {
    private CoefficientMerge() {
    }

    /**
     * @param taskVectors τ_i = θ_i − b when a base is given and the caller already has them, else {@code null}
     */
    public static PTensor apply(MergeInput in, double[] c, List<PTensor> taskVectors) throws MergeException {
        Ops ops = new Ops(in);
        if (in.base().isEmpty()) {
            return ops.weightedSum(c, ops.thetas(), "coefficient");
        }
        List<PTensor> tau = taskVectors != null ? taskVectors : ops.taskVectors();
        return ops.add(in.requireBase(), ops.weightedSum(c, tau, "coefficient"));
    }
}
