package io.mergelattice.strategy;

import java.util.Set;

/**
 * A merge strategy (strategies spec §3): a pure function of the preprocessed inputs, parameters and context.
 * It must not reorder contributions, read clocks, threads or global randomness, and must follow the arithmetic
 * contract (§2.6–§2.8). Register each strategy once in {@link StrategyRegistry}.
 */
public interface MergeStrategy {
    StrategyInfo info();

    /** Computes the merged tensor in P. n ≥ 1 and d ≥ 1 hold; the runner checks the result for non-finite values. */
    StrategyResult merge(MergeInput in, Params params) throws MergeException;

    /** The weight mode for these parameters (task_arithmetic, linear and svd_knot_tying switch it by option). */
    default WeightMode weightMode(Params params) {
        return info().weightMode();
    }

    /** Whether a given base is read (§2.5); {@code suppliedByAll} are the artifact kinds every remaining contribution has. */
    default boolean readsBase(Params params, Set<String> suppliedByAll) {
        return info().baseMode() != BaseMode.NOT_USED;
    }

    /** Whether the merge fails with BASE_REQUIRED without a base (§2.2 step 8). */
    default boolean requiresBase(Params params) {
        return info().baseMode() == BaseMode.REQUIRED;
    }

    /** The artifact kinds this strategy reads for tensors of this shape (others are ignored without checks). */
    default Set<String> artifactsRead(Params params, long[] shape) {
        Set<String> names = new java.util.LinkedHashSet<>();
        info().artifacts().forEach(a -> names.add(a.name()));
        return names;
    }

    /** Validates one supplied artifact that the strategy reads (§2.1): shape, finiteness, value rule. */
    default void validateArtifact(String name, RawTensor artifact, long[] shape) throws MergeException {
    }

    /** The determinism class of this run (regression_mean is S only on its gram path). */
    default DeterminismClass determinismClass(Params params, Set<String> used) {
        return info().determinismClass();
    }
}
