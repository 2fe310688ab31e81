package io.mergelattice.cli;

import io.mergelattice.identity.Hash32;
import io.mergelattice.identity.Sha256;
import io.mergelattice.kernels.KernelSelector;
import io.mergelattice.strategy.ContributionInput;
import io.mergelattice.strategy.MergeContext;
import io.mergelattice.strategy.MergeException;
import io.mergelattice.strategy.MergeStrategy;
import io.mergelattice.strategy.Params;
import io.mergelattice.strategy.RawTensor;
import io.mergelattice.strategy.StrategyRegistry;
import io.mergelattice.strategy.TensorMerger;
import io.mergelattice.tensor.DType;
import java.io.PrintStream;
import java.lang.foreign.Arena;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * {@code ./mergelattice audit}: reproduces the paper's finding. Each strategy is applied <em>pairwise</em>, as a
 * raw binary operator {@code op(x, y)} on two 4×4 float64 tensors (the first operand is contribution 1, the
 * second contribution 2, so swapping operands swaps their roles), and checked for commutativity, associativity
 * and idempotency (atol 1e-5) over several seeded trials. Then the set-based resolve over the same contributions
 * (ids from content, canonical order) is run for every input permutation and compared byte for byte.
 */
final class AuditCommand {
    private static final double ATOL = 1e-5;
    private static final long[] SHAPE = {4, 4};
    private static final Hash32 FIRST = fill(0x01);
    private static final Hash32 SECOND = fill(0x02);

    private AuditCommand() {
    }

    /** One strategy's measured laws. */
    record Row(String id, boolean commutative, boolean associative, boolean idempotent, boolean orderFree,
            String note) {
    }

