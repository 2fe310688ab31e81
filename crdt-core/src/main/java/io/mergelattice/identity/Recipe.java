package io.mergelattice.identity;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * How to merge (design.md §2): strategy id, strategy version, canonical parameters (every declared parameter with
 * its value after alias conversion and defaults, so equivalent requests share one id) and output dtype.
 *
 * <p>Wire format (version 1): {@code u8 version=1 ‖ str strategy ‖ u32 strategyVersion ‖ u32 paramCount
 * ‖ (str name ‖ ParamValue)* sorted by name ‖ str outputDtype}. The recipe id is {@code SHA-256(0x05 ‖ encode())}.
 */
public record Recipe(String strategy, int strategyVersion, Map<String, ParamValue> params, String outputDtype) {
    public static final int VERSION = 1;

    public Recipe {
        Objects.requireNonNull(strategy, "strategy");
        Objects.requireNonNull(outputDtype, "outputDtype");
        if (strategyVersion < 0) {
            throw new IllegalArgumentException("strategy version must be >= 0, got " + strategyVersion);
        }
        TreeMap<String, ParamValue> sorted = new TreeMap<>(Utf8Order.INSTANCE);
        sorted.putAll(params);
        params = Collections.unmodifiableMap(sorted);
    }

    public byte[] encode() {
        CanonicalEncoder e = new CanonicalEncoder().u8(VERSION).str(strategy).u32(strategyVersion).u32(params.size());
        params.forEach((name, value) -> {
            e.str(name);
            value.encode(e);
        });
        return e.str(outputDtype).toByteArray();
    }

    /** {@code SHA-256(0x05 ‖ encode())}. */
    public Hash32 id() {
        return Sha256.hash(Domain.RECIPE, encode());
    }
}
