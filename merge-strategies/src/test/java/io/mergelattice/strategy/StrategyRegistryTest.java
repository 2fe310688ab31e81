package io.mergelattice.strategy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The one registry list (style.md rule 3): exactly the 26 ids of strategies spec §1 in its order, unique, each with
 * a row in docs/strategies.md. Golden coverage: GoldenCoverageTest; determinism: StrategyDeterminismTest, which
 * iterates this same list.
 */
class StrategyRegistryTest {
    static final List<String> SPEC_IDS = List.of("weight_average", "slerp", "task_arithmetic", "linear", "ties",
            "dare", "della", "dare_ties", "model_breadcrumbs", "emr", "star", "svd_knot_tying", "adarank",
            "fisher_merge", "regression_mean", "ada_merging", "dam", "evolutionary_merge", "genetic_merge",
            "negative_merge", "split_unlearn_merge", "weight_scope_alignment", "representation_surgery", "safe_merge",
            "led_merge", "dual_projection");

    @Test
    void exactlyTheSpecsTwentySixIdsInOrder() {
        List<String> ids = new ArrayList<>();
        StrategyRegistry.all().forEach(s -> ids.add(s.info().id()));
        assertThat(ids).hasSize(26).doesNotHaveDuplicates().containsExactlyElementsOf(SPEC_IDS);
    }

    @Test
    void everyStrategyHasARowInTheDocsAndDeclaresItself() throws IOException {
        Path docs = Path.of("..", "docs", "strategies.md");
        String text = Files.readString(docs);
        for (MergeStrategy s : StrategyRegistry.all()) {
            StrategyInfo i = s.info();
            assertThat(text).as("docs/strategies.md row for %s", i.id()).containsPattern("(?m)^\\| `" + i.id() + "` \\|");
            assertThat(i.displayName()).isNotBlank();
            assertThat(i.paper()).isNotBlank();
            assertThat(i.version()).isPositive();
            for (ParamSpec p : i.params()) {
                assertThat(text).as("docs mention parameter %s of %s", p.name(), i.id()).contains(p.name());
            }
        }
    }
}
