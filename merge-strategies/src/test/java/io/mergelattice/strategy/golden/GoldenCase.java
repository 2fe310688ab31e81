package io.mergelattice.strategy.golden;

import io.mergelattice.kernels.Kernels;
import io.mergelattice.strategy.ContributionInput;
import io.mergelattice.strategy.MergeContext;
import io.mergelattice.strategy.MergeException;
import io.mergelattice.strategy.MergeOutcome;
import io.mergelattice.strategy.MergeStrategy;
import io.mergelattice.strategy.Params;
import io.mergelattice.strategy.RawTensor;
import io.mergelattice.strategy.StrategyRegistry;
import io.mergelattice.strategy.TensorMerger;
import io.mergelattice.tensor.DType;
import java.lang.foreign.Arena;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One golden row of strategies spec §4.3 turned into merge inputs, by reading its table and label with the
 * conventions of §4.1 ("(no base)", "base A", "weights (1, 0, 1)", "density 0.5", "with Fisher artifacts", …).
 */
final class GoldenCase {
    String strategy;
    DType dtype = DType.F64;
    long[] shape = GoldenFixture.SHAPE;
    double[][] thetas = GoldenFixture.THETA;
    DType[] thetaDtypes;
    long[][] thetaShapes;
    double[] weights;
    double[] base = GoldenFixture.BASE;
    long[] baseShape;
    DType baseDtype;
    final Map<String, Object> params = new LinkedHashMap<>();
    final List<Map<String, RawTensor>> artifacts = new ArrayList<>();
    String tensorName = "layer.weight";

    static GoldenCase parse(String table, String label) {
        GoldenCase c = new GoldenCase();
        if (table.contains("F32") || table.equals("E-PREC")) {
            c.dtype = DType.F32;
        }
        switch (table) {
            case "G-F64-7", "G-F32-7", "S-F64-3" -> c.fixture2();
            case "L-F64", "L-F32" -> c.fixtureLarge();
            case "G-F64-6", "G-F32-6" -> c.base = null;
            default -> {
            }
        }
        c.weights = new double[c.thetas.length];
        java.util.Arrays.fill(c.weights, 1.0);
        if (table.startsWith("G-F64-2") || table.startsWith("G-F32-2")) {
            c.weights = new double[] {1, 2, 3};
        }
        if (table.startsWith("G-F64-4") || table.startsWith("G-F32-4")) {
            c.thetas = new double[][] {c.thetas[0]};
            c.weights = new double[] {1};
        }
        List<String> parts = splitTopLevel(label);
        String head = parts.getFirst();
        c.strategy = head.split("[ ,(]")[0];
        if (head.contains("(no base)")) {
            c.base = null;
        }
        if (head.contains("(F32)")) {
            c.dtype = DType.F32;
        }
        if (head.contains("(F64)")) {
            c.dtype = DType.F64;
        }
        if (head.contains(" with ")) {
            c.headArtifacts(head.substring(head.indexOf(" with ") + 6));
        }
        for (String m : parts.subList(1, parts.size())) {
            c.modifier(m.strip());
        }
        return c;
    }

    private void fixture2() {
        shape = GoldenFixture.SHAPE2;
        thetas = new double[][] {GoldenFixture.theta2(0), GoldenFixture.theta2(1), GoldenFixture.theta2(2)};
        base = GoldenFixture.base2();
    }

    private void fixtureLarge() {
        shape = GoldenFixture.SHAPE_L;
        thetas = new double[][] {GoldenFixture.large(0), GoldenFixture.large(1), GoldenFixture.large(2)};
        base = GoldenFixture.largeBase();
    }

    private void headArtifacts(String what) {
        if (what.startsWith("Fisher artifacts")) {
            artifactFor("fisher", "ABC");
        } else if (what.startsWith("gram_diag artifacts")) {
            artifactFor("gram_diag", "ABC");
        } else if (what.startsWith("full gram artifacts")) {
            artifactFor("gram", "ABC");
        } else if (what.startsWith("importance artifacts")) {
            artifactFor("importance", "ABC");
        } else if (what.startsWith("coefficient artifacts")) {
            artifactFor(strategy.equals("dam") ? "dam.coefficients" : "ada_merging.coefficient", "ABC");
        } else {
            throw new IllegalArgumentException("unknown artifacts in label: " + what);
        }
    }

    private static final Pattern WEIGHTS = Pattern.compile("weights \\((.*)\\)");
    private static final Pattern INPUTS = Pattern.compile("inputs (S[123])");
    private static final Pattern FISHER_FOR = Pattern.compile("Fisher artifacts for ([ABC]) and ([ABC]) only");

