package io.mergelattice.crdt;

import io.mergelattice.crdt.DecodingException.Reason;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The canonical binary encoding of {@link ORSet} states and {@link ORSetDelta}s: equal values encode to equal
 * bytes on every JVM, and the decoder accepts only canonical bytes, so {@code encode(decode(b))} equals {@code b}.
 *
 * <p>Wire format (version 1; integers little-endian, {@code idx} is a position in the replica table):
 * <pre>
 * "MLOR" ‖ u8 version=1 ‖ u8 kind (1 = state, 2 = delta)
 * ‖ u32 R ‖ R × (u8 len 1..64 ‖ ASCII replica id)          strictly ascending, each one used below
 * ‖ u32 V ‖ V × (u32 idx ‖ u64 counter ≥ 1)                version vector, idx strictly ascending
 * ‖ u32 C ‖ C × (u32 idx ‖ u64 counter)                    dot cloud, ascending, counter > vector[idx] + 1
 * ‖ u32 N ‖ N × (u32 len ‖ element bytes ‖ u32 D ≥ 1 ‖ D × (u32 idx ‖ u64 counter))
 *                                                           elements strictly ascending as unsigned bytes,
 *                                                           dots strictly ascending, each in the context, each once
 * </pre>
 * Element bytes come from the {@link ElementCodec}. Every count is checked against {@link DecodeLimits} and the
 * bytes left before anything is allocated.
 */
public final class ORSetCodec<E extends Comparable<? super E>> {
    /** The four magic bytes {@code "MLOR"}. Wire format: never changes. */
    static final byte[] MAGIC = {'M', 'L', 'O', 'R'};
    /** The format version this class writes and reads. */
    public static final int VERSION = 1;
    static final int KIND_STATE = 1;
    static final int KIND_DELTA = 2;
    private static final int DOT_BYTES = 12;

    private final ElementCodec<E> elements;
    private final DecodeLimits limits;

    public ORSetCodec(ElementCodec<E> elements) {
        this(elements, DecodeLimits.DEFAULT);
    }

    public ORSetCodec(ElementCodec<E> elements, DecodeLimits limits) {
        this.elements = Objects.requireNonNull(elements, "elements");
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    public byte[] encode(ORSet<E> state) {
        return encode(KIND_STATE, state.entries(), state.context());
    }

    public byte[] encode(ORSetDelta<E> delta) {
        return encode(KIND_DELTA, delta.entries(), delta.context());
    }

    /** @throws DecodingException if {@code bytes} is not the canonical encoding of a state */
    public ORSet<E> decodeState(byte[] bytes) {
        Parsed<E> p = decode(bytes, KIND_STATE);
        return new ORSet<>(p.entries, p.context);
    }

    /** @throws DecodingException if {@code bytes} is not the canonical encoding of a delta */
    public ORSetDelta<E> decodeDelta(byte[] bytes) {
        Parsed<E> p = decode(bytes, KIND_DELTA);
        return new ORSetDelta<>(p.entries, p.context);
    }

    byte[] encode(int kind, SortedMap<E, List<Dot>> entries, CausalContext context) {
        TreeSet<ReplicaId> replicas = new TreeSet<>(context.versionVector().entries().keySet());
        context.cloud().forEach(d -> replicas.add(d.replica()));
        List<byte[]> keys = new ArrayList<>(entries.size());
        List<List<Dot>> dots = new ArrayList<>(entries.size());
        int elementBytes = 0;
        for (Map.Entry<E, List<Dot>> e : entries.entrySet()) {
            byte[] key = elements.encode(e.getKey());
            keys.add(key);
            dots.add(e.getValue());
            elementBytes += key.length + 8 + DOT_BYTES * e.getValue().size();
            e.getValue().forEach(d -> replicas.add(d.replica()));
        }
        Map<ReplicaId, Integer> index = new HashMap<>();
        for (ReplicaId r : replicas) {
            index.put(r, index.size());
        }
        ByteWriter w = new ByteWriter(22 + 65 * replicas.size() + DOT_BYTES * (context.versionVector().size()
                + context.cloud().size()) + elementBytes);
        w.bytes(MAGIC).u8(VERSION).u8(kind).u32(replicas.size());
        for (ReplicaId r : replicas) {
            byte[] id = r.value().getBytes(StandardCharsets.US_ASCII);
            w.u8(id.length).bytes(id);
        }
        w.u32(context.versionVector().size());
        context.versionVector().entries().forEach((r, c) -> w.u32(index.get(r)).u64(c));
        w.u32(context.cloud().size());
        context.cloud().forEach(d -> w.u32(index.get(d.replica())).u64(d.counter()));
        // Determinism: elements go out in unsigned-byte order of their encodings, whatever E's natural order is.
        Integer[] order = new Integer[keys.size()];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, (x, y) -> Arrays.compareUnsigned(keys.get(x), keys.get(y)));
        w.u32(keys.size());
        byte[] previous = null;
        for (int i : order) {
            byte[] key = keys.get(i);
            if (previous != null && Arrays.equals(previous, key)) {
                throw new IllegalStateException("two elements encode to the same bytes; the element codec is not injective");
            }
            previous = key;
            w.u32(key.length).bytes(key).u32(dots.get(i).size());
            for (Dot d : dots.get(i)) {
                w.u32(index.get(d.replica())).u64(d.counter());
            }
        }
        return w.toByteArray();
    }

