package io.mergelattice.strategy.golden;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The tables of strategies spec §4.3, copied verbatim into {@code goldens/strategies-goldens.md}: each row is
 * (table id, label, value text).
 */
final class GoldenTables {
    record Row(String table, String label, String value) {
        @Override
        public String toString() {
            return table + " | " + label;
        }
    }

    private GoldenTables() {
    }

    static List<Row> rows() {
        String text;
        try (InputStream in = GoldenTables.class.getResourceAsStream("/goldens/strategies-goldens.md")) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        List<Row> rows = new ArrayList<>();
        String table = null;
        for (String line : text.split("\n")) {
            if (line.startsWith("#### ")) {
                table = line.substring(5, line.indexOf(':')).strip();
            } else if (table != null && line.startsWith("| ") && !line.startsWith("| strategy |")
                    && !line.startsWith("| terms |") && !line.startsWith("| case |")) {
                int sep = line.indexOf(" | ");
                String label = line.substring(2, sep).strip();
                String value = line.substring(sep + 3, line.lastIndexOf('|')).strip();
                rows.add(new Row(table, label, value));
            }
        }
        return rows;
    }

    /** Parses "1.0, -2.5, …" (the spec's Python float reprs) into doubles. */
    static double[] numbers(String value) {
        String[] parts = value.split(",");
        double[] out = new double[parts.length];
        for (int i = 0; i < parts.length; i++) {
            out[i] = Double.parseDouble(parts[i].strip());
        }
        return out;
    }
}