    private void modifier(String m) {
        Matcher mm;
        if ((mm = WEIGHTS.matcher(m)).matches()) {
            String[] ws = mm.group(1).split(",");
            weights = new double[ws.length];
            for (int i = 0; i < ws.length; i++) {
                weights[i] = number(ws[i].strip());
            }
        } else if (m.equals("base A")) {
            base = thetas[0].clone();
        } else if (m.equals("no base")) {
            base = null;
        } else if ((mm = INPUTS.matcher(m)).matches()) {
            thetas = switch (mm.group(1)) {
                case "S1" -> GoldenFixture.S1;
                case "S2" -> GoldenFixture.S2;
                default -> GoldenFixture.S3;
            };
            shape = new long[] {thetas[0].length};
            weights = new double[thetas.length];
            java.util.Arrays.fill(weights, 1.0);
            base = null;
        } else if ((mm = FISHER_FOR.matcher(m)).matches()) {
            artifactFor("fisher", mm.group(1) + mm.group(2));
        } else if (m.startsWith("Fisher artifacts F64")) {
            artifactFor("fisher", "ABC");
        } else if (m.startsWith("base F64")) {
            baseDtype = DType.F64;
        } else if (m.startsWith("importance artifacts (F64) for every contribution")) {
            artifactFor("importance", "ABC");
        } else if (m.equals("no artifacts")) {
            return;
        } else if (m.equals("B F64 with weight 0")) {
            thetaDtype(1, DType.F64);
            weights[1] = 0;
        } else if (ErrorCases.apply(this, m)) {
            return;
        } else {
            int sp = m.indexOf(' ');
            if (sp < 0) {
                throw new IllegalArgumentException("cannot read label part '" + m + "'");
            }
            params.put(m.substring(0, sp), value(m.substring(sp + 1).strip()));
        }
    }

    void thetaDtype(int i, DType t) {
        if (thetaDtypes == null) {
            thetaDtypes = new DType[thetas.length];
        }
        thetaDtypes[i] = t;
    }

    void thetaShape(int i, long[] s) {
        if (thetaShapes == null) {
            thetaShapes = new long[thetas.length][];
        }
        thetaShapes[i] = s;
    }

    /** Gives artifact {@code name} to the contributions named by letters (A, B, C), with the fixture's values. */
    void artifactFor(String name, String letters) {
        while (artifacts.size() < 3) {
            artifacts.add(new HashMap<>());
        }
        for (char l : letters.toCharArray()) {
            int i = l - 'A';
            artifacts.get(i).put(name, fixtureArtifact(name, i));
        }
    }

    RawTensor fixtureArtifact(String name, int i) {
        boolean f2 = shape == GoldenFixture.SHAPE2;
        return switch (name) {
            case "fisher", "importance" -> RawTensor.ofDoubles(DType.F64, shape, GoldenFixture.FISHER[i]);
            case "gram_diag" -> RawTensor.ofDoubles(DType.F64, new long[] {3}, GoldenFixture.GRAM_DIAG[i]);
            case "gram" -> f2 ? RawTensor.ofDoubles(DType.F64, new long[] {5, 5}, GoldenFixture.gram2(i))
                    : RawTensor.ofDoubles(DType.F64, new long[] {3, 3}, GoldenFixture.GRAM[i]);
            case "ada_merging.coefficient" ->
                    RawTensor.ofDoubles(DType.F64, new long[] {1}, GoldenFixture.ADA_COEFFICIENT[i]);
            case "dam.coefficients" -> RawTensor.ofDoubles(DType.F64, new long[] {3}, GoldenFixture.DAM_COEFFICIENTS[i]);
            default -> throw new IllegalArgumentException(name);
        };
    }

    static double number(String s) {
        String t = s.replace('−', '-');
        if (t.equals("NaN")) {
            return Double.NaN;
        }
        if (t.startsWith("2^")) {
            return Math.pow(2, Double.parseDouble(t.substring(2)));
        }
        return Double.parseDouble(t);
    }

    /** JSON typing (§2.1): a fraction or exponent makes a double, other numbers are integers. */
    static Object value(String s) {
        String t = s.replace('−', '-');
        if (t.equals("true") || t.equals("false")) {
            return Boolean.parseBoolean(t);
        }
        if (t.matches("-?\\d+")) {
            return Long.parseLong(t);
        }
        if (t.matches("-?[\\d.]+([eE]-?\\d+)?")) {
            return Double.parseDouble(t);
        }
        return t;
    }

    /** Splits at ", " outside parentheses. */
    static List<String> splitTopLevel(String label) {
        List<String> out = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < label.length(); i++) {
            char ch = label.charAt(i);
            if (ch == '(') {
                depth++;
            } else if (ch == ')') {
                depth--;
            } else if (ch == ',' && depth == 0) {
                out.add(label.substring(start, i).strip());
                start = i + 1;
            }
        }
        out.add(label.substring(start).strip());
        return out;
    }

    List<ContributionInput> inputs() {
        List<ContributionInput> in = new ArrayList<>();
        for (int i = 0; i < thetas.length; i++) {
            DType t = thetaDtypes != null && thetaDtypes[i] != null ? thetaDtypes[i] : dtype;
            long[] s = thetaShapes != null && thetaShapes[i] != null ? thetaShapes[i] : shape;
            Map<String, RawTensor> a = i < artifacts.size() ? artifacts.get(i) : Map.of();
            in.add(new ContributionInput(GoldenFixture.ROOTS[i], RawTensor.ofDoubles(t, s, thetas[i]), weights[i], a));
        }
        return in;
    }

    Optional<RawTensor> baseTensor() {
        if (base == null) {
            return Optional.empty();
        }
        return Optional.of(RawTensor.ofDoubles(baseDtype != null ? baseDtype : dtype,
                baseShape != null ? baseShape : shape, base));
    }

    MergeStrategy strategyImpl() {
        return StrategyRegistry.get(strategy).orElseThrow(() -> new IllegalStateException("no strategy " + strategy));
    }

    MergeOutcome run(Kernels kernels, Arena arena) throws MergeException {
        MergeStrategy s = strategyImpl();
        Params p = Params.validate(s.info().id(), s.info().params(), s.info().aliases(), params);
        return new TensorMerger(kernels).merge(s, p, inputs(), baseTensor(),
                new MergeContext(GoldenFixture.SEED, tensorName), arena);
    }
}
