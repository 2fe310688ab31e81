package io.mergelattice.strategy;

import io.mergelattice.identity.ParamValue;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.TreeMap;

/**
 * Validated, complete parameters: every declared parameter under its canonical name, with aliases converted and
 * defaults filled in (the canonical parameters of the recipe, design.md §2).
 */
public final class Params {
    private final Map<String, ParamValue> values;

    private Params(Map<String, ParamValue> values) {
        this.values = Collections.unmodifiableMap(values);
    }

    /** Canonical name → value, sorted by name. */
    public Map<String, ParamValue> values() {
        return values;
    }

    public double getDouble(String name) {
        return ((ParamValue.DoubleValue) get(name)).value();
    }

    public long getLong(String name) {
        return ((ParamValue.IntValue) get(name)).value();
    }

    public int getInt(String name) {
        return Math.toIntExact(getLong(name));
    }

    public boolean getBool(String name) {
        return ((ParamValue.BoolValue) get(name)).value();
    }

    public String getString(String name) {
        return ((ParamValue.StringValue) get(name)).value();
    }

    /** For {@code int_or_auto}: whether the value is "auto". */
    public boolean isAuto(String name) {
        return get(name) instanceof ParamValue.StringValue;
    }

    private ParamValue get(String name) {
        ParamValue v = values.get(name);
        if (v == null) {
            throw new NoSuchElementException("no parameter '" + name + "' (declared: " + values.keySet() + ")");
        }
        return v;
    }

    @Override
    public String toString() {
        return values.toString();
    }

    /**
     * Validates raw parameter values (strategies spec §2.1). Raw values are {@link Double} (a JSON number with a
     * fraction or exponent), {@link Long}/{@link Integer} (any other JSON number), {@link Boolean} or
     * {@link String}. The first rule that applies decides the error, never the map order: unknown names, then an
     * alias given with its canonical name, then wrong types or ranges (names examined in sorted order).
     */
    public static Params validate(String strategy, List<ParamSpec> specs, List<AliasSpec> aliases,
            Map<String, ?> raw) throws MergeException {
        Map<String, ParamSpec> byName = new LinkedHashMap<>();
        specs.forEach(s -> byName.put(s.name(), s));
        Map<String, AliasSpec> byAlias = new LinkedHashMap<>();
        aliases.forEach(a -> byAlias.put(a.alias(), a));
        TreeMap<String, Object> given = new TreeMap<>(raw);

        for (String name : given.keySet()) {
            if (!byName.containsKey(name) && !byAlias.containsKey(name)) {
                throw new MergeException(ErrorCode.UNKNOWN_PARAMETER, "'" + name + "' is not a parameter of "
                        + strategy + " (parameters: " + describe(specs, aliases) + ")");
            }
        }
        for (String name : given.keySet()) {
            AliasSpec a = byAlias.get(name);
            if (a != null && given.containsKey(a.canonical())) {
                throw new MergeException(ErrorCode.DUPLICATE_PARAMETER, "'" + name + "' is an alias of '"
                        + a.canonical() + "'; give only one of them");
            }
        }
        TreeMap<String, ParamValue> out = new TreeMap<>();
        for (var e : given.entrySet()) {
            AliasSpec a = byAlias.get(e.getKey());
            if (a != null) {
                ParamSpec target = byName.get(a.canonical());
                out.put(target.name(), check(strategy, target, convertAlias(strategy, a, e.getValue()), a.alias()));
            } else {
                ParamSpec spec = byName.get(e.getKey());
                out.put(spec.name(), check(strategy, spec, e.getValue(), null));
            }
        }
        for (ParamSpec s : specs) {
            out.putIfAbsent(s.name(), s.defaultValue());
        }
        return new Params(out);
    }

    /** Only the defaults (for strategies' documentation and tests). */
    public static Params defaults(List<ParamSpec> specs) {
        TreeMap<String, ParamValue> out = new TreeMap<>();
        specs.forEach(s -> out.put(s.name(), s.defaultValue()));
        return new Params(out);
    }

