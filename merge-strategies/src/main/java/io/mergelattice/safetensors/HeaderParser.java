package io.mergelattice.safetensors;

import io.mergelattice.identity.Utf8Order;
import io.mergelattice.json.JsonException;
import io.mergelattice.json.JsonParser;
import io.mergelattice.json.JsonValue;
import io.mergelattice.safetensors.SafetensorsFormatException.Problem;
import io.mergelattice.tensor.DType;
import io.mergelattice.tensor.TensorInfo;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Parses and validates a safetensors JSON header against the size of the data buffer. Each malformed case is
 * reported with its own {@link Problem}; entries are checked in header order, then the byte ranges as a whole.
 */
final class HeaderParser {

    /** The header key that holds free-form string metadata rather than a tensor. */
    static final String METADATA_KEY = "__metadata__";

    private static final Set<String> ENTRY_KEYS = Set.of("dtype", "shape", "data_offsets");
    private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);

    /** The parsed header: entries sorted by name (UTF-8 bytewise) and the metadata sorted by key. */
    record Header(List<TensorEntry> entries, Map<String, String> metadata) {
    }

    private final String where;

    private HeaderParser(String where) {
        this.where = where;
    }

    /** Validates {@code headerBytes} for a data buffer of {@code dataSize} bytes; {@code where} names the file. */
    static Header parse(byte[] headerBytes, long dataSize, String where) throws SafetensorsFormatException {
        return new HeaderParser(where).parse(headerBytes, dataSize);
    }

    private Header parse(byte[] headerBytes, long dataSize) throws SafetensorsFormatException {
        JsonValue root = parseJson(headerBytes);
        if (!(root instanceof JsonValue.JsonObject top)) {
            throw fail(Problem.HEADER_NOT_OBJECT, "the header must be a JSON object, found " + kind(root));
        }
        Map<String, String> metadata = new TreeMap<>(Utf8Order.INSTANCE);
        List<TensorEntry> entries = new ArrayList<>();
        for (Map.Entry<String, JsonValue> member : top.members().entrySet()) {
            if (member.getKey().equals(METADATA_KEY)) {
                readMetadata(member.getValue(), metadata);
            } else {
                entries.add(entry(member.getKey(), member.getValue(), dataSize));
            }
        }
        checkLayout(entries, dataSize);
        entries.sort(Comparator.comparing(TensorEntry::name, Utf8Order.INSTANCE));
        return new Header(List.copyOf(entries), metadata);
    }

    private JsonValue parseJson(byte[] utf8) throws SafetensorsFormatException {
        try {
            return JsonParser.parseUtf8(utf8);
        } catch (JsonException e) {
            if (e.kind() == JsonException.Kind.NOT_UTF8) {
                throw fail(Problem.HEADER_NOT_UTF8, "the header is not UTF-8: " + e.getMessage(), e);
            }
            if (e.kind() == JsonException.Kind.DUPLICATE_KEY) {
                throw e.depth() == 1
                        ? fail(Problem.DUPLICATE_TENSOR_NAME, "the header names a tensor twice: " + e.getMessage(), e)
                        : fail(Problem.DUPLICATE_KEY, "an object in the header repeats a key: " + e.getMessage(), e);
            }
            throw fail(Problem.HEADER_NOT_JSON, "the header is not valid JSON: " + e.getMessage(), e);
        }
    }

    private void readMetadata(JsonValue value, Map<String, String> metadata) throws SafetensorsFormatException {
        if (!(value instanceof JsonValue.JsonObject object)) {
            throw fail(Problem.BAD_METADATA, "__metadata__ must be an object of strings, found " + kind(value));
        }
        for (Map.Entry<String, JsonValue> e : object.members().entrySet()) {
            if (!(e.getValue() instanceof JsonValue.JsonString s)) {
                throw fail(Problem.BAD_METADATA, "__metadata__ value of \"" + e.getKey()
                        + "\" must be a string, found " + kind(e.getValue()));
            }
            metadata.put(e.getKey(), s.value());
        }
    }

    private TensorEntry entry(String name, JsonValue value, long dataSize) throws SafetensorsFormatException {
        String t = "tensor '" + name + "': ";
        if (!(value instanceof JsonValue.JsonObject entry)) {
            throw fail(Problem.ENTRY_NOT_OBJECT, t + "entry must be an object, found " + kind(value));
        }
        for (String key : List.of("dtype", "shape", "data_offsets")) {
            if (!entry.members().containsKey(key)) {
                throw fail(Problem.ENTRY_MISSING_KEY, t + "entry lacks \"" + key + "\"");
            }
        }
        for (String key : entry.members().keySet()) {
            if (!ENTRY_KEYS.contains(key)) {
                throw fail(Problem.ENTRY_EXTRA_KEY, t + "unexpected key \"" + key
                        + "\" (allowed: dtype, shape, data_offsets)");
            }
        }
        if (!(entry.members().get("dtype") instanceof JsonValue.JsonString dtypeName)) {
            throw fail(Problem.ENTRY_BAD_VALUE, t + "dtype must be a string");
        }
        DType dtype = DType.fromFormatName(dtypeName.value()).orElseThrow(() -> fail(Problem.UNKNOWN_DTYPE,
                t + "unknown dtype \"" + dtypeName.value() + "\" (known: " + Arrays.toString(DType.values()) + ")"));
        long[] shape = shape(t, integers(t, "shape", entry.members().get("shape")), dtype);
        List<BigInteger> offsets = integers(t, "data_offsets", entry.members().get("data_offsets"));
        if (offsets.size() != 2) {
            throw fail(Problem.ENTRY_BAD_VALUE, t + "data_offsets must be [begin, end], found " + offsets);
        }
        BigInteger begin = offsets.get(0);
        BigInteger end = offsets.get(1);
        if (begin.signum() < 0 || end.signum() < 0) {
            throw fail(Problem.ENTRY_BAD_VALUE, t + "data_offsets " + offsets + " must not be negative");
        }
        if (begin.compareTo(end) > 0) {
            throw fail(Problem.OFFSETS_REVERSED, t + "data_offsets " + offsets + " begin after end");
        }
        if (end.compareTo(BigInteger.valueOf(dataSize)) > 0) {
            throw fail(Problem.OFFSETS_OUT_OF_BOUNDS, t + "data_offsets " + offsets
                    + " end beyond the data buffer of " + dataSize + " bytes");
        }
        TensorInfo info = new TensorInfo(name, dtype, shape);
        long length = end.longValue() - begin.longValue();
        if (length != info.byteSize()) {
            throw fail(Problem.BYTE_LENGTH_MISMATCH, t + "data_offsets " + offsets + " span " + length
                    + " bytes but " + dtype + Arrays.toString(shape) + " needs " + info.byteSize());
        }
        return new TensorEntry(info, begin.longValue(), end.longValue());
    }

    private long[] shape(String t, List<BigInteger> dims, DType dtype) throws SafetensorsFormatException {
        long[] shape = new long[dims.size()];
        for (int i = 0; i < shape.length; i++) {
            BigInteger d = dims.get(i);
            if (d.signum() < 0) {
                throw fail(Problem.NEGATIVE_DIMENSION, t + "shape " + dims + " has a negative dimension");
            }
            if (d.compareTo(LONG_MAX) > 0) {
                throw fail(Problem.SHAPE_OVERFLOW, t + "dimension " + d + " of shape " + dims + " is too large");
            }
            shape[i] = d.longValue();
        }
        try {
            Math.multiplyExact(TensorInfo.product(shape), dtype.byteSize());
        } catch (ArithmeticException e) {
            throw fail(Problem.SHAPE_OVERFLOW, t + "byte size of " + dtype + dims + " overflows 64 bits", e);
        }
        return shape;
    }

    private List<BigInteger> integers(String t, String key, JsonValue value) throws SafetensorsFormatException {
        if (!(value instanceof JsonValue.JsonArray array)) {
            throw fail(Problem.ENTRY_BAD_VALUE, t + key + " must be an array of integers, found " + kind(value));
        }
        List<BigInteger> result = new ArrayList<>();
        for (JsonValue v : array.elements()) {
            if (!(v instanceof JsonValue.JsonNumber n) || n.integerValue().isEmpty()) {
                throw fail(Problem.ENTRY_BAD_VALUE, t + key + " must hold integers only, found "
                        + (v instanceof JsonValue.JsonNumber n ? n.literal() : kind(v)));
            }
            result.add(n.integerValue().get());
        }
        return result;
    }

    /** Invariant: sorted by (begin, end), the ranges tile [0, dataSize) exactly. */
    private void checkLayout(List<TensorEntry> entries, long dataSize) throws SafetensorsFormatException {
        List<TensorEntry> byOffset = new ArrayList<>(entries);
        byOffset.sort(Comparator.comparingLong(TensorEntry::begin).thenComparingLong(TensorEntry::end));
        long covered = 0;
        TensorEntry previous = null;
        for (TensorEntry e : byOffset) {
            if (e.begin() < covered) {
                throw fail(Problem.OVERLAPPING_OFFSETS, "tensor '" + e.name() + "' [" + e.begin() + ", " + e.end()
                        + "] overlaps tensor '" + previous.name() + "' [" + previous.begin() + ", "
                        + previous.end() + "]");
            }
            if (e.begin() > covered) {
                throw fail(Problem.NON_CONTIGUOUS_OFFSETS, "gap of " + (e.begin() - covered) + " bytes at offset "
                        + covered + " before tensor '" + e.name() + "' [" + e.begin() + ", " + e.end() + "]"
                        + (previous == null ? " (the first tensor must start at 0)"
                                : " after tensor '" + previous.name() + "'"));
            }
            covered = e.end();
            previous = e;
        }
        if (covered < dataSize) {
            throw fail(Problem.TRAILING_BYTES, (dataSize - covered) + " bytes after the last tensor (data buffer "
                    + dataSize + " bytes, tensors cover " + covered + ")");
        }
    }

    private static String kind(JsonValue v) {
        return switch (v) {
            case JsonValue.JsonObject o -> "an object";
            case JsonValue.JsonArray a -> "an array";
            case JsonValue.JsonString s -> "a string";
            case JsonValue.JsonNumber n -> "a number";
            case JsonValue.JsonBoolean b -> "a boolean";
            case JsonValue.JsonNull n -> "null";
        };
    }

    private SafetensorsFormatException fail(Problem problem, String message) {
        return new SafetensorsFormatException(problem, where + ": " + message);
    }

    private SafetensorsFormatException fail(Problem problem, String message, Throwable cause) {
        return new SafetensorsFormatException(problem, where + ": " + message, cause);
    }
}
