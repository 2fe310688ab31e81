package io.mergelattice.strategy;

import java.util.List;

/**
 * What a strategy declares about itself (style.md: mergekit-style self-description): stable id (snake_case, the
 * spec's name), display name, paper reference, category, base mode, weight mode (as the spec's summary writes
 * it), randomness, determinism class, parameters with aliases, side artifacts and the strategy version that enters
 * the recipe id.
 */
public record StrategyInfo(
        String id,
        String displayName,
        String paper,
        Category category,
        BaseMode baseMode,
        WeightMode weightMode,
        String weightsText,
        Randomness randomness,
        DeterminismClass determinismClass,
        List<ParamSpec> params,
        List<AliasSpec> aliases,
        List<ArtifactSpec> artifacts,
        int version) {

    public StrategyInfo {
        params = List.copyOf(params);
        aliases = List.copyOf(aliases);
        artifacts = List.copyOf(artifacts);
        if (!id.matches("[a-z][a-z0-9_]*")) {
            throw new IllegalArgumentException("strategy ids are snake_case: " + id);
        }
    }
}
