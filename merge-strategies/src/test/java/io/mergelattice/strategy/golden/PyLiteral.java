package io.mergelattice.strategy.golden;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the metadata notation of the spec's tables (Python literals, §2.15): {@code key = value; …} with
 * numbers (integers → Long, floats → Double), True/False, 'strings' and nested [lists].
 */
final class PyLiteral {
    private final String s;
    private int i;

    private PyLiteral(String s) {
        this.s = s;
    }

    static Map<String, Object> metadata(String text) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (String part : text.split(";")) {
            int eq = part.indexOf('=');
            String key = part.substring(0, eq).strip();
            out.put(key, new PyLiteral(part.substring(eq + 1).strip()).value());
        }
        return out;
    }

    private Object value() {
        skip();
        char c = s.charAt(i);
        if (c == '[') {
            i++;
            List<Object> list = new ArrayList<>();
            skip();
            if (s.charAt(i) == ']') {
                i++;
                return list;
            }
            while (true) {
                list.add(value());
                skip();
                char d = s.charAt(i++);
                if (d == ']') {
                    return list;
                }
            }
        }
        if (c == '\'') {
            int end = s.indexOf('\'', i + 1);
            String str = s.substring(i + 1, end);
            i = end + 1;
            return str;
        }
        int start = i;
        while (i < s.length() && ",]; ".indexOf(s.charAt(i)) < 0) {
            i++;
        }
        String tok = s.substring(start, i);
        return switch (tok) {
            case "True" -> Boolean.TRUE;
            case "False" -> Boolean.FALSE;
            default -> tok.matches("-?\\d+") ? (Object) Long.parseLong(tok) : (Object) Double.parseDouble(tok);
        };
    }

    private void skip() {
        while (i < s.length() && s.charAt(i) == ' ') {
            i++;
        }
    }
}
