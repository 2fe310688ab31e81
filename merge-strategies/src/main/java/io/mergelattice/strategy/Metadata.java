package io.mergelattice.strategy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The deterministic result metadata of a merge (strategies spec §2.15): an ordered map whose values are
 * {@link String}, {@link Long}, {@link Double}, {@link Boolean} or lists of these (nested for per-group
 * coefficients). Coefficient arrays are in canonical contribution order.
 */
public final class Metadata {
    private final Map<String, Object> values = new LinkedHashMap<>();

    public Metadata put(String key, String value) {
        values.put(key, value);
        return this;
    }

    public Metadata put(String key, long value) {
        values.put(key, value);
        return this;
    }

    public Metadata put(String key, double value) {
        values.put(key, value);
        return this;
    }

    public Metadata put(String key, boolean value) {
        values.put(key, value);
        return this;
    }

    public Metadata put(String key, double[] value) {
        values.put(key, list(value));
        return this;
    }

    public Metadata put(String key, long[] value) {
        List<Long> l = new ArrayList<>(value.length);
        for (long v : value) {
            l.add(v);
        }
        values.put(key, Collections.unmodifiableList(l));
        return this;
    }

    public Metadata put(String key, double[][] value) {
        List<List<Double>> l = new ArrayList<>(value.length);
        for (double[] row : value) {
            l.add(list(row));
        }
        values.put(key, Collections.unmodifiableList(l));
        return this;
    }

    /** Adds all entries of {@code other} after this map's entries (keys already present keep their place). */
    public Metadata putAll(Metadata other) {
        values.putAll(other.values);
        return this;
    }

    public Object get(String key) {
        return values.get(key);
    }

    public Map<String, Object> asMap() {
        return Collections.unmodifiableMap(values);
    }

    private static List<Double> list(double[] value) {
        List<Double> l = new ArrayList<>(value.length);
        for (double v : value) {
            l.add(v);
        }
        return Collections.unmodifiableList(l);
    }

    @Override
    public String toString() {
        return values.toString();
    }
}
