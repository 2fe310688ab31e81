package io.mergelattice.safetensors;

import java.io.IOException;

/**
 * A safetensors file or sharded model is malformed. {@link #problem()} says exactly what is wrong (one kind per
 * malformed case, stable for callers and tests); the message names the file, tensor and offsets involved.
 */
public final class SafetensorsFormatException extends IOException {

    private static final long serialVersionUID = 1L;

    /** The kinds of malformed input, in roughly the order they are checked. */
    public enum Problem {
        /** The file is shorter than the 8-byte header length. */
        FILE_TOO_SHORT,
        /** The header length exceeds {@link SafetensorsFile#MAX_HEADER_BYTES}. */
        HEADER_TOO_LARGE,
        /** The header length reaches beyond the end of the file. */
        HEADER_LENGTH_BEYOND_FILE,
        /** The header is not valid UTF-8. */
        HEADER_NOT_UTF8,
        /** The header is not (strict) JSON. */
        HEADER_NOT_JSON,
        /** The header is JSON but not an object. */
        HEADER_NOT_OBJECT,
        /** The header names a tensor twice. */
        DUPLICATE_TENSOR_NAME,
        /** A nested object (tensor entry or metadata) repeats a key. */
        DUPLICATE_KEY,
        /** {@code __metadata__} is not an object of string values. */
        BAD_METADATA,
        /** A tensor entry is not a JSON object. */
        ENTRY_NOT_OBJECT,
        /** A tensor entry lacks {@code dtype}, {@code shape} or {@code data_offsets}. */
        ENTRY_MISSING_KEY,
        /** A tensor entry has a key other than {@code dtype}, {@code shape} and {@code data_offsets}. */
        ENTRY_EXTRA_KEY,
        /** A value of a tensor entry has the wrong JSON type (e.g. a non-integer dimension, three offsets). */
        ENTRY_BAD_VALUE,
        /** The dtype is not one of {@link io.mergelattice.tensor.DType}. */
        UNKNOWN_DTYPE,
        /** A dimension is negative. */
        NEGATIVE_DIMENSION,
        /** Element count × dtype size does not fit in a signed 64-bit integer. */
        SHAPE_OVERFLOW,
        /** {@code data_offsets} begin is greater than end. */
        OFFSETS_REVERSED,
        /** {@code data_offsets} end lies beyond the data buffer. */
        OFFSETS_OUT_OF_BOUNDS,
        /** end − begin differs from element count × dtype size. */
        BYTE_LENGTH_MISMATCH,
        /** Two tensors' byte ranges overlap. */
        OVERLAPPING_OFFSETS,
        /** The byte ranges, sorted by begin, leave a gap (or the first does not start at 0). */
        NON_CONTIGUOUS_OFFSETS,
        /** The data buffer is longer than the tensors cover. */
        TRAILING_BYTES,
        /** A floating tensor holds NaN or ±∞ ({@link SafetensorsFile#checkFinite()}). */
        NON_FINITE_VALUE,
        /** A directory holds no safetensors file and no index. */
        NO_MODEL_FILE,
        /** A directory without an index holds several safetensors files, or several indexes. */
        AMBIGUOUS_MODEL_FILES,
        /** The index file is not JSON, or lacks a {@code weight_map} of string values. */
        INDEX_MALFORMED,
        /** The index names a shard with a path separator, {@code ..} or an empty name. */
        INDEX_BAD_SHARD_NAME,
        /** A shard named by the index does not exist. */
        SHARD_MISSING,
        /** The index maps a tensor to a shard that does not hold it. */
        INDEX_TENSOR_MISSING,
        /** A shard holds a tensor that the index does not map to it. */
        INDEX_TENSOR_UNLISTED,
        /** The same tensor name appears in two shards. */
        TENSOR_IN_TWO_SHARDS
    }

    private final Problem problem;

    public SafetensorsFormatException(Problem problem, String message) {
        this(problem, message, null);
    }

    public SafetensorsFormatException(Problem problem, String message, Throwable cause) {
        super(problem + ": " + message, cause);
        this.problem = problem;
    }

    /** What is wrong. */
    public Problem problem() {
        return problem;
    }
}
