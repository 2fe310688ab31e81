package io.mergelattice.safetensors;

import io.mergelattice.safetensors.SafetensorsFormatException.Problem;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.stream.Stream;

import static io.mergelattice.safetensors.TestFiles.file;
import static io.mergelattice.safetensors.TestFiles.q;
import static io.mergelattice.safetensors.TestFiles.raw;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.argumentSet;

/**
 * One malformed file per row, built byte by byte: opening it (and, for value problems, {@code checkFinite()})
 * must fail with exactly the expected {@link Problem}, and the message must name what is wrong.
 */
class MalformedSafetensorsTest {

    private static final String A = "'a':{'dtype':'F32','shape':[2],'data_offsets':[0,8]}";

    @TempDir
    Path dir;

    static Stream<Arguments> malformedFiles() {
        return Stream.of(
                row("empty file", new byte[0], Problem.FILE_TOO_SHORT, "0 bytes"),
                row("7-byte file", new byte[7], Problem.FILE_TOO_SHORT, "7 bytes"),
                row("header length beyond file", raw(100, "{}".getBytes(StandardCharsets.UTF_8), new byte[0]),
                        Problem.HEADER_LENGTH_BEYOND_FILE, "100"),
                row("header length over 100 MiB", raw((100L << 20) + 1, new byte[16], new byte[0]),
                        Problem.HEADER_TOO_LARGE, "104857601"),
                row("header length with the top bit set", raw(-1L, new byte[16], new byte[0]),
                        Problem.HEADER_TOO_LARGE, "18446744073709551615"),
                row("header not UTF-8", headerOnly(new byte[]{'{', (byte) 0xFF, '}'}), Problem.HEADER_NOT_UTF8, "UTF-8"),
                row("overlong UTF-8 encoding", headerOnly(new byte[]{'{', '"', (byte) 0xC0, (byte) 0xAF, '"', ':', '1',
                        '}'}), Problem.HEADER_NOT_UTF8, "UTF-8"),
                row("truncated JSON", file(q("{'a':"), 0), Problem.HEADER_NOT_JSON, "end of input"),
                row("trailing comma", file(q("{" + A + ",}"), 8), Problem.HEADER_NOT_JSON, "string key"),
                row("single-quoted JSON", file("{" + A + "}", 8), Problem.HEADER_NOT_JSON, "JSON"),
                row("unpaired surrogate escape", file(q("{'\\ud800':1}"), 0), Problem.HEADER_NOT_JSON,
                        "surrogate"),
                row("nesting too deep", file("[".repeat(100) + "]".repeat(100), 0), Problem.HEADER_NOT_JSON,
                        "nesting"),
                row("header is an array", file("[]", 0), Problem.HEADER_NOT_OBJECT, "an array"),
                row("header is a string", file("\"x\"", 0), Problem.HEADER_NOT_OBJECT, "a string"),
                row("duplicate tensor name", file(q("{" + A + "," + A + "}"), 8), Problem.DUPLICATE_TENSOR_NAME,
                        "\"a\""),
                row("duplicate key in an entry", file(q("{'a':{'dtype':'F32','dtype':'F32','shape':[2],"
                        + "'data_offsets':[0,8]}}"), 8), Problem.DUPLICATE_KEY, "dtype"),
                row("metadata not an object", file(q("{'__metadata__':[]," + A + "}"), 8), Problem.BAD_METADATA,
                        "an array"),
                row("metadata value not a string", file(q("{'__metadata__':{'epochs':3}," + A + "}"), 8),
                        Problem.BAD_METADATA, "epochs"),
                row("entry not an object", file(q("{'a':[0,8]}"), 8), Problem.ENTRY_NOT_OBJECT, "'a'"),
                row("entry lacks shape", file(q("{'a':{'dtype':'F32','data_offsets':[0,8]}}"), 8),
                        Problem.ENTRY_MISSING_KEY, "shape"),
                row("entry has an extra key", file(q("{'a':{'dtype':'F32','shape':[2],'data_offsets':[0,8],"
                        + "'stride':[1]}}"), 8), Problem.ENTRY_EXTRA_KEY, "stride"),
                row("dtype not a string", file(q("{'a':{'dtype':4,'shape':[2],'data_offsets':[0,8]}}"), 8),
                        Problem.ENTRY_BAD_VALUE, "dtype"),
                row("dimension with a fraction", file(q("{'a':{'dtype':'F32','shape':[2.0],'data_offsets':[0,8]}}"),
                        8), Problem.ENTRY_BAD_VALUE, "2.0"),
                row("shape not an array", file(q("{'a':{'dtype':'F32','shape':2,'data_offsets':[0,8]}}"), 8),
                        Problem.ENTRY_BAD_VALUE, "shape"),
                row("three data offsets", file(q("{'a':{'dtype':'F32','shape':[2],'data_offsets':[0,8,8]}}"), 8),
                        Problem.ENTRY_BAD_VALUE, "[0, 8, 8]"),
                row("negative offset", file(q("{'a':{'dtype':'F32','shape':[0],'data_offsets':[-1,-1]}}"), 0),
                        Problem.ENTRY_BAD_VALUE, "negative"),
                row("unknown dtype", file(q("{'a':{'dtype':'F4','shape':[2],'data_offsets':[0,1]}}"), 1),
                        Problem.UNKNOWN_DTYPE, "F4"),
                row("lower-case dtype", file(q("{'a':{'dtype':'f32','shape':[2],'data_offsets':[0,8]}}"), 8),
                        Problem.UNKNOWN_DTYPE, "f32"),
                row("negative dimension", file(q("{'a':{'dtype':'F32','shape':[-2],'data_offsets':[0,8]}}"), 8),
                        Problem.NEGATIVE_DIMENSION, "[-2]"),
                row("element count overflows", file(q("{'a':{'dtype':'U8','shape':[4294967296,4294967296],"
                        + "'data_offsets':[0,8]}}"), 8), Problem.SHAPE_OVERFLOW, "'a'"),
                row("byte size overflows", file(q("{'a':{'dtype':'F64','shape':[2305843009213693952],"
                        + "'data_offsets':[0,8]}}"), 8), Problem.SHAPE_OVERFLOW, "F64"),
                row("dimension beyond 64 bits", file(q("{'a':{'dtype':'F32','shape':[100000000000000000000],"
                        + "'data_offsets':[0,8]}}"), 8), Problem.SHAPE_OVERFLOW, "100000000000000000000"),
                row("begin after end", file(q("{'a':{'dtype':'F32','shape':[2],'data_offsets':[8,0]}}"), 8),
                        Problem.OFFSETS_REVERSED, "[8, 0]"),
                row("end beyond the data", file(q("{" + A + "}"), 7), Problem.OFFSETS_OUT_OF_BOUNDS, "7 bytes"),
                row("end beyond 64 bits", file(q("{'a':{'dtype':'F32','shape':[2],"
                        + "'data_offsets':[0,18446744073709551616]}}"), 8), Problem.OFFSETS_OUT_OF_BOUNDS, "'a'"),
                row("byte length not shape times size", file(q("{'a':{'dtype':'F32','shape':[3],"
                        + "'data_offsets':[0,8]}}"), 8), Problem.BYTE_LENGTH_MISMATCH, "needs 12"),
                row("overlapping tensors", file(q("{" + A + ",'b':{'dtype':'F32','shape':[2],"
                        + "'data_offsets':[4,12]}}"), 12), Problem.OVERLAPPING_OFFSETS, "'b' [4, 12]"),
                row("empty tensor inside another", file(q("{" + A + ",'z':{'dtype':'F32','shape':[0],"
                        + "'data_offsets':[4,4]}}"), 8), Problem.OVERLAPPING_OFFSETS, "'z'"),
                row("gap between tensors", file(q("{" + A + ",'b':{'dtype':'F32','shape':[2],"
                        + "'data_offsets':[12,20]}}"), 20), Problem.NON_CONTIGUOUS_OFFSETS, "gap of 4 bytes"),
                row("first tensor not at 0", file(q("{'a':{'dtype':'F32','shape':[2],'data_offsets':[4,12]}}"), 12),
                        Problem.NON_CONTIGUOUS_OFFSETS, "start at 0"),
                row("trailing bytes", file(q("{" + A + "}"), 12), Problem.TRAILING_BYTES, "4 bytes"),
                row("data but no tensors", file("{}", 3), Problem.TRAILING_BYTES, "3 bytes"),
                row("NaN in an F32 tensor", file(q("{'w':{'dtype':'F32','shape':[3],'data_offsets':[0,12]}}"),
                        floats(1f, 2f, Float.NaN)), Problem.NON_FINITE_VALUE, "'w' (F32): element 2"),
                row("infinity in a BF16 tensor", file(q("{'w':{'dtype':'BF16','shape':[2],'data_offsets':[0,4]}}"),
                        new byte[]{0, 0, (byte) 0x80, 0x7F}), Problem.NON_FINITE_VALUE, "element 1"));
    }

    @ParameterizedTest
    @MethodSource("malformedFiles")
    void isRejectedWithItsOwnProblem(byte[] bytes, Problem expected, String messageFragment) throws Exception {
        Path p = TestFiles.write(dir, "model.safetensors", bytes);
        assertThatThrownBy(() -> {
            try (SafetensorsFile f = SafetensorsFile.open(p)) {
                f.checkFinite();
            }
        }).isInstanceOfSatisfying(SafetensorsFormatException.class, e -> {
            assertThat(e.problem()).isEqualTo(expected);
            assertThat(e.getMessage()).contains(messageFragment);
        });
    }

    private static Arguments row(String name, byte[] bytes, Problem problem, String messageFragment) {
        return argumentSet(name, bytes, problem, messageFragment);
    }

    private static byte[] headerOnly(byte[] header) {
        return raw(header.length, header, new byte[0]);
    }

    private static byte[] floats(float... values) {
        ByteBuffer b = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            b.putFloat(v);
        }
        return b.array();
    }
}
