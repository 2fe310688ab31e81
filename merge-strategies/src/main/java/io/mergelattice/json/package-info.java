/**
 * A small strict JSON parser ({@link io.mergelattice.json.JsonParser}: RFC 8259 only, duplicate keys rejected) and
 * a canonical compact writer ({@link io.mergelattice.json.JsonWriter}) over immutable
 * {@link io.mergelattice.json.JsonValue}s; numbers keep their literal text.
 */
package io.mergelattice.json;