    private record Parsed<E>(SortedMap<E, List<Dot>> entries, CausalContext context) {
    }

    private Parsed<E> decode(byte[] bytes, int expectedKind) {
        if (bytes.length > limits.maxBytes()) {
            throw new DecodingException(Reason.OVERSIZED, 0, "input is " + bytes.length + " bytes, limit " + limits.maxBytes());
        }
        ByteReader r = new ByteReader(bytes);
        byte[] magic = r.bytes(MAGIC.length, "magic");
        if (!Arrays.equals(magic, MAGIC)) {
            throw new DecodingException(Reason.BAD_MAGIC, 0, "expected \"MLOR\", got " + Arrays.toString(magic));
        }
        int version = r.u8("version");
        if (version != VERSION) {
            throw new DecodingException(Reason.UNSUPPORTED_VERSION, 4, "version " + version + ", this code reads " + VERSION);
        }
        int kind = r.u8("kind");
        if (kind != expectedKind) {
            throw new DecodingException(Reason.WRONG_KIND, 5, "kind " + kind + ", expected " + expectedKind
                    + " (" + (expectedKind == KIND_STATE ? "state" : "delta") + ")");
        }
        ReplicaId[] table = readReplicas(r);
        boolean[] used = new boolean[table.length];
        TreeMap<ReplicaId, Long> vector = new TreeMap<>();
        int v = r.count("version vector", table.length, DOT_BYTES);
        int lastIdx = -1;
        for (int i = 0; i < v; i++) {
            int at = r.position();
            Dot d = readDot(r, table, used, "version vector entry");
            int idx = Arrays.binarySearch(table, d.replica());
            if (idx <= lastIdx) {
                throw new DecodingException(Reason.NOT_CANONICAL, at, "version vector entries not strictly ascending at " + d);
            }
            lastIdx = idx;
            vector.put(d.replica(), d.counter());
        }
        int c = r.count("cloud", limits.maxCloudDots(), DOT_BYTES);
        List<Dot> cloud = new ArrayList<>(c);
        for (int i = 0; i < c; i++) {
            int at = r.position();
            Dot d = readDot(r, table, used, "cloud dot");
            if (!cloud.isEmpty() && cloud.getLast().compareTo(d) >= 0) {
                throw new DecodingException(Reason.NOT_CANONICAL, at, "cloud dots not strictly ascending at " + d);
            }
            if (d.counter() <= vector.getOrDefault(d.replica(), 0L) + 1) {
                throw new DecodingException(Reason.NOT_CANONICAL, at, "cloud dot " + d + " is covered by or continues the vector");
            }
            cloud.add(d);
        }
        CausalContext context = CausalContext.of(VersionVector.wrap(vector), cloud);
        // Invariant: a canonical cloud is already compact, so compaction changed nothing.
        assert context.cloud().size() == cloud.size() : "cloud " + cloud + " compacted to " + context;
        SortedMap<E, List<Dot>> entries = readEntries(r, table, used, context);
        if (r.remaining() != 0) {
            throw new DecodingException(Reason.TRAILING_BYTES, r.position(), r.remaining() + " bytes after the end");
        }
        for (int i = 0; i < used.length; i++) {
            if (!used[i]) {
                throw new DecodingException(Reason.NOT_CANONICAL, r.position(), "replica " + table[i] + " is listed but never used");
            }
        }
        return new Parsed<>(entries, context);
    }

