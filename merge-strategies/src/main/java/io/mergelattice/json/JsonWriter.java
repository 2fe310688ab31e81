package io.mergelattice.json;

import java.util.Map;

/**
 * Writes a {@link JsonValue} as compact JSON (no whitespace) in one canonical spelling, so equal values give
 * equal bytes: object members in the map's order (callers sort where order matters), numbers as their literal,
 * strings with {@code "} and backslash escaped, control characters as the short escapes (b, f, n, r, t) or a
 * lowercase six-character {@code &#92;u00xx} escape, and every other character (including non-ASCII) written as itself (UTF-8 on encoding).
 */
public final class JsonWriter {

    private JsonWriter() {
    }

    /** The compact canonical text of {@code value}. */
    public static String write(JsonValue value) {
        StringBuilder sb = new StringBuilder();
        write(value, sb);
        return sb.toString();
    }

    /** Appends the compact canonical text of {@code value} to {@code sb}. */
    public static void write(JsonValue value, StringBuilder sb) {
        switch (value) {
            case JsonValue.JsonObject o -> {
                sb.append('{');
                boolean first = true;
                for (Map.Entry<String, JsonValue> e : o.members().entrySet()) {
                    if (!first) {
                        sb.append(',');
                    }
                    first = false;
                    writeString(e.getKey(), sb);
                    sb.append(':');
                    write(e.getValue(), sb);
                }
                sb.append('}');
            }
            case JsonValue.JsonArray a -> {
                sb.append('[');
                for (int i = 0; i < a.elements().size(); i++) {
                    if (i > 0) {
                        sb.append(',');
                    }
                    write(a.elements().get(i), sb);
                }
                sb.append(']');
            }
            case JsonValue.JsonString s -> writeString(s.value(), sb);
            case JsonValue.JsonNumber n -> sb.append(n.literal());
            case JsonValue.JsonBoolean b -> sb.append(b.value());
            case JsonValue.JsonNull n -> sb.append("null");
        }
    }

    /** Appends {@code s} as a canonical JSON string literal. */
    public static void writeString(String s, StringBuilder sb) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\b' -> sb.append("\\b");
                case '\f' -> sb.append("\\f");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }
}
