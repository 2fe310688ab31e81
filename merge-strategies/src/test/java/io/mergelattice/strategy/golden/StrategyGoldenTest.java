package io.mergelattice.strategy.golden;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import io.mergelattice.kernels.Kernels;
import io.mergelattice.kernels.ScalarKernels;
import io.mergelattice.kernels.VectorKernels;
import io.mergelattice.strategy.MergeException;
import io.mergelattice.strategy.MergeOutcome;
import io.mergelattice.strategy.PTensor;
import io.mergelattice.strategy.StrategyRegistry;
import java.lang.foreign.Arena;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every golden table of strategies spec §4.3 (G-*, S-*, L-*, M-*, E-ERR, E-PREC) for every registered strategy,
 * bit for bit, on the scalar oracle and on the Vector API backend.
 */
class StrategyGoldenTest {
    private static final List<Kernels> BACKENDS = List.of(ScalarKernels.instance(), VectorKernels.instance());
    private static final Pattern SOURCE = Pattern.compile("^(.*) \\(([GSL]-F(?:64|32)(?:-\\d)?)\\)$");

    @TestFactory
    Stream<DynamicTest> goldens() {
        List<DynamicTest> tests = new ArrayList<>();
        for (GoldenTables.Row row : GoldenTables.rows()) {
            String table = row.table();
            if (table.equals("RED") || table.equals("SVD-F64")) {
                continue; // pinned by the kernel and linear-algebra tests
            }
            String label = row.label();
            String source = table;
            if (table.startsWith("M-")) {
                Matcher m = SOURCE.matcher(label);
                if (m.matches()) {
                    label = m.group(1);
                    source = m.group(2);
                } else {
                    source = "G-F64-1";
                }
            }
            GoldenCase c = GoldenCase.parse(source, label);
            if (StrategyRegistry.get(c.strategy).isEmpty()) {
                continue;
            }
            for (Kernels k : BACKENDS) {
                String src = source;
                tests.add(DynamicTest.dynamicTest(row + " [" + k.id() + "]", () -> check(table, src, row, c, k)));
            }
        }
        return tests.stream();
    }

    private static void check(String table, String source, GoldenTables.Row row, GoldenCase c, Kernels k)
            throws Exception {
        try (Arena arena = Arena.ofConfined()) {
            if (table.equals("E-ERR")) {
                if (row.value().equals("OK")) {
                    c.run(k, arena);
                } else {
                    assertThatThrownBy(() -> c.run(k, arena)).isInstanceOf(MergeException.class)
                            .extracting(e -> ((MergeException) e).code().name()).isEqualTo(row.value());
                }
                return;
            }
            MergeOutcome out = c.run(k, arena);
            if (table.startsWith("M-")) {
                Map<String, Object> expected = PyLiteral.metadata(row.value());
                expected.forEach((key, v) -> assertThat(out.metadata().get(key)).as("metadata %s", key)
                        .isEqualTo(v));
                return;
            }
            String value = row.value();
            if (table.equals("E-PREC")) {
                String p = value.substring(4, value.indexOf(';'));
                value = value.substring(value.indexOf(';') + 1).strip();
                if (p.equals("-")) {
                    assertThat(out.passthrough()).as("n = 0 passes the base through").isPresent();
                } else {
                    assertThat(out.metadata().get("precision")).isEqualTo(p);
                }
            }
            if (table.startsWith("L-")) {
                checkDigest(value, out.computed().orElseThrow());
                return;
            }
            boolean f32 = source.contains("F32") || (table.equals("E-PREC") && "F32".equals(
                    out.metadata().get("precision")));
            assertBits(GoldenTables.numbers(value), out.values(), f32);
        }
    }

    static void assertBits(double[] expected, double[] actual, boolean f32) {
        assertThat(actual).hasSameSizeAs(expected);
        for (int j = 0; j < expected.length; j++) {
            double a = actual[j] == 0.0 ? 0.0 : actual[j]; // the output conversion writes every zero as +0.0
            boolean same = f32 ? Float.floatToIntBits((float) a) == Float.floatToIntBits((float) expected[j])
                    : Double.doubleToLongBits(a) == Double.doubleToLongBits(expected[j]);
            if (!same) {
                fail("element %d: expected %s but was %s (all: %s)", j, expected[j], a,
                        java.util.Arrays.toString(actual));
            }
        }
    }

    private static void checkDigest(String value, PTensor r) throws Exception {
        Matcher m = Pattern.compile("sha256 = ([0-9a-f]+); r\\[0\\] = (\\S+); r\\[69999\\] = (\\S+)").matcher(value);
        assertThat(m.matches()).isTrue();
        int width = r.precision().dtype().byteSize();
        ByteBuffer buf = ByteBuffer.allocate(Math.toIntExact(r.size() * width)).order(ByteOrder.LITTLE_ENDIAN);
        for (long j = 0; j < r.size(); j++) {
            double v = r.get(j) == 0.0 ? 0.0 : r.get(j);
            if (width == 4) {
                buf.putFloat((float) v);
            } else {
                buf.putDouble(v);
            }
        }
        String digest = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(buf.array()));
        assertBits(new double[] {Double.parseDouble(m.group(2)), Double.parseDouble(m.group(3))},
                new double[] {r.get(0), r.get(69999)}, width == 4);
        assertThat(digest).isEqualTo(m.group(1));
    }
}
