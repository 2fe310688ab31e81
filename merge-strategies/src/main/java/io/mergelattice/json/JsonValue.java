package io.mergelattice.json;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An immutable JSON value as {@link JsonParser} reads it and {@link JsonWriter} writes it. Objects keep their
 * members in the order given (the parser: document order; a writer: the caller's canonical order).
 */
public sealed interface JsonValue {

    /** A JSON object; keys are unique. */
    record JsonObject(Map<String, JsonValue> members) implements JsonValue {
        public JsonObject {
            members = Collections.unmodifiableMap(new LinkedHashMap<>(members));
        }

        /** The member named {@code key}, if present. */
        public Optional<JsonValue> get(String key) {
            return Optional.ofNullable(members.get(key));
        }
    }

    /** A JSON array. */
    record JsonArray(List<JsonValue> elements) implements JsonValue {
        public JsonArray {
            elements = List.copyOf(elements);
        }
    }

    /** A JSON string (well-formed Unicode: the parser rejects unpaired surrogate escapes). */
    record JsonString(String value) implements JsonValue {
        public JsonString {
            Objects.requireNonNull(value);
        }
    }

    /** A JSON number, kept as its literal text so that no precision is lost. */
    record JsonNumber(String literal) implements JsonValue {
        public JsonNumber {
            Objects.requireNonNull(literal);
        }

        /** The number for {@code value}. */
        public static JsonNumber of(long value) {
            return new JsonNumber(Long.toString(value));
        }

        /** Whether the literal is an integer (no fraction, no exponent), as the spec distinguishes them. */
        public boolean isIntegerLiteral() {
            return literal.indexOf('.') < 0 && literal.indexOf('e') < 0 && literal.indexOf('E') < 0;
        }

        /** The integer value, or empty if the literal has a fraction or exponent. */
        public Optional<BigInteger> integerValue() {
            return isIntegerLiteral() ? Optional.of(new BigInteger(literal)) : Optional.empty();
        }

        /** The exact decimal value. */
        public BigDecimal decimalValue() {
            return new BigDecimal(literal);
        }
    }

    /** {@code true} or {@code false}. */
    record JsonBoolean(boolean value) implements JsonValue {
    }

    /** {@code null}. */
    record JsonNull() implements JsonValue {
    }

    /** Shorthand for a string value. */
    static JsonString string(String value) {
        return new JsonString(value);
    }
}
