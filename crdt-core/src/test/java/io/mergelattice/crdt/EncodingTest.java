package io.mergelattice.crdt;

import static io.mergelattice.crdt.CausalContextTest.a;
import static io.mergelattice.crdt.CausalContextTest.b;
import static io.mergelattice.crdt.ORSetTest.ctx;
import static io.mergelattice.crdt.VersionVectorTest.A;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mergelattice.crdt.DecodingException.Reason;
import io.mergelattice.identity.Hash32;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class EncodingTest {
    private static final ORSetCodec<String> CODEC = new ORSetCodec<>(ElementCodec.utf8(8));
    private static final HexFormat HEX = HexFormat.of();

    // --- a tiny little-endian builder for hand-made inputs ---
    static byte[] u8(int v) {
        return new byte[] {(byte) v};
    }

    static byte[] u32(long v) {
        return new byte[] {(byte) v, (byte) (v >>> 8), (byte) (v >>> 16), (byte) (v >>> 24)};
    }

    static byte[] u64(long v) {
        byte[] b = new byte[8];
        for (int i = 0; i < 8; i++) {
            b[i] = (byte) (v >>> (8 * i));
        }
        return b;
    }

    static byte[] str8(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        return cat(u8(b.length), b);
    }

    static byte[] str32(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        return cat(u32(b.length), b);
    }

    static byte[] dot(int idx, long counter) {
        return cat(u32(idx), u64(counter));
    }

    static byte[] cat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    static final byte[] HEADER = cat("MLOR".getBytes(StandardCharsets.US_ASCII), u8(1), u8(1));

    /** State {x:[a:2]}, context {a:2} (the end of the worked example). */
    static final byte[] WORKED = cat(HEADER, u32(1), str8("a"), u32(1), dot(0, 2), u32(0),
            u32(1), str32("x"), u32(1), dot(0, 2));

    @Test
    void goldenBytesOfTheWorkedExample() {
        ORSet<String> s = ORSet.of(Map.of("x", List.of(a(2))), ctx(a(1), a(2)));
        assertThat(HEX.formatHex(CODEC.encode(s))).isEqualTo(
                "4d4c4f52" + "01" + "01" // magic, version, kind = state
                        + "01000000" + "0161" // replica table: 1 entry, "a"
                        + "01000000" + "00000000" + "0200000000000000" // vector {a:2}
                        + "00000000" // empty cloud
                        + "01000000" + "01000000" + "78" + "01000000" + "00000000" + "0200000000000000"); // x:[a:2]
        assertThat(CODEC.encode(s)).isEqualTo(WORKED);
        assertThat(CODEC.decodeState(WORKED)).isEqualTo(s);
    }

    @Test
    void elementsAreOrderedByUtf8BytesNotByUtf16() {
        String replacement = "\uFFFD"; // EF BF BD
        String emoji = "\uD83D\uDE00"; // F0 9F 98 80, but sorts first as UTF-16
        ORSet<String> s = ORSet.<String>empty().add(A, emoji).state().add(A, replacement).state();
        assertThat(List.copyOf(s.elements())).containsExactly(emoji, replacement);
        byte[] bytes = CODEC.encode(s);
        String hex = HEX.formatHex(bytes);
        assertThat(hex.indexOf("efbfbd")).isLessThan(hex.indexOf("f09f9880"));
        assertThat(CODEC.decodeState(bytes)).isEqualTo(s);
    }

    @Test
    void contributionIdsAre32RawBytesInUnsignedOrder() {
        ORSetCodec<Hash32> codec = new ORSetCodec<>(ElementCodec.hash32());
        Hash32 high = ORSetTest.id(0xF0);
        Hash32 low = ORSetTest.id(0x01);
        ORSet<Hash32> s = ORSet.<Hash32>empty().add(A, high).state().add(A, low).state();
        byte[] bytes = codec.encode(s);
        String hex = HEX.formatHex(bytes);
        assertThat(hex).contains("20000000" + low.hex()).contains("20000000" + high.hex());
        assertThat(hex.indexOf(low.hex())).isLessThan(hex.indexOf(high.hex()));
        assertThat(codec.decodeState(bytes)).isEqualTo(s);
    }

    @Test
    void deltasCarryTheirOwnKindAndCloud() {
        ORSetDelta<String> d = ORSetDelta.of(Map.of("y", List.of(b(4))), ctx(a(1), b(4)));
        byte[] bytes = CODEC.encode(d);
        assertThat(bytes[5]).isEqualTo((byte) 2);
        assertThat(CODEC.decodeDelta(bytes)).isEqualTo(d);
        assertThat(HEX.formatHex(bytes)).contains("01000000" + "01000000" + "0400000000000000"); // cloud {b:4}
        assertThatThrownBy(() -> CODEC.decodeState(bytes)).isInstanceOf(DecodingException.class)
                .extracting(e -> ((DecodingException) e).reason()).isEqualTo(Reason.WRONG_KIND);
    }

    @Test
    void everyStrictPrefixIsTruncated() {
        for (int n = 0; n < WORKED.length; n++) {
            byte[] prefix = Arrays.copyOf(WORKED, n);
            assertThatThrownBy(() -> CODEC.decodeState(prefix)).as("prefix of %d bytes", n)
                    .isInstanceOfSatisfying(DecodingException.class, e -> assertThat(e.reason()).isEqualTo(Reason.TRUNCATED));
        }
    }

    static Stream<Arguments> malformed() {
        byte[] a = str8("a");
        byte[] ab = cat(str8("a"), str8("b"));
        byte[] noCloud = u32(0);
        return Stream.of(
                Arguments.of("trailing byte", cat(WORKED, u8(0)), Reason.TRAILING_BYTES),
                Arguments.of("bad magic", cat("MLOX".getBytes(StandardCharsets.US_ASCII), Arrays.copyOfRange(WORKED, 4, WORKED.length)), Reason.BAD_MAGIC),
                Arguments.of("version 2", cat("MLOR".getBytes(StandardCharsets.US_ASCII), u8(2), Arrays.copyOfRange(WORKED, 5, WORKED.length)), Reason.UNSUPPORTED_VERSION),
                Arguments.of("unknown kind", cat("MLOR".getBytes(StandardCharsets.US_ASCII), u8(1), u8(7), Arrays.copyOfRange(WORKED, 6, WORKED.length)), Reason.WRONG_KIND),
                Arguments.of("replica count 2^32-1", cat(HEADER, u32(0xFFFF_FFFFL)), Reason.OVERSIZED),
                Arguments.of("replica count beyond the input", cat(HEADER, u32(1000), a), Reason.TRUNCATED),
                Arguments.of("element count beyond the input", cat(HEADER, u32(0), u32(0), noCloud, u32(50_000)), Reason.TRUNCATED),
                Arguments.of("element count over the limit", cat(HEADER, u32(0), u32(0), noCloud, u32(1L << 30)), Reason.OVERSIZED),
                Arguments.of("empty replica id", cat(HEADER, u32(1), u8(0)), Reason.INVALID_VALUE),
                Arguments.of("replica id of 65 bytes", cat(HEADER, u32(1), str8("a".repeat(65))), Reason.OVERSIZED),
                Arguments.of("uppercase replica id", cat(HEADER, u32(1), str8("A")), Reason.INVALID_VALUE),
                Arguments.of("replicas unsorted", cat(HEADER, u32(2), str8("b"), str8("a")), Reason.NOT_CANONICAL),
                Arguments.of("replica twice", cat(HEADER, u32(2), str8("a"), str8("a")), Reason.NOT_CANONICAL),
                Arguments.of("counter 0", cat(HEADER, u32(1), a, u32(1), dot(0, 0)), Reason.INVALID_VALUE),
                Arguments.of("counter 2^63", cat(HEADER, u32(1), a, u32(1), dot(0, Long.MIN_VALUE)), Reason.INVALID_VALUE),
                Arguments.of("replica index out of range", cat(HEADER, u32(1), a, u32(1), dot(1, 1)), Reason.INVALID_VALUE),
                Arguments.of("vector unsorted", cat(HEADER, u32(2), ab, u32(2), dot(1, 1), dot(0, 1)), Reason.NOT_CANONICAL),
                Arguments.of("vector entry twice", cat(HEADER, u32(2), ab, u32(2), dot(0, 1), dot(0, 2)), Reason.NOT_CANONICAL),
                Arguments.of("cloud dot continues the vector", cat(HEADER, u32(1), a, u32(1), dot(0, 1), u32(1), dot(0, 2)), Reason.NOT_CANONICAL),
                Arguments.of("cloud dot covered by the vector", cat(HEADER, u32(1), a, u32(1), dot(0, 3), u32(1), dot(0, 2)), Reason.NOT_CANONICAL),
                Arguments.of("cloud unsorted", cat(HEADER, u32(1), a, u32(0), u32(2), dot(0, 5), dot(0, 3)), Reason.NOT_CANONICAL),
                Arguments.of("unused replica", cat(HEADER, u32(2), ab, u32(1), dot(0, 1), noCloud, u32(0)), Reason.NOT_CANONICAL),
                Arguments.of("elements unsorted", cat(HEADER, u32(1), a, u32(1), dot(0, 2), noCloud, u32(2),
                        str32("y"), u32(1), dot(0, 1), str32("x"), u32(1), dot(0, 2)), Reason.NOT_CANONICAL),
                Arguments.of("element twice", cat(HEADER, u32(1), a, u32(1), dot(0, 2), noCloud, u32(2),
                        str32("x"), u32(1), dot(0, 1), str32("x"), u32(1), dot(0, 2)), Reason.NOT_CANONICAL),
                Arguments.of("element without dots", cat(HEADER, u32(1), a, u32(1), dot(0, 1), noCloud, u32(2),
                        str32("x"), u32(0), str32("y"), u32(1), dot(0, 1)), Reason.NOT_CANONICAL),
                Arguments.of("dots unsorted", cat(HEADER, u32(1), a, u32(1), dot(0, 2), noCloud, u32(1),
                        str32("x"), u32(2), dot(0, 2), dot(0, 1)), Reason.NOT_CANONICAL),
                Arguments.of("dot outside the context", cat(HEADER, u32(1), a, u32(1), dot(0, 1), noCloud, u32(1),
                        str32("x"), u32(1), dot(0, 2)), Reason.INCONSISTENT),
                Arguments.of("one dot on two elements", cat(HEADER, u32(1), a, u32(1), dot(0, 1), noCloud, u32(2),
                        str32("x"), u32(1), dot(0, 1), str32("y"), u32(1), dot(0, 1)), Reason.INCONSISTENT),
                Arguments.of("element over the codec limit", cat(HEADER, u32(1), a, u32(1), dot(0, 1), noCloud, u32(1),
                        str32("123456789"), u32(1), dot(0, 1)), Reason.OVERSIZED),
                Arguments.of("element not UTF-8", cat(HEADER, u32(1), a, u32(1), dot(0, 1), noCloud, u32(1),
                        u32(1), u8(0xFF), u32(1), dot(0, 1)), Reason.INVALID_VALUE),
                Arguments.of("lone surrogate (CESU-8)", cat(HEADER, u32(1), a, u32(1), dot(0, 1), noCloud, u32(1),
                        u32(3), u8(0xED), u8(0xA0), u8(0x80), u32(1), dot(0, 1)), Reason.INVALID_VALUE),
                Arguments.of("dot count over the limit", cat(HEADER, u32(1), a, u32(1), dot(0, 1), noCloud, u32(1),
                        str32("x"), u32(1 << 20), dot(0, 1)), Reason.OVERSIZED));
    }

    @ParameterizedTest(name = "{0} -> {2}")
    @MethodSource("malformed")
    void malformedInputIsRejectedWithAReason(String name, byte[] input, Reason reason) {
        assertThatThrownBy(() -> CODEC.decodeState(input))
                .isInstanceOfSatisfying(DecodingException.class, e -> {
                    assertThat(e.reason()).as(e.getMessage()).isEqualTo(reason);
                    assertThat(e.getMessage()).startsWith(reason + " at byte ");
                });
    }

    @Test
    void inputLargerThanTheLimitIsRejectedBeforeParsing() {
        ORSetCodec<String> small = new ORSetCodec<>(ElementCodec.utf8(8), new DecodeLimits(32, 16, 16, 16, 16));
        assertThatThrownBy(() -> small.decodeState(WORKED))
                .isInstanceOfSatisfying(DecodingException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.OVERSIZED);
                    assertThat(e.offset()).isZero();
                });
        ORSetCodec<String> fewReplicas = new ORSetCodec<>(ElementCodec.utf8(8), new DecodeLimits(1 << 20, 0, 16, 16, 16));
        assertThatThrownBy(() -> fewReplicas.decodeState(WORKED)).isInstanceOfSatisfying(DecodingException.class,
                e -> assertThat(e.reason()).isEqualTo(Reason.OVERSIZED));
    }

    static java.util.stream.LongStream seeds() {
        return LawSeeds.seeds();
    }

    /** Corrupted encodings of generated states: rejected with a DecodingException, or canonical. Never anything else. */
    @ParameterizedTest(name = "seed={0}")
    @MethodSource("seeds")
    void corruptedInputIsRejectedOrCanonical(long seed) {
        History h = History.generate(seed);
        java.util.Random random = new java.util.Random(seed);
        ORSetCodec<String> codec = new ORSetCodec<>(ElementCodec.utf8(64));
        for (ORSet<String> state : h.states) {
            byte[] good = codec.encode(state);
            for (int i = 0; i < 50; i++) {
                byte[] bad = good.clone();
                switch (random.nextInt(3)) {
                    case 0 -> bad[random.nextInt(bad.length)] ^= (byte) (1 << random.nextInt(8));
                    case 1 -> bad[random.nextInt(bad.length)] = (byte) random.nextInt(256);
                    default -> bad = Arrays.copyOf(bad, random.nextInt(bad.length + 8));
                }
                try {
                    ORSet<String> decoded = codec.decodeState(bad);
                    assertThat(codec.encode(decoded)).as("accepted input must be canonical").isEqualTo(bad);
                } catch (DecodingException expected) {
                    assertThat(expected.reason()).isNotNull();
                }
            }
        }
    }

    @Test
    void hash32ElementsOfTheWrongLengthAreInvalid() {
        ORSetCodec<Hash32> codec = new ORSetCodec<>(ElementCodec.hash32());
        byte[] bytes = cat(HEADER, u32(1), str8("a"), u32(1), dot(0, 1), u32(0), u32(1),
                u32(31), new byte[31], u32(1), dot(0, 1));
        assertThatThrownBy(() -> codec.decodeState(bytes)).isInstanceOfSatisfying(DecodingException.class,
                e -> assertThat(e.reason()).isEqualTo(Reason.INVALID_VALUE));
    }
}