    static int run(String[] args, PrintStream out, PrintStream err) throws Exception {
        long seed = 2026;
        int trials = 5;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--seed" -> seed = Long.parseLong(Args.value(args, ++i, "--seed"));
                case "--trials" -> trials = Args.positiveInt(Args.value(args, ++i, "--trials"), "--trials");
                case "--help", "-h" -> {
                    out.println("usage: ./mergelattice audit [--seed N] [--trials N]");
                    return 0;
                }
                default -> throw new UsageException("unknown option '" + args[i] + "'");
            }
        }
        List<Row> rows = audit(seed, trials);
        out.printf("pairwise laws (atol %.0e, %d trials of random 4×4 float64, seed %d) and set resolve%n", ATOL,
                trials, seed);
        out.printf("%-24s %-5s %-5s %-5s %-12s %s%n", "strategy", "C", "A", "I", "set: order", "note");
        int c = 0;
        int a = 0;
        int id = 0;
        int all = 0;
        int free = 0;
        for (Row r : rows) {
            out.printf("%-24s %-5s %-5s %-5s %-12s %s%n", r.id(), yn(r.commutative()), yn(r.associative()),
                    yn(r.idempotent()), r.orderFree() ? "free" : "DEPENDS", r.note());
            c += r.commutative() ? 1 : 0;
            a += r.associative() ? 1 : 0;
            id += r.idempotent() ? 1 : 0;
            all += r.commutative() && r.associative() && r.idempotent() ? 1 : 0;
            free += r.orderFree() ? 1 : 0;
        }
        int n = rows.size();
        out.printf("totals: commutative %d/%d, associative %d/%d, idempotent %d/%d, all three %d/%d; "
                + "set-based resolve order-independent %d/%d%n", c, n, a, n, id, n, all, n, free, n);
        return free == n ? 0 : 1;
    }

    static List<Row> audit(long seed, int trials) {
        List<Row> rows = new ArrayList<>();
        TensorMerger merger = new TensorMerger(KernelSelector.kernels());
        for (MergeStrategy s : StrategyRegistry.all()) {
            Params params = Params.defaults(s.info().params());
            boolean comm = true;
            boolean assoc = true;
            boolean idem = true;
            boolean free = true;
            String note = "";
            SplittableRandom rnd = new SplittableRandom(seed);
            for (int t = 0; t < trials; t++) {
                // Each trial has its own seed, so random masks (dare, della, …) vary between trials as data does.
                MergeContext ctx = new MergeContext(Sha256.hash((byte) 0x07, Long.toString(seed * 1000 + t)
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8)), "audit.weight");
                double[] x = random(rnd);
                double[] y = random(rnd);
                double[] z = random(rnd);
                double[] base = random(rnd);
                try {
                    comm &= close(op(merger, s, params, ctx, x, y, base), op(merger, s, params, ctx, y, x, base));
                    assoc &= close(op(merger, s, params, ctx, op(merger, s, params, ctx, x, y, base), z, base),
                            op(merger, s, params, ctx, x, op(merger, s, params, ctx, y, z, base), base));
                    idem &= close(op(merger, s, params, ctx, x, x, base), x);
                    free &= orderFree(merger, s, params, ctx, List.of(x, y, z), base);
                } catch (MergeException e) {
                    note = e.code().name();
                    comm = false;
                    assoc = false;
                    idem = false;
                }
            }
            rows.add(new Row(s.info().id(), comm, assoc, idem, free, note));
        }
        return rows;
    }

    /** op(x, y): the strategy as a raw binary operator (x is contribution 1, y contribution 2, weights 1). */
    private static double[] op(TensorMerger merger, MergeStrategy s, Params params, MergeContext ctx, double[] x,
            double[] y, double[] base) throws MergeException {
        try (Arena arena = Arena.ofConfined()) {
            List<ContributionInput> in = List.of(new ContributionInput(FIRST, tensor(x), 1.0),
                    new ContributionInput(SECOND, tensor(y), 1.0));
            return merger.merge(s, params, in, Optional.of(tensor(base)), ctx, arena).values();
        }
    }

    /** The set resolve: ids from content, any input order gives the same bytes. */
    private static boolean orderFree(TensorMerger merger, MergeStrategy s, Params params, MergeContext ctx,
            List<double[]> inputs, double[] base) throws MergeException {
        int[][] perms = {{0, 1, 2}, {0, 2, 1}, {1, 0, 2}, {1, 2, 0}, {2, 0, 1}, {2, 1, 0}};
        double[] reference = null;
        for (int[] p : perms) {
            List<ContributionInput> in = new ArrayList<>();
            for (int i : p) {
                RawTensor t = tensor(inputs.get(i));
                in.add(new ContributionInput(Sha256.hash((byte) 0x04, t.data().toArray(
                        java.lang.foreign.ValueLayout.JAVA_BYTE)), t, 1.0));
            }
            try (Arena arena = Arena.ofConfined()) {
                double[] r = merger.merge(s, params, in, Optional.of(tensor(base)), ctx, arena).values();
                if (reference == null) {
                    reference = r;
                } else if (!Arrays.equals(reference, r)) {
                    return false;
                }
            }
        }
        return true;
    }

    private static boolean close(double[] a, double[] b) {
        for (int j = 0; j < a.length; j++) {
            if (!(Math.abs(a[j] - b[j]) <= ATOL)) {
                return false;
            }
        }
        return true;
    }

    private static double[] random(SplittableRandom rnd) {
        double[] v = new double[16];
        for (int j = 0; j < v.length; j++) {
            v[j] = rnd.nextGaussian();
        }
        return v;
    }

    private static RawTensor tensor(double[] v) {
        return RawTensor.ofDoubles(DType.F64, SHAPE, v);
    }

    private static String yn(boolean b) {
        return b ? "yes" : "no";
    }

    private static Hash32 fill(int b) {
        byte[] r = new byte[32];
        Arrays.fill(r, (byte) b);
        return Hash32.of(r);
    }

    static Map<String, Row> byId(List<Row> rows) {
        Map<String, Row> m = new java.util.LinkedHashMap<>();
        rows.forEach(r -> m.put(r.id(), r));
        return m;
    }
}
