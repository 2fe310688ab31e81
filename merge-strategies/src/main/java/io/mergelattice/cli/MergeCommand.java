package io.mergelattice.cli;

import io.mergelattice.identity.ContributionKind;
import io.mergelattice.identity.ContributionManifest;
import io.mergelattice.identity.Hash32;
import io.mergelattice.identity.Identity;
import io.mergelattice.identity.Recipe;
import io.mergelattice.kernels.KernelSelector;
import io.mergelattice.merge.MergeProgress;
import io.mergelattice.merge.ModelInput;
import io.mergelattice.merge.ModelMergeRequest;
import io.mergelattice.merge.ModelMergeResult;
import io.mergelattice.merge.ModelMerger;
import io.mergelattice.model.ContentRoots;
import io.mergelattice.safetensors.SafetensorsModel;
import io.mergelattice.safetensors.TensorSource;
import io.mergelattice.strategy.MergeStrategy;
import io.mergelattice.strategy.Params;
import io.mergelattice.strategy.StrategyRegistry;
import io.mergelattice.tensor.DType;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code ./mergelattice merge}: a local merge without the server, the way a mergekit user works. Inputs are
 * safetensors files or directories of sharded models; their contribution ids are derived from their content
 * roots (docs/decisions/0003-local-merge-identity.md), so the default seed is the one a replica would use for the
 * same set and recipe.
 */
final class MergeCommand {
    private MergeCommand() {
    }

    static final String USAGE = """
            usage: ./mergelattice merge --strategy ID [--base MODEL] [--param NAME=VALUE]... [--weights W1,W2,...]
                                        [--artifact NAME=MODEL1,MODEL2,...] [--seed-hex HEX] [--output-dtype F32]
                                        [--threads N] [--max-shard-size BYTES] -o OUT_DIR MODEL...
              MODEL is a .safetensors file or a directory with a sharded model (model.safetensors.index.json).
              --param values follow JSON typing: 0.3 is a double, 3 an integer, true/false booleans, else a string.
              --artifact gives one artifact model per input, in input order (leave an entry empty for none).""";

