package io.mergelattice.cli;

import io.mergelattice.json.JsonValue;
import io.mergelattice.json.JsonWriter;
import io.mergelattice.strategy.AliasSpec;
import io.mergelattice.strategy.ArtifactSpec;
import io.mergelattice.strategy.MergeStrategy;
import io.mergelattice.strategy.ParamSpec;
import io.mergelattice.strategy.StrategyInfo;
import io.mergelattice.strategy.StrategyRegistry;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code ./mergelattice strategies [--json]}: the catalogue with parameters, defaults and determinism class. */
final class StrategiesCommand {
    private StrategiesCommand() {
    }

    static int run(String[] args, PrintStream out, PrintStream err) throws UsageException {
        boolean json = false;
        for (String a : args) {
            switch (a) {
                case "--json" -> json = true;
                case "--help", "-h" -> {
                    out.println("usage: ./mergelattice strategies [--json]");
                    return 0;
                }
                default -> throw new UsageException("unknown option '" + a + "'");
            }
        }
        if (json) {
            List<JsonValue> list = new ArrayList<>();
            for (MergeStrategy s : StrategyRegistry.all()) {
                list.add(json(s.info()));
            }
            out.println(JsonWriter.write(new JsonValue.JsonArray(list)));
            return 0;
        }
        out.printf("%-24s %-5s %-9s %-24s %s%n", "strategy", "class", "base", "weights", "parameters (default, range)");
        for (MergeStrategy s : StrategyRegistry.all()) {
            StrategyInfo i = s.info();
            StringBuilder p = new StringBuilder();
            for (ParamSpec ps : i.params()) {
                p.append(p.isEmpty() ? "" : "; ").append(ps.name()).append('=').append(ps.defaultText())
                        .append(" (").append(ps.rangeText()).append(')');
            }
            for (AliasSpec a : i.aliases()) {
                p.append("; alias ").append(a.alias()).append("→").append(a.canonical());
            }
            for (ArtifactSpec a : i.artifacts()) {
                p.append("; artifact ").append(a.name());
            }
            out.printf("%-24s %-5s %-9s %-24s %s%n", i.id(), i.determinismClass(), i.baseMode().name().toLowerCase()
                    .replace("not_used", "not used"), i.weightsText(), p.isEmpty() ? "–" : p);
        }
        out.printf("%d strategies%n", StrategyRegistry.all().size());
        return 0;
    }

    private static JsonValue json(StrategyInfo i) {
        Map<String, JsonValue> m = new LinkedHashMap<>();
        m.put("id", str(i.id()));
        m.put("display_name", str(i.displayName()));
        m.put("paper", str(i.paper()));
        m.put("category", str(i.category().name()));
        m.put("base", str(i.baseMode().name().toLowerCase()));
        m.put("weights", str(i.weightsText()));
        m.put("randomness", str(i.randomness().name().toLowerCase()));
        m.put("class", str(i.determinismClass().name()));
        m.put("version", JsonValue.JsonNumber.of(i.version()));
        List<JsonValue> params = new ArrayList<>();
        for (ParamSpec ps : i.params()) {
            Map<String, JsonValue> p = new LinkedHashMap<>();
            p.put("name", str(ps.name()));
            p.put("type", str(ps.type().name().toLowerCase()));
            p.put("default", str(ps.defaultText()));
            p.put("range", str(ps.rangeText()));
            p.put("description", str(ps.description()));
            params.add(new JsonValue.JsonObject(p));
        }
        m.put("parameters", new JsonValue.JsonArray(params));
        List<JsonValue> aliases = new ArrayList<>();
        for (AliasSpec a : i.aliases()) {
            aliases.add(new JsonValue.JsonObject(Map.of("alias", str(a.alias()), "canonical", str(a.canonical()))));
        }
        m.put("aliases", new JsonValue.JsonArray(aliases));
        List<JsonValue> artifacts = new ArrayList<>();
        for (ArtifactSpec a : i.artifacts()) {
            artifacts.add(new JsonValue.JsonObject(Map.of("name", str(a.name()), "element_wise",
                    new JsonValue.JsonBoolean(a.elementWise()), "description", str(a.description()))));
        }
        m.put("artifacts", new JsonValue.JsonArray(artifacts));
        return new JsonValue.JsonObject(m);
    }

    private static JsonValue str(String s) {
        return new JsonValue.JsonString(s);
    }
}
