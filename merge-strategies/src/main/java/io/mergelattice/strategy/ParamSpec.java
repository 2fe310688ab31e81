package io.mergelattice.strategy;

import io.mergelattice.identity.ParamValue;
import java.util.List;
import java.util.Objects;

/**
 * A declared strategy parameter (strategies spec §2.1): name, type, range, default and a one-line description.
 * The range of a double is an interval with open or closed ends; of an integer, inclusive bounds; of an enum,
 * its values.
 */
public record ParamSpec(
        String name,
        ParamType type,
        double min,
        boolean minInclusive,
        double max,
        boolean maxInclusive,
        List<String> values,
        ParamValue defaultValue,
        String description) {

    public ParamSpec {
        Objects.requireNonNull(name);
        Objects.requireNonNull(type);
        values = List.copyOf(values);
        Objects.requireNonNull(defaultValue);
        Objects.requireNonNull(description);
    }

    /** A double in the interval given by {@code range} (e.g. "(0, 1]", "[0, 0.5)", "finite"). */
    public static ParamSpec ofDouble(String name, String range, double defaultValue, String description) {
        if (range.equals("finite")) {
            return new ParamSpec(name, ParamType.DOUBLE, Double.NEGATIVE_INFINITY, false, Double.POSITIVE_INFINITY,
                    false, List.of(), new ParamValue.DoubleValue(defaultValue), description);
        }
        String r = range.strip();
        boolean loIn = r.charAt(0) == '[';
        boolean hiIn = r.charAt(r.length() - 1) == ']';
        String[] parts = r.substring(1, r.length() - 1).split(",");
        return new ParamSpec(name, ParamType.DOUBLE, Double.parseDouble(parts[0].strip()), loIn,
                Double.parseDouble(parts[1].strip()), hiIn, List.of(), new ParamValue.DoubleValue(defaultValue),
                description);
    }

    /** An integer in [min, max]. */
    public static ParamSpec ofInt(String name, long min, long max, long defaultValue, String description) {
        return new ParamSpec(name, ParamType.INT, min, true, max, true, List.of(),
                new ParamValue.IntValue(defaultValue), description);
    }

    public static ParamSpec ofBool(String name, boolean defaultValue, String description) {
        return new ParamSpec(name, ParamType.BOOL, 0, true, 0, true, List.of(), new ParamValue.BoolValue(defaultValue),
                description);
    }

    public static ParamSpec ofEnum(String name, List<String> values, String defaultValue, String description) {
        return new ParamSpec(name, ParamType.ENUM, 0, true, 0, true, values, new ParamValue.StringValue(defaultValue),
                description);
    }

    /** "auto" (the default) or an integer in [min, max]. */
    public static ParamSpec ofIntOrAuto(String name, long min, long max, String description) {
        return new ParamSpec(name, ParamType.INT_OR_AUTO, min, true, max, true, List.of("auto"),
                new ParamValue.StringValue("auto"), description);
    }

    /** The range as the spec writes it: "(0, 1]", "0 … 100", "sum | count", "finite". */
    public String rangeText() {
        return switch (type) {
            case DOUBLE -> Double.isInfinite(min) && Double.isInfinite(max) ? "finite"
                    : (minInclusive ? "[" : "(") + fmt(min) + ", " + fmt(max) + (maxInclusive ? "]" : ")");
            case INT -> (long) min + " … " + (long) max;
            case INT_OR_AUTO -> "\"auto\" or " + (long) min + " … " + (long) max;
            case BOOL -> "true | false";
            case ENUM -> String.join(" | ", values);
        };
    }

    /** The default as text ("0.2", "sum", "true", "auto"). */
    public String defaultText() {
        return switch (defaultValue) {
            case ParamValue.DoubleValue d -> Double.toString(d.value());
            case ParamValue.IntValue i -> Long.toString(i.value());
            case ParamValue.BoolValue b -> Boolean.toString(b.value());
            case ParamValue.StringValue s -> s.value();
        };
    }

    static String fmt(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return Double.toString(v);
    }

    /** Whether {@code v} lies in this double parameter's interval. */
    boolean inRange(double v) {
        boolean lo = minInclusive ? v >= min : v > min;
        boolean hi = maxInclusive ? v <= max : v < max;
        return lo && hi;
    }
}
