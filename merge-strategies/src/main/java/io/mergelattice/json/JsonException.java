package io.mergelattice.json;

/** A document is not strict JSON (RFC 8259) or repeats a key; {@link #kind()} says which. */
public final class JsonException extends Exception {

    private static final long serialVersionUID = 1L;

    /** What is wrong with the document. */
    public enum Kind {
        /** The bytes are not well-formed UTF-8 ({@link #position()} is then a byte offset). */
        NOT_UTF8,
        /** Not JSON: a syntax error, an unpaired surrogate escape, or trailing content. */
        SYNTAX,
        /** An object has the same key twice. */
        DUPLICATE_KEY,
        /** Nesting deeper than the parser allows. */
        TOO_DEEP
    }

    private final Kind kind;
    private final int position;
    private final int depth;

    JsonException(Kind kind, String message, int position, int depth) {
        super(kind == Kind.NOT_UTF8 ? message : message + " (at character " + position + ")");
        this.kind = kind;
        this.position = position;
        this.depth = depth;
    }

    /** What is wrong. */
    public Kind kind() {
        return kind;
    }

    /** Character offset in the text where the problem was found (a byte offset for {@link Kind#NOT_UTF8}). */
    public int position() {
        return position;
    }

    /** Nesting depth of the offending value: 1 for a member of the top-level object. */
    public int depth() {
        return depth;
    }
}