    static int run(String[] args, PrintStream out, PrintStream err) throws Exception {
        String strategyId = null;
        Path base = null;
        Path output = null;
        Map<String, Object> params = new LinkedHashMap<>();
        double[] weights = null;
        Map<String, String[]> artifacts = new LinkedHashMap<>();
        Hash32 seed = null;
        Optional<DType> outputDtype = Optional.empty();
        int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
        long maxShard = 5L << 30;
        List<Path> inputs = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--help", "-h" -> {
                    out.println(USAGE);
                    return 0;
                }
                case "--strategy" -> strategyId = Args.value(args, ++i, a);
                case "--base" -> base = Path.of(Args.value(args, ++i, a));
                case "-o", "--output" -> output = Path.of(Args.value(args, ++i, a));
                case "--param" -> {
                    String kv = Args.value(args, ++i, a);
                    int eq = kv.indexOf('=');
                    if (eq <= 0) {
                        throw new UsageException("--param wants NAME=VALUE, got '" + kv + "'");
                    }
                    if (params.put(kv.substring(0, eq), Args.jsonTyped(kv.substring(eq + 1))) != null) {
                        throw new UsageException("parameter '" + kv.substring(0, eq) + "' given twice");
                    }
                }
                case "--weights" -> weights = Args.doubles(Args.value(args, ++i, a), "--weights");
                case "--artifact" -> {
                    String kv = Args.value(args, ++i, a);
                    int eq = kv.indexOf('=');
                    if (eq <= 0) {
                        throw new UsageException("--artifact wants NAME=MODEL1,MODEL2,..., got '" + kv + "'");
                    }
                    artifacts.put(kv.substring(0, eq), kv.substring(eq + 1).split(",", -1));
                }
                case "--seed-hex" -> {
                    try {
                        seed = Hash32.ofHex(Args.value(args, ++i, a));
                    } catch (IllegalArgumentException e) {
                        throw new UsageException("--seed-hex wants 64 hex digits (32 bytes)");
                    }
                }
                case "--output-dtype" -> {
                    String d = Args.value(args, ++i, a);
                    outputDtype = Optional.of(DType.fromFormatName(d).filter(DType::isFloat).orElseThrow(
                            () -> new UsageException("--output-dtype must be F64, F32, F16 or BF16, got '" + d + "'")));
                }
                case "--threads" -> threads = Args.positiveInt(Args.value(args, ++i, a), a);
                case "--max-shard-size" -> maxShard = Args.positiveLong(Args.value(args, ++i, a), a);
                default -> {
                    if (a.startsWith("-")) {
                        throw new UsageException("unknown option '" + a + "' (see ./mergelattice merge --help)");
                    }
                    inputs.add(Path.of(a));
                }
            }
        }
        if (strategyId == null) {
            throw new UsageException("--strategy is required (./mergelattice strategies lists them)");
        }
        if (output == null) {
            throw new UsageException("-o OUT_DIR is required");
        }
        if (inputs.isEmpty()) {
            throw new UsageException("no input models given");
        }
        if (weights != null && weights.length != inputs.size()) {
            throw new UsageException("--weights has " + weights.length + " values for " + inputs.size() + " models");
        }
        for (var e : artifacts.entrySet()) {
            if (e.getValue().length != inputs.size()) {
                throw new UsageException("--artifact " + e.getKey() + " has " + e.getValue().length
                        + " entries for " + inputs.size() + " models");
            }
        }
        String wanted = strategyId;
        MergeStrategy strategy = StrategyRegistry.get(wanted).orElseThrow(() -> new UsageException(
                "unknown strategy '" + wanted + "' (./mergelattice strategies lists them)"));
        Params validated = StrategyRegistry.validate(strategy, params); // before any tensor is read (§2.1)

        List<AutoCloseable> open = new ArrayList<>();
        try {
            Optional<TensorSource> baseModel = Optional.empty();
            Optional<Hash32> baseRoot = Optional.empty();
            if (base != null) {
                SafetensorsModel b = open(base, open);
                baseRoot = Optional.of(ContentRoots.verifyAndHash(b).root());
                baseModel = Optional.of(b);
            }
            List<ModelInput> contributions = new ArrayList<>();
            List<Hash32> ids = new ArrayList<>();
            for (int i = 0; i < inputs.size(); i++) {
                SafetensorsModel m = open(inputs.get(i), open);
                Hash32 content = ContentRoots.verifyAndHash(m).root();
                Map<String, TensorSource> arts = new LinkedHashMap<>();
                Map<String, Hash32> artRoots = new LinkedHashMap<>();
                for (var e : artifacts.entrySet()) {
                    String p = e.getValue()[i].strip();
                    if (!p.isEmpty()) {
                        SafetensorsModel am = open(Path.of(p), open);
                        artRoots.put(e.getKey(), ContentRoots.verifyAndHash(am).root());
                        arts.put(e.getKey(), am);
                    }
                }
                double w = weights == null ? 1.0 : weights[i];
                Hash32 id = new ContributionManifest("local", content, ContributionKind.FULL, baseRoot, w, artRoots,
                        "", "").id();
                if (ids.contains(id)) {
                    throw new UsageException(inputs.get(i) + " is the same contribution as an earlier input "
                            + "(identical tensors and weight)");
                }
                ids.add(id);
                contributions.add(new ModelInput(id, m, w, arts));
            }
            String dtypeName = outputDtype.map(DType::formatName).orElse("inputs");
            Recipe recipe = new Recipe(strategy.info().id(), strategy.info().version(), validated.values(), dtypeName);
            Hash32 setRoot = Identity.setRoot(ids);
            Hash32 resultId = Identity.resultId(setRoot, recipe.id());
            Hash32 usedSeed = seed != null ? seed : Identity.seed(setRoot, recipe.id());
            Map<String, String> header = new LinkedHashMap<>();
            header.put("mergelattice.set_root", setRoot.hex());
            header.put("mergelattice.recipe_id", recipe.id().hex());
            header.put("mergelattice.result_id", resultId.hex());
            ModelMergeRequest req = new ModelMergeRequest(baseModel, contributions, strategy, validated, usedSeed,
                    outputDtype, output, maxShard, threads, header);
            long t0 = System.nanoTime();
            ModelMergeResult r = new ModelMerger(KernelSelector.kernels()).merge(req, progress(err, t0));
            double secs = (System.nanoTime() - t0) / 1e9;
            err.println();
            out.printf("merged %d tensors (%.2f GB read) in %.1f s with %s%n", r.tensorCount(), r.inputBytes() / 1e9,
                    secs, strategy.info().id());
            out.println("output root: " + r.outputRoot().hex());
            out.println("seed:        " + usedSeed.hex() + (seed != null ? " (--seed-hex)" : " (derived)"));
            out.println("result id:   " + resultId.hex());
            r.files().forEach(f -> out.println("wrote " + f));
            return 0;
        } finally {
            for (AutoCloseable c : open) {
                c.close();
            }
        }
    }

    private static SafetensorsModel open(Path p, List<AutoCloseable> open) throws Exception {
        SafetensorsModel m = SafetensorsModel.open(p);
        open.add(m);
        return m;
    }

    private static MergeProgress progress(PrintStream err, long t0) {
        return (done, total, bytes) -> {
            synchronized (err) {
                double secs = Math.max(1e-9, (System.nanoTime() - t0) / 1e9);
                err.printf("\r%d/%d tensors, %.2f GB/s", done, total, bytes / secs / 1e9);
            }
        };
    }
}
