package io.mergelattice.safetensors;

import io.mergelattice.identity.Utf8Order;
import io.mergelattice.json.JsonValue;
import io.mergelattice.json.JsonWriter;
import io.mergelattice.tensor.LittleEndian;
import io.mergelattice.tensor.TensorInfo;

import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.TreeMap;

/**
 * The canonical layout of a safetensors file for a set of tensors and metadata, computed before any data is
 * written: the same tensors and metadata, declared in any order, give the same bytes.
 *
 * <p>Wire format (canonical): tensors sorted by name (UTF-8 bytewise) with contiguous offsets in that order from
 * 0; the header is compact JSON with {@code "__metadata__"} first (keys sorted; omitted when empty), then one
 * member per tensor {@code {"dtype":..,"shape":[..],"data_offsets":[b,e]}} in the same order, escaped as
 * {@link JsonWriter} does, and padded with spaces (0x20) to a multiple of 8 bytes so the data buffer is 8-aligned.
 */
public final class SafetensorsLayout {

    private final List<TensorInfo> tensors;
    private final long[] begins;
    private final Map<String, Integer> indexByName;
    private final Map<String, String> metadata;
    private final byte[] header;
    private final long dataSize;

    private SafetensorsLayout(List<TensorInfo> tensors, Map<String, String> metadata) {
        this.tensors = tensors;
        this.metadata = metadata;
        this.begins = new long[tensors.size() + 1];
        this.indexByName = new HashMap<>();
        long offset = 0;
        for (int i = 0; i < tensors.size(); i++) {
            begins[i] = offset;
            offset = Math.addExact(offset, tensors.get(i).byteSize());
            indexByName.put(tensors.get(i).name(), i);
        }
        begins[tensors.size()] = offset;
        this.dataSize = offset;
        this.header = headerJson();
    }

    /**
     * The layout of {@code tensors} (names unique, not {@code __metadata__}) with {@code metadata} (may be empty).
     *
     * @throws IllegalArgumentException on a duplicate or reserved name, or malformed metadata
     */
    public static SafetensorsLayout of(Collection<TensorInfo> tensors, Map<String, String> metadata) {
        List<TensorInfo> sorted = new ArrayList<>(tensors);
        sorted.sort(Comparator.comparing(TensorInfo::name, Utf8Order.INSTANCE));
        for (int i = 0; i < sorted.size(); i++) {
            String name = sorted.get(i).name();
            if (name.equals(HeaderParser.METADATA_KEY)) {
                throw new IllegalArgumentException("a tensor cannot be called " + HeaderParser.METADATA_KEY);
            }
            if (i > 0 && name.equals(sorted.get(i - 1).name())) {
                throw new IllegalArgumentException("tensor '" + name + "' declared twice");
            }
        }
        Map<String, String> meta = new TreeMap<>(Utf8Order.INSTANCE);
        metadata.forEach((k, v) -> {
            if (!Utf8Order.isWellFormed(k) || !Utf8Order.isWellFormed(v)) {
                throw new IllegalArgumentException("metadata entry with an unpaired surrogate: " + k);
            }
            meta.put(k, v);
        });
        return new SafetensorsLayout(List.copyOf(sorted), Collections.unmodifiableMap(meta));
    }

    private byte[] headerJson() {
        Map<String, JsonValue> members = new LinkedHashMap<>();
        if (!metadata.isEmpty()) {
            Map<String, JsonValue> meta = new LinkedHashMap<>();
            metadata.forEach((k, v) -> meta.put(k, JsonValue.string(v)));
            members.put(HeaderParser.METADATA_KEY, new JsonValue.JsonObject(meta));
        }
        for (int i = 0; i < tensors.size(); i++) {
            TensorInfo t = tensors.get(i);
            Map<String, JsonValue> entry = new LinkedHashMap<>();
            entry.put("dtype", JsonValue.string(t.dtype().formatName()));
            List<JsonValue> shape = new ArrayList<>();
            for (long d : t.shape()) {
                shape.add(JsonValue.JsonNumber.of(d));
            }
            entry.put("shape", new JsonValue.JsonArray(shape));
            entry.put("data_offsets", new JsonValue.JsonArray(
                    List.of(JsonValue.JsonNumber.of(begins[i]), JsonValue.JsonNumber.of(begins[i + 1]))));
            members.put(t.name(), new JsonValue.JsonObject(entry));
        }
        StringBuilder json = new StringBuilder();
        JsonWriter.write(new JsonValue.JsonObject(members), json);
        byte[] utf8 = json.toString().getBytes(StandardCharsets.UTF_8);
        int padded = (utf8.length + 7) & ~7;
        byte[] result = new byte[8 + padded];
        MemorySegment.ofArray(result).set(LittleEndian.LONG, 0, padded);
        System.arraycopy(utf8, 0, result, 8, utf8.length);
        Arrays.fill(result, 8 + utf8.length, result.length, (byte) ' ');
        return result;
    }

    /** The tensors in file order (sorted by name). */
    public List<TensorInfo> tensors() {
        return tensors;
    }

    /** The metadata, sorted by key. */
    public Map<String, String> metadata() {
        return metadata;
    }

    /** The first {@link #dataStart()} bytes of the file: the 8-byte length followed by the padded header. */
    public byte[] headerBytes() {
        return header.clone();
    }

    /** N: the padded JSON header's length. */
    public long headerSize() {
        return header.length - 8L;
    }

    /** Offset of the data buffer in the file: 8 + N. */
    public long dataStart() {
        return header.length;
    }

    /** Total bytes of tensor data. */
    public long dataSize() {
        return dataSize;
    }

    /** Size of the whole file. */
    public long fileSize() {
        return header.length + dataSize;
    }

    /** Position of tensor {@code name} in {@link #tensors()}. */
    public int indexOf(String name) {
        Integer i = indexByName.get(name);
        if (i == null) {
            throw new NoSuchElementException("no tensor '" + name + "' was declared");
        }
        return i;
    }

    /** The data-buffer offsets of tensor {@code name}, as its header entry says them. */
    public TensorEntry entry(String name) {
        int i = indexOf(name);
        return new TensorEntry(tensors.get(i), begins[i], begins[i + 1]);
    }
}