    private ReplicaId[] readReplicas(ByteReader r) {
        int n = r.count("replica table", limits.maxReplicas(), 1);
        ReplicaId[] table = new ReplicaId[n];
        for (int i = 0; i < n; i++) {
            int at = r.position();
            int len = r.u8("replica id length");
            if (len == 0 || len > ReplicaId.MAX_LENGTH) {
                throw new DecodingException(len == 0 ? Reason.INVALID_VALUE : Reason.OVERSIZED, at,
                        "replica id length " + len + ", must be 1.." + ReplicaId.MAX_LENGTH);
            }
            byte[] id = r.bytes(len, "replica id");
            try {
                table[i] = new ReplicaId(new String(id, StandardCharsets.ISO_8859_1));
            } catch (IllegalArgumentException e) {
                throw new DecodingException(Reason.INVALID_VALUE, at, e.getMessage());
            }
            if (i > 0 && table[i - 1].compareTo(table[i]) >= 0) {
                throw new DecodingException(Reason.NOT_CANONICAL, at, "replica table not strictly ascending at " + table[i]);
            }
        }
        return table;
    }

    private static Dot readDot(ByteReader r, ReplicaId[] table, boolean[] used, String what) {
        int at = r.position();
        long idx = r.u32(what + " replica");
        long counter = r.u64(what + " counter");
        if (idx >= table.length) {
            throw new DecodingException(Reason.INVALID_VALUE, at, what + " names replica #" + idx + " of " + table.length);
        }
        if (counter < 1) {
            throw new DecodingException(Reason.INVALID_VALUE, at + 4,
                    what + " counter " + Long.toUnsignedString(counter) + " is not in 1..2^63-1");
        }
        used[(int) idx] = true;
        return new Dot(table[(int) idx], counter);
    }

    private SortedMap<E, List<Dot>> readEntries(ByteReader r, ReplicaId[] table, boolean[] used, CausalContext context) {
        int n = r.count("element", limits.maxElements(), 8);
        TreeMap<E, List<Dot>> entries = new TreeMap<>();
        Set<Dot> seen = new HashSet<>();
        byte[] previous = null;
        for (int i = 0; i < n; i++) {
            int at = r.position();
            long len = r.u32("element length");
            if (len > elements.maxLength()) {
                throw new DecodingException(Reason.OVERSIZED, at, "element of " + len + " bytes, limit " + elements.maxLength());
            }
            byte[] key = r.bytes((int) len, "element");
            if (previous != null && Arrays.compareUnsigned(previous, key) >= 0) {
                throw new DecodingException(Reason.NOT_CANONICAL, at, "elements not strictly ascending");
            }
            previous = key;
            E element;
            try {
                element = elements.decode(key);
            } catch (IllegalArgumentException e) {
                throw new DecodingException(Reason.INVALID_VALUE, at, "element: " + e.getMessage());
            }
            if (!Arrays.equals(elements.encode(element), key)) {
                throw new DecodingException(Reason.NOT_CANONICAL, at, "element bytes are not the codec's canonical form");
            }
            int dotsAt = r.position();
            int d = r.count("dot", limits.maxDotsPerElement(), DOT_BYTES);
            if (d == 0) {
                throw new DecodingException(Reason.NOT_CANONICAL, dotsAt, "element without dots (absent elements are omitted)");
            }
            List<Dot> dots = new ArrayList<>(d);
            for (int j = 0; j < d; j++) {
                int dotAt = r.position();
                Dot dot = readDot(r, table, used, "element dot");
                if (!dots.isEmpty() && dots.getLast().compareTo(dot) >= 0) {
                    throw new DecodingException(Reason.NOT_CANONICAL, dotAt, "dots not strictly ascending at " + dot);
                }
                if (!context.contains(dot)) {
                    throw new DecodingException(Reason.INCONSISTENT, dotAt, "dot " + dot + " is not in the context");
                }
                if (!seen.add(dot)) {
                    throw new DecodingException(Reason.INCONSISTENT, dotAt, "dot " + dot + " is on two elements");
                }
                dots.add(dot);
            }
            if (entries.put(element, List.copyOf(dots)) != null) {
                throw new DecodingException(Reason.INVALID_VALUE, at, "two encodings decode to the same element");
            }
        }
        return Collections.unmodifiableSortedMap(entries);
    }
}
