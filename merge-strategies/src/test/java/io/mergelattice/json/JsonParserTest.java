package io.mergelattice.json;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Strict parsing (RFC 8259 only, duplicate keys, surrogates, depth) and canonical writing. */
class JsonParserTest {

    @Test
    void parsesEveryKindOfValueKeepingMemberOrderAndNumberLiterals() throws JsonException {
        JsonValue v = JsonParser.parse(" {\"z\": [1, -0, 1.5E-3, 12345678901234567890123],\r\n\t\"a\": "
                + "{\"t\": true, \"f\": false, \"n\": null, \"s\": \"\\\"\\\\\\/\\b\\f\\n\\r\\t\\u00e9\\uD83D\\uDE00\"}} ");
        JsonValue.JsonObject o = (JsonValue.JsonObject) v;
        assertThat(o.members().keySet()).containsExactly("z", "a");
        List<JsonValue> z = ((JsonValue.JsonArray) o.members().get("z")).elements();
        assertThat(z).extracting(n -> ((JsonValue.JsonNumber) n).literal())
                .containsExactly("1", "-0", "1.5E-3", "12345678901234567890123");
        assertThat(((JsonValue.JsonNumber) z.get(3)).integerValue())
                .contains(new BigInteger("12345678901234567890123"));
        assertThat(((JsonValue.JsonNumber) z.get(2)).integerValue()).isEmpty();
        JsonValue.JsonObject a = (JsonValue.JsonObject) o.members().get("a");
        assertThat(a.get("t")).contains(new JsonValue.JsonBoolean(true));
        assertThat(a.get("n")).contains(new JsonValue.JsonNull());
        assertThat(a.get("s")).contains(new JsonValue.JsonString("\"\\/\b\f\n\r\té\uD83D\uDE00"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "01", "1.", ".5", "+1", "-", "1e", "NaN", "Infinity", "[1,]", "{\"a\":1,}",
        "'a'", "[1] // c", "\"a\tb\"", "\"\\x\"", "\"\\ud800\"", "\"\\udc00x\"", "\"\\ud800\\u0041\"", "tru",
        "[1] 2", "\"abc", "{\"a\" 1}", "{1:2}", "[1 2]", "\"\\u12\"", "\"\\u00G0\"", "\uFEFF{}", "\"\uD800\""})
    void rejectsAnythingThatIsNotStrictJson(String text) {
        assertThatThrownBy(() -> JsonParser.parse(text)).isInstanceOfSatisfying(JsonException.class,
                e -> assertThat(e.kind()).isEqualTo(JsonException.Kind.SYNTAX));
    }

    @Test
    void duplicateKeysAreErrorsWithTheirDepth() {
        assertThatThrownBy(() -> JsonParser.parse("{\"a\":1,\"b\":2,\"a\":3}"))
                .isInstanceOfSatisfying(JsonException.class, e -> {
                    assertThat(e.kind()).isEqualTo(JsonException.Kind.DUPLICATE_KEY);
                    assertThat(e.depth()).isEqualTo(1);
                    assertThat(e.getMessage()).contains("\"a\"");
                });
        assertThatThrownBy(() -> JsonParser.parse("{\"x\":[{\"k\":1,\"k\":1}]}"))
                .isInstanceOfSatisfying(JsonException.class, e -> assertThat(e.depth()).isEqualTo(3));
        // Escapes are resolved before comparing: "\u0061" is "a".
        assertThatThrownBy(() -> JsonParser.parse("{\"a\":1,\"\\u0061\":2}")).isInstanceOf(JsonException.class);
    }

    @Test
    void nestingIsLimited() throws JsonException {
        int max = JsonParser.MAX_DEPTH;
        assertThat(JsonParser.parse("[".repeat(max) + "]".repeat(max))).isInstanceOf(JsonValue.JsonArray.class);
        assertThatThrownBy(() -> JsonParser.parse("[".repeat(max + 1) + "]".repeat(max + 1)))
                .isInstanceOfSatisfying(JsonException.class,
                        e -> assertThat(e.kind()).isEqualTo(JsonException.Kind.TOO_DEEP));
    }

    @Test
    void utf8IsDecodedStrictly() throws JsonException {
        assertThat(JsonParser.parseUtf8("\"\uD83D\uDE00\"".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(new JsonValue.JsonString("\uD83D\uDE00"));
        byte[] cesuSurrogate = {'"', (byte) 0xED, (byte) 0xA0, (byte) 0x80, '"'};
        byte[] truncated = {'"', (byte) 0xE2, (byte) 0x82, '"'};
        for (byte[] bad : List.of(cesuSurrogate, truncated)) {
            assertThatThrownBy(() -> JsonParser.parseUtf8(bad)).isInstanceOfSatisfying(JsonException.class, e -> {
                assertThat(e.kind()).isEqualTo(JsonException.Kind.NOT_UTF8);
                assertThat(e.position()).isEqualTo(1);
            });
        }
    }

    @Test
    void writesCompactCanonicalText() throws JsonException {
        Map<String, JsonValue> members = new LinkedHashMap<>();
        members.put("s", JsonValue.string("q\" b\\ /\u0001\u001f\n\té😀\u007f"));
        members.put("n", new JsonValue.JsonArray(List.of(JsonValue.JsonNumber.of(-7), new JsonValue.JsonNumber("1e3"),
                new JsonValue.JsonBoolean(false), new JsonValue.JsonNull())));
        members.put("o", new JsonValue.JsonObject(Map.of()));
        JsonValue v = new JsonValue.JsonObject(members);
        String text = JsonWriter.write(v);
        assertThat(text).isEqualTo("{\"s\":\"q\\\" b\\\\ /\\u0001\\u001f\\n\\té😀\u007f\","
                + "\"n\":[-7,1e3,false,null],\"o\":{}}");
        assertThat(JsonParser.parse(text)).isEqualTo(v);
    }
}
