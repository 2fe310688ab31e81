package io.mergelattice.merge;

import io.mergelattice.json.JsonValue;
import io.mergelattice.json.JsonWriter;
import io.mergelattice.strategy.Metadata;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Canonical JSON of result metadata: key order kept, doubles as Java's shortest round-trip text. */
final class MetadataJson {
    private MetadataJson() {
    }

    static String perTensor(Map<String, Metadata> byTensor) {
        Map<String, JsonValue> m = new LinkedHashMap<>();
        byTensor.forEach((name, md) -> m.put(name, object(md.asMap())));
        return JsonWriter.write(new JsonValue.JsonObject(m));
    }

    static JsonValue object(Map<String, Object> map) {
        Map<String, JsonValue> m = new LinkedHashMap<>();
        map.forEach((k, v) -> m.put(k, value(v)));
        return new JsonValue.JsonObject(m);
    }

    static JsonValue value(Object v) {
        return switch (v) {
            case String s -> new JsonValue.JsonString(s);
            case Long l -> JsonValue.JsonNumber.of(l);
            case Double d -> new JsonValue.JsonNumber(Double.toString(d));
            case Boolean b -> new JsonValue.JsonBoolean(b);
            case List<?> list -> {
                List<JsonValue> out = new ArrayList<>(list.size());
                list.forEach(e -> out.add(value(e)));
                yield new JsonValue.JsonArray(out);
            }
            default -> throw new IllegalArgumentException("metadata value of type " + v.getClass());
        };
    }
}
