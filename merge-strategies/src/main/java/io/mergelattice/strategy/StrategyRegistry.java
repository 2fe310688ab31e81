package io.mergelattice.strategy;

import io.mergelattice.strategies.WeightAverageMerge;
import io.mergelattice.strategies.LinearMerge;
import io.mergelattice.strategies.TaskArithmeticMerge;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The one list of strategies (style.md rule 3). Order is the spec's §1 table order; ids are unique.
 */
public final class StrategyRegistry {
    private static final List<MergeStrategy> ALL = List.of(
            new WeightAverageMerge(),
            new io.mergelattice.strategies.SlerpMerge(),
            new TaskArithmeticMerge(),
            new LinearMerge(),
            new io.mergelattice.strategies.TiesMerge(),
            new io.mergelattice.strategies.DareMerge(),
            new io.mergelattice.strategies.DellaMerge(),
            new io.mergelattice.strategies.DareTiesMerge(),
            new io.mergelattice.strategies.ModelBreadcrumbsMerge(),
            new io.mergelattice.strategies.EmrMerge(),
            new io.mergelattice.strategies.StarMerge(),
            new io.mergelattice.strategies.SvdKnotTyingMerge(),
            new io.mergelattice.strategies.AdaRankMerge(),
            new io.mergelattice.strategies.FisherMerge(),
            new io.mergelattice.strategies.RegressionMeanMerge(),
            new io.mergelattice.strategies.AdaMergingMerge(),
            new io.mergelattice.strategies.DamMerge(),
            new io.mergelattice.strategies.EvolutionaryMerge(),
            new io.mergelattice.strategies.GeneticMerge(),
            new io.mergelattice.strategies.NegativeMerge(),
            new io.mergelattice.strategies.SplitUnlearnMerge(),
            new io.mergelattice.strategies.WeightScopeAlignmentMerge(),
            new io.mergelattice.strategies.RepresentationSurgeryMerge(),
            new io.mergelattice.strategies.SafeMerge(),
            new io.mergelattice.strategies.LedMerge(),
            new io.mergelattice.strategies.DualProjectionMerge());

    private static final Map<String, MergeStrategy> BY_ID = index();

    private StrategyRegistry() {
    }

    public static List<MergeStrategy> all() {
        return ALL;
    }

    public static Optional<MergeStrategy> get(String id) {
        return Optional.ofNullable(BY_ID.get(id));
    }

    /** The strategy with this id, or an error listing the known ids. */
    public static MergeStrategy require(String id) {
        return get(id).orElseThrow(() -> new IllegalArgumentException("unknown strategy '" + id + "'; known: "
                + String.join(", ", BY_ID.keySet())));
    }

    /** Validates raw parameters for the strategy (§2.1). */
    public static Params validate(MergeStrategy s, Map<String, ?> raw) throws MergeException {
        return Params.validate(s.info().id(), s.info().params(), s.info().aliases(), raw);
    }

    private static Map<String, MergeStrategy> index() {
        Map<String, MergeStrategy> m = new LinkedHashMap<>();
        for (MergeStrategy s : ALL) {
            if (m.put(s.info().id(), s) != null) {
                throw new IllegalStateException("duplicate strategy id " + s.info().id());
            }
        }
        return java.util.Collections.unmodifiableMap(m);
    }
}
