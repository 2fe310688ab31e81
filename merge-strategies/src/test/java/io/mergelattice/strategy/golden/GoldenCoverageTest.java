package io.mergelattice.strategy.golden;

import static org.assertj.core.api.Assertions.assertThat;

import io.mergelattice.strategy.MergeStrategy;
import io.mergelattice.strategy.StrategyRegistry;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** No golden row is silently skipped, and every registered strategy has golden rows. */
class GoldenCoverageTest {
    @Test
    void everyGoldenRowNamesARegisteredStrategyAndEveryStrategyHasGoldens() {
        List<String> unknown = new ArrayList<>();
        Set<String> covered = new LinkedHashSet<>();
        for (GoldenTables.Row row : GoldenTables.rows()) {
            if (row.table().equals("RED") || row.table().equals("SVD-F64")) {
                continue;
            }
            String strategy = GoldenCase.parse(row.table().startsWith("M-") ? "G-F64-1" : row.table(),
                    row.label().replaceAll(" \\([GSL]-F(64|32)(-\\d)?\\)$", "")).strategy;
            if (StrategyRegistry.get(strategy).isEmpty()) {
                unknown.add(row.toString());
            }
            covered.add(strategy);
        }
        assertThat(unknown).as("golden rows whose strategy is not registered").isEmpty();
        for (MergeStrategy s : StrategyRegistry.all()) {
            assertThat(covered).as("golden rows for %s", s.info().id()).contains(s.info().id());
        }
        assertThat(GoldenTables.rows().size()).as("rows read from the §4.3 tables").isGreaterThan(340);
    }
}
