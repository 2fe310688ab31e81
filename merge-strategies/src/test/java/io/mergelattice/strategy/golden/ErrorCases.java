package io.mergelattice.strategy.golden;

import io.mergelattice.strategy.RawTensor;
import io.mergelattice.tensor.DType;

/** The label parts of table E-ERR that describe malformed inputs rather than parameters. */
final class ErrorCases {
    private ErrorCases() {
    }

    static boolean apply(GoldenCase c, String m) {
        switch (m) {
            case "B of shape (3, 2)" -> c.thetaShape(1, new long[] {3, 2});
            case "B of shape (3, 2) with weight 0" -> {
                c.thetaShape(1, new long[] {3, 2});
                c.weights[1] = 0;
            }
            case "base of shape (3, 2)" -> c.baseShape = new long[] {3, 2};
            case "A's Fisher artifact of shape (3, 2)" -> artifact(c, 0, "fisher",
                    RawTensor.ofDoubles(DType.F64, new long[] {3, 2}, GoldenFixture.FISHER[0]));
            case "A's Fisher artifact with a negative entry" -> {
                double[] f = GoldenFixture.FISHER[0].clone();
                f[1] = -0.5;
                artifact(c, 0, "fisher", RawTensor.ofDoubles(DType.F64, c.shape, f));
            }
            case "A's Fisher artifact (F64) with an entry 1e300" -> {
                double[] f = GoldenFixture.FISHER[0].clone();
                f[0] = 1e300;
                artifact(c, 0, "fisher", RawTensor.ofDoubles(DType.F64, c.shape, f));
            }
            case "A's gram artifact not symmetric" -> {
                double[] g = GoldenFixture.GRAM[0].clone();
                g[1] = 0.5;
                artifact(c, 0, "gram", RawTensor.ofDoubles(DType.F64, new long[] {3, 3}, g));
            }
            case "A's coefficient artifact with 2 elements" -> artifact(c, 0, "ada_merging.coefficient",
                    RawTensor.ofDoubles(DType.F64, new long[] {2}, 0.5, 0.5));
            case "coefficient artifacts for A (2 elements) and B only" -> {
                artifact(c, 0, "ada_merging.coefficient", RawTensor.ofDoubles(DType.F64, new long[] {2}, 0.5, 0.5));
                artifact(c, 1, "ada_merging.coefficient", c.fixtureArtifact("ada_merging.coefficient", 1));
            }
            case "A's coefficient artifact of length 2" -> artifact(c, 0, "dam.coefficients",
                    RawTensor.ofDoubles(DType.F64, new long[] {2}, 0.5, 0.5));
            case "θ_A[0] = 2e19" -> {
                c.thetas = c.thetas.clone();
                c.thetas[0] = c.thetas[0].clone();
                c.thetas[0][0] = 2e19;
            }
            default -> {
                return parameterWithTypeNote(c, m);
            }
        }
        return true;
    }

    /** "target_rank 2.0 (a double)", "lambda 2 (an integer)", "target_rank \"Auto\"", "seed 42". */
    private static boolean parameterWithTypeNote(GoldenCase c, String m) {
        int note = m.indexOf(" (a");
        String core = note > 0 ? m.substring(0, note) : m;
        int sp = core.indexOf(' ');
        if (sp < 0) {
            return false;
        }
        String name = core.substring(0, sp);
        String raw = core.substring(sp + 1).strip();
        if (raw.startsWith("\"") && raw.endsWith("\"")) {
            c.params.put(name, raw.substring(1, raw.length() - 1));
            return true;
        }
        if (note > 0) {
            c.params.put(name, GoldenCase.value(raw));
            return true;
        }
        return false;
    }

    private static void artifact(GoldenCase c, int i, String name, RawTensor t) {
        while (c.artifacts.size() < 3) {
            c.artifacts.add(new java.util.HashMap<>());
        }
        c.artifacts.get(i).put(name, t);
    }
}
