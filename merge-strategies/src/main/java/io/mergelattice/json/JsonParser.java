package io.mergelattice.json;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A strict RFC 8259 JSON parser: exactly one value surrounded by optional whitespace; no comments, trailing
 * commas, leading zeros, NaN or single quotes; control characters must be escaped; unpaired surrogates (escaped or
 * raw) are rejected; a repeated key in any object is an error ({@link JsonException.Kind#DUPLICATE_KEY}), never
 * "last one wins". Nesting is limited to {@value #MAX_DEPTH} levels so hostile input cannot overflow the stack.
 */
public final class JsonParser {

    /** Deepest nesting of arrays and objects accepted. */
    public static final int MAX_DEPTH = 64;

    private final String text;
    private int pos;

    private JsonParser(String text) {
        this.text = text;
    }

    /** Decodes {@code utf8} strictly (no malformed, overlong or surrogate sequences) and parses it. */
    public static JsonValue parseUtf8(byte[] utf8) throws JsonException {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(utf8);
        CharBuffer out = CharBuffer.allocate(utf8.length);
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) {
            result = decoder.flush(out);
        }
        if (result.isError()) {
            throw new JsonException(JsonException.Kind.NOT_UTF8, "invalid UTF-8 sequence of " + result.length()
                    + " byte(s) at byte offset " + in.position(), in.position(), 0);
        }
        return parse(out.flip().toString());
    }

    /** Parses {@code text} as one JSON value. */
    public static JsonValue parse(String text) throws JsonException {
        JsonParser p = new JsonParser(text);
        p.skipWhitespace();
        JsonValue value = p.value(0);
        p.skipWhitespace();
        if (p.pos != text.length()) {
            throw p.syntax("unexpected content after the JSON value");
        }
        return value;
    }

    private JsonValue value(int depth) throws JsonException {
        if (pos >= text.length()) {
            throw syntax("unexpected end of input");
        }
        char c = text.charAt(pos);
        return switch (c) {
            case '{' -> object(depth + 1);
            case '[' -> array(depth + 1);
            case '"' -> new JsonValue.JsonString(string());
            case 't' -> literal("true", new JsonValue.JsonBoolean(true));
            case 'f' -> literal("false", new JsonValue.JsonBoolean(false));
            case 'n' -> literal("null", new JsonValue.JsonNull());
            default -> {
                if (c == '-' || (c >= '0' && c <= '9')) {
                    yield number();
                }
                throw syntax("unexpected character '" + c + "'");
            }
        };
    }

    private JsonValue object(int depth) throws JsonException {
        checkDepth(depth);
        pos++; // '{'
        Map<String, JsonValue> members = new LinkedHashMap<>();
        skipWhitespace();
        if (peek() == '}') {
            pos++;
            return new JsonValue.JsonObject(members);
        }
        while (true) {
            skipWhitespace();
            if (peek() != '"') {
                throw syntax("expected a string key");
            }
            int keyPos = pos;
            String key = string();
            skipWhitespace();
            expect(':');
            skipWhitespace();
            JsonValue v = value(depth);
            if (members.putIfAbsent(key, v) != null) {
                throw new JsonException(JsonException.Kind.DUPLICATE_KEY, "duplicate key \"" + key + "\"", keyPos,
                        depth);
            }
            if (closes('}', "an object")) {
                return new JsonValue.JsonObject(members);
            }
        }
    }

    private JsonValue array(int depth) throws JsonException {
        checkDepth(depth);
        pos++; // '['
        List<JsonValue> elements = new ArrayList<>();
        skipWhitespace();
        if (peek() == ']') {
            pos++;
            return new JsonValue.JsonArray(elements);
        }
        while (true) {
            skipWhitespace();
            elements.add(value(depth));
            if (closes(']', "an array")) {
                return new JsonValue.JsonArray(elements);
            }
        }
    }

    /** After a member or element: true at {@code close}, false after ','; anything else is a syntax error. */
    private boolean closes(char close, String container) throws JsonException {
        skipWhitespace();
        char c = next();
        if (c == close) {
            return true;
        }
        if (c != ',') {
            pos--;
            throw syntax("expected ',' or '" + close + "' in " + container);
        }
        return false;
    }

    private String string() throws JsonException {
        pos++; // opening quote
        StringBuilder sb = new StringBuilder();
        while (true) {
            if (pos >= text.length()) {
                throw syntax("unterminated string");
            }
            char c = text.charAt(pos++);
            if (c == '"') {
                return sb.toString();
            } else if (c == '\\') {
                escape(sb);
            } else if (c < 0x20) {
                pos--;
                throw syntax("unescaped control character U+" + String.format("%04X", (int) c) + " in a string");
            } else if (Character.isHighSurrogate(c) && pos < text.length()
                    && Character.isLowSurrogate(text.charAt(pos))) {
                sb.append(c).append(text.charAt(pos++));
            } else if (Character.isSurrogate(c)) {
                pos--;
                throw syntax("unpaired surrogate in a string");
            } else {
                sb.append(c);
            }
        }
    }

    private void escape(StringBuilder sb) throws JsonException {
        char e = next();
        switch (e) {
            case '"', '\\', '/' -> sb.append(e);
            case 'b' -> sb.append('\b');
            case 'f' -> sb.append('\f');
            case 'n' -> sb.append('\n');
            case 'r' -> sb.append('\r');
            case 't' -> sb.append('\t');
            case 'u' -> {
                char u = hex4();
                if (Character.isHighSurrogate(u)) {
                    if (text.startsWith("\\u", pos)) {
                        pos += 2;
                        char low = hex4();
                        if (Character.isLowSurrogate(low)) {
                            sb.append(u).append(low);
                            return;
                        }
                    }
                    throw syntax("unpaired surrogate escape");
                }
                if (Character.isLowSurrogate(u)) {
                    throw syntax("unpaired surrogate escape");
                }
                sb.append(u);
            }
            default -> {
                pos--;
                throw syntax("invalid escape '\\" + e + "'");
            }
        }
    }

    private char hex4() throws JsonException {
        if (pos + 4 > text.length()) {
            throw syntax("truncated \\u escape");
        }
        int v = 0;
        for (int i = 0; i < 4; i++) {
            int d = Character.digit(text.charAt(pos), 16);
            if (d < 0 || text.charAt(pos) > 'f') {
                throw syntax("invalid hex digit in \\u escape");
            }
            v = v * 16 + d;
            pos++;
        }
        return (char) v;
    }

    private JsonValue number() throws JsonException {
        int start = pos;
        if (peek() == '-') {
            pos++;
        }
        if (peek() == '0') {
            pos++;
        } else if (isDigit(peek())) {
            digits();
        } else {
            throw syntax("invalid number");
        }
        if (peek() == '.') {
            pos++;
            if (!isDigit(peek())) {
                throw syntax("digit expected after '.'");
            }
            digits();
        }
        if (peek() == 'e' || peek() == 'E') {
            pos++;
            if (peek() == '+' || peek() == '-') {
                pos++;
            }
            if (!isDigit(peek())) {
                throw syntax("digit expected in exponent");
            }
            digits();
        }
        return new JsonValue.JsonNumber(text.substring(start, pos));
    }

    private void digits() {
        while (isDigit(peek())) {
            pos++;
        }
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private JsonValue literal(String word, JsonValue v) throws JsonException {
        if (!text.startsWith(word, pos)) {
            throw syntax("invalid literal");
        }
        pos += word.length();
        return v;
    }

    private void checkDepth(int depth) throws JsonException {
        if (depth > MAX_DEPTH) {
            throw new JsonException(JsonException.Kind.TOO_DEEP, "nesting deeper than " + MAX_DEPTH, pos, depth);
        }
    }

    private void skipWhitespace() {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                return;
            }
            pos++;
        }
    }

    /** The current character, or U+0000 at the end (never valid where a token is expected). */
    private char peek() {
        return pos < text.length() ? text.charAt(pos) : '\0';
    }

    private char next() throws JsonException {
        if (pos >= text.length()) {
            throw syntax("unexpected end of input");
        }
        return text.charAt(pos++);
    }

    private void expect(char c) throws JsonException {
        if (peek() != c) {
            throw syntax("expected '" + c + "'");
        }
        pos++;
    }

    private JsonException syntax(String message) {
        return new JsonException(JsonException.Kind.SYNTAX, message, pos, 0);
    }
}
