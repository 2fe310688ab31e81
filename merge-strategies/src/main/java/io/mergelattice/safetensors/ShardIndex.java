package io.mergelattice.safetensors;

import io.mergelattice.identity.Utf8Order;
import io.mergelattice.json.JsonException;
import io.mergelattice.json.JsonParser;
import io.mergelattice.json.JsonValue;
import io.mergelattice.json.JsonWriter;
import io.mergelattice.safetensors.SafetensorsFormatException.Problem;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * A sharded model's index, {@code model.safetensors.index.json}:
 * {@code {"metadata": {"total_size": N, ...}, "weight_map": {tensor: shard file name}}}. Reading is strict about
 * {@code weight_map} (an object of strings; shard names are bare file names) and keeps {@code metadata} as it is.
 *
 * @param weightMap tensor name → shard file name, sorted by tensor name (UTF-8 bytewise)
 * @param metadata  the {@code metadata} object's members (empty if absent)
 */
public record ShardIndex(Map<String, String> weightMap, Map<String, JsonValue> metadata) {

    /** Largest index file read. */
    static final long MAX_INDEX_BYTES = 100L << 20;

    public ShardIndex {
        Map<String, String> sorted = new TreeMap<>(Utf8Order.INSTANCE);
        sorted.putAll(weightMap);
        weightMap = Collections.unmodifiableMap(sorted);
        metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
    }

    /** Reads and checks the index at {@code file}. */
    public static ShardIndex read(Path file) throws IOException {
        if (Files.size(file) > MAX_INDEX_BYTES) {
            throw malformed(file, "larger than " + MAX_INDEX_BYTES + " bytes", null);
        }
        JsonValue root;
        try {
            root = JsonParser.parseUtf8(Files.readAllBytes(file));
        } catch (JsonException e) {
            throw malformed(file, "not valid UTF-8 JSON: " + e.getMessage(), e);
        }
        if (!(root instanceof JsonValue.JsonObject top)
                || !(top.members().get("weight_map") instanceof JsonValue.JsonObject weights)) {
            throw malformed(file, "expected an object with a \"weight_map\" object", null);
        }
        Map<String, JsonValue> metadata = Map.of();
        JsonValue meta = top.members().get("metadata");
        if (meta != null) {
            if (!(meta instanceof JsonValue.JsonObject m)) {
                throw malformed(file, "\"metadata\" must be an object", null);
            }
            metadata = m.members();
        }
        Map<String, String> weightMap = new LinkedHashMap<>();
        for (Map.Entry<String, JsonValue> e : weights.members().entrySet()) {
            if (!(e.getValue() instanceof JsonValue.JsonString shard)) {
                throw malformed(file, "weight_map value of tensor '" + e.getKey() + "' must be a string", null);
            }
            if (!isBareFileName(shard.value())) {
                throw new SafetensorsFormatException(Problem.INDEX_BAD_SHARD_NAME, file + ": tensor '" + e.getKey()
                        + "' maps to \"" + shard.value() + "\", which is not a plain file name in this directory");
            }
            weightMap.put(e.getKey(), shard.value());
        }
        return new ShardIndex(weightMap, metadata);
    }

    /**
     * The canonical index text for {@code weightMap} and the model's {@code totalSize} (sum of tensor bytes):
     * compact JSON, {@code {"metadata":{"total_size":N},"weight_map":{...}}} with tensors sorted.
     */
    public static String canonicalJson(Map<String, String> weightMap, long totalSize) {
        Map<String, JsonValue> weights = new LinkedHashMap<>();
        new ShardIndex(weightMap, Map.of()).weightMap().forEach((k, v) -> weights.put(k, JsonValue.string(v)));
        Map<String, JsonValue> root = new LinkedHashMap<>();
        root.put("metadata", new JsonValue.JsonObject(Map.of("total_size", JsonValue.JsonNumber.of(totalSize))));
        root.put("weight_map", new JsonValue.JsonObject(weights));
        return JsonWriter.write(new JsonValue.JsonObject(root));
    }

    /** Whether {@code name} is a non-empty file name without separators, NUL, or a {@code .}/{@code ..} name. */
    static boolean isBareFileName(String name) {
        return !name.isEmpty() && !name.equals(".") && !name.equals("..") && name.indexOf('/') < 0
                && name.indexOf('\\') < 0 && name.indexOf('\0') < 0;
    }

    private static SafetensorsFormatException malformed(Path file, String message, Throwable cause) {
        return new SafetensorsFormatException(Problem.INDEX_MALFORMED, file + ": " + message, cause);
    }
}