    private static Object convertAlias(String strategy, AliasSpec a, Object value) throws MergeException {
        return switch (a.kind()) {
            case ONE_MINUS -> 1.0 - asDouble(strategy, a.alias(), value);
            case IDENTITY -> asDouble(strategy, a.alias(), value);
            case MAJORITY_SIGN -> switch (value) {
                case String s when s.equals("magnitude") -> "sum";
                case String s when s.equals("count") -> "count";
                default -> throw invalid(strategy, a.alias(), value, "'magnitude' or 'count'");
            };
        };
    }

    private static double asDouble(String strategy, String name, Object value) throws MergeException {
        double d = switch (value) {
            case Double x -> x;
            case Float x -> x.doubleValue();
            case Long x -> (double) x;
            case Integer x -> (double) x;
            default -> throw invalid(strategy, name, value, "a number");
        };
        if (!Double.isFinite(d)) {
            throw invalid(strategy, name, value, "a finite number");
        }
        return d;
    }

    private static ParamValue check(String strategy, ParamSpec spec, Object value, String givenAs)
            throws MergeException {
        String name = givenAs == null ? spec.name() : givenAs + " (→ " + spec.name() + ")";
        switch (spec.type()) {
            case DOUBLE -> {
                double d = asDouble(strategy, name, value);
                if (!spec.inRange(d)) {
                    throw invalid(strategy, name, d, "in " + spec.rangeText());
                }
                return new ParamValue.DoubleValue(d);
            }
            case INT -> {
                long v = switch (value) {
                    case Long x -> x;
                    case Integer x -> (long) x;
                    default -> throw invalid(strategy, name, value, "an integer");
                };
                if (v < (long) spec.min() || v > (long) spec.max()) {
                    throw invalid(strategy, name, value, "in " + spec.rangeText());
                }
                return new ParamValue.IntValue(v);
            }
            case BOOL -> {
                if (value instanceof Boolean b) {
                    return new ParamValue.BoolValue(b);
                }
                throw invalid(strategy, name, value, "true or false");
            }
            case ENUM -> {
                if (value instanceof String s && spec.values().contains(s)) {
                    return new ParamValue.StringValue(s);
                }
                throw invalid(strategy, name, value, "one of " + spec.rangeText() + " (case-sensitive)");
            }
            case INT_OR_AUTO -> {
                if ("auto".equals(value)) {
                    return new ParamValue.StringValue("auto");
                }
                long v = switch (value) {
                    case Long x -> x;
                    case Integer x -> (long) x;
                    default -> throw invalid(strategy, name, value, "\"auto\" or an integer");
                };
                if (v < (long) spec.min() || v > (long) spec.max()) {
                    throw invalid(strategy, name, value, "\"auto\" or in " + (long) spec.min() + " … "
                            + (long) spec.max());
                }
                return new ParamValue.IntValue(v);
            }
        }
        throw new AssertionError(spec.type());
    }

    private static MergeException invalid(String strategy, String name, Object value, String expected) {
        String shown = value instanceof String s ? "\"" + s + "\"" : String.valueOf(value)
                + (value instanceof Double ? " (a double)" : value instanceof Long || value instanceof Integer
                ? " (an integer)" : "");
        return new MergeException(ErrorCode.INVALID_PARAMETER, strategy + " parameter " + name + " must be "
                + expected + ", got " + shown);
    }

    private static String describe(List<ParamSpec> specs, List<AliasSpec> aliases) {
        if (specs.isEmpty()) {
            return "none";
        }
        StringBuilder sb = new StringBuilder();
        for (ParamSpec s : specs) {
            sb.append(sb.isEmpty() ? "" : ", ").append(s.name());
        }
        for (AliasSpec a : aliases) {
            sb.append(", ").append(a.alias()).append(" (alias of ").append(a.canonical()).append(')');
        }
        return sb.toString();
    }
}
