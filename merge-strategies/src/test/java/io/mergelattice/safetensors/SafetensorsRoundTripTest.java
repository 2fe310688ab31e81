package io.mergelattice.safetensors;

import io.mergelattice.identity.Utf8Order;
import io.mergelattice.tensor.Conversions;
import io.mergelattice.tensor.DType;
import io.mergelattice.tensor.LittleEndian;
import io.mergelattice.tensor.TensorInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Random;

import static io.mergelattice.safetensors.TestFiles.pattern;
import static io.mergelattice.safetensors.TestFiles.q;
import static io.mergelattice.safetensors.TestFiles.t;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Write → read back, canonical bytes, byte counting, mapped output, chunked finiteness and > 2 GiB files. */
class SafetensorsRoundTripTest {

    @TempDir
    Path dir;

    private static List<TensorInfo> everyDtypeAndAwkwardShapes() {
        List<TensorInfo> tensors = new ArrayList<>();
        for (DType d : DType.values()) {
            tensors.add(t("m." + d.name().toLowerCase(), d, 3, 5));
        }
        tensors.add(t("scalar", DType.F64));
        tensors.add(t("empty", DType.F32, 0));
        tensors.add(t("empty.inner", DType.BF16, 2, 0, 3));
        tensors.add(t("ones", DType.I8, 1, 1, 1));
        tensors.add(t("z.last.empty", DType.U8, 0));
        return tensors;
    }

    private Path write(String name, List<TensorInfo> tensors, Map<String, String> metadata) throws IOException {
        Path p = dir.resolve(name);
        try (SafetensorsWriter w = SafetensorsWriter.create(p, tensors, metadata)) {
            for (TensorInfo t : w.layout().tensors()) {
                w.writeTensor(t.name(), pattern(t, t.name().hashCode()));
            }
        }
        return p;
    }

    @Test
    void everyDtypeAndShapeRoundTrips() throws IOException {
        List<TensorInfo> tensors = everyDtypeAndAwkwardShapes();
        Path p = write("all.safetensors", tensors, Map.of("format", "pt"));
        try (SafetensorsFile f = SafetensorsFile.open(p)) {
            assertThat(f.tensors()).containsExactlyInAnyOrderElementsOf(tensors);
            assertThat(f.tensors()).isSortedAccordingTo(Comparator.comparing(TensorInfo::name, Utf8Order.INSTANCE));
            for (TensorInfo t : tensors) {
                MemorySegment data = f.data(t.name());
                assertThat(data.isReadOnly()).isTrue();
                assertThat(data.toArray(ValueLayout.JAVA_BYTE))
                        .isEqualTo(pattern(t, t.name().hashCode()).toArray(ValueLayout.JAVA_BYTE));
                assertThat(f.find(t.name())).contains(t);
            }
            assertThat(f.find("scalar").orElseThrow().elementCount()).isEqualTo(1);
            assertThat(f.data("empty.inner").byteSize()).isZero();
            assertThat(f.metadata()).containsExactly(Map.entry("format", "pt"));
            assertThat(f.headerSize() % 8).isZero();
            assertThat(f.fileSize()).isEqualTo(Files.size(p)).isEqualTo(SafetensorsLayout.of(tensors,
                    Map.of("format", "pt")).fileSize());
            f.checkFinite();
        }
    }

    @Test
    void declarationAndWriteOrderDoNotChangeTheBytes() throws IOException {
        List<TensorInfo> tensors = everyDtypeAndAwkwardShapes();
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("z", "last");
        meta.put("a", "first");
        Path first = write("first.safetensors", tensors, meta);

        List<TensorInfo> shuffled = new ArrayList<>(tensors);
        Collections.shuffle(shuffled, new Random(42));
        Map<String, String> meta2 = new HashMap<>(Map.of("a", "first", "z", "last"));
        Path second = dir.resolve("second.safetensors");
        try (SafetensorsWriter w = SafetensorsWriter.create(second, shuffled, meta2)) {
            for (TensorInfo t : shuffled) { // not file order: positional writes
                w.writeTensor(t.name(), pattern(t, t.name().hashCode()));
            }
        }
        assertThat(Files.readAllBytes(second)).isEqualTo(Files.readAllBytes(first));
    }

    @Test
    void headerIsCompactJsonInFixedKeyOrderPaddedWithSpaces() throws IOException {
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("b", "2");
        meta.put("a", "quote\" and \n");
        Path p = write("h.safetensors", List.of(t("x", DType.F32, 2), t("w", DType.F16)), meta);
        byte[] bytes = Files.readAllBytes(p);
        String json = q("{'__metadata__':{'a':'quote\\' and \\n','b':'2'},"
                + "'w':{'dtype':'F16','shape':[],'data_offsets':[0,2]},"
                + "'x':{'dtype':'F32','shape':[2],'data_offsets':[2,10]}}").replace("\\'", "\\\"");
        int padded = (json.length() + 7) / 8 * 8;
        assertThat(MemorySegment.ofArray(bytes).get(LittleEndian.LONG, 0)).isEqualTo(padded);
        assertThat(new String(bytes, 8, padded, StandardCharsets.UTF_8)).isEqualTo(json + " ".repeat(padded
                - json.length()));
        assertThat(bytes.length).isEqualTo(8 + padded + 10);
        try (SafetensorsFile f = SafetensorsFile.open(p)) {
            assertThat(f.metadata()).containsExactly(Map.entry("a", "quote\" and \n"), Map.entry("b", "2"));
            assertThat(f.entry("x")).isEqualTo(new TensorEntry(t("x", DType.F32, 2), 2, 10));
        }
    }

    @Test
    void emptyModelIsAPaddedEmptyObject() throws IOException {
        Path p = write("e.safetensors", List.of(), Map.of());
        assertThat(Files.readAllBytes(p)).isEqualTo(TestFiles.file("{}      ", 0));
        try (SafetensorsFile f = SafetensorsFile.open(p)) {
            assertThat(f.tensors()).isEmpty();
            assertThat(f.metadata()).isEmpty();
        }
    }

    @Test
    void namesSortByUtf8BytesNotByUtf16() throws IOException {
        String bmpLast = "\uFFFF";          // EF BF BF
        String emoji = "\uD83D\uDE00";      // F0 9F 98 80, but its UTF-16 sorts before U+FFFF
        assertThat(emoji.compareTo(bmpLast)).isNegative();
        List<TensorInfo> tensors = List.of(t(emoji, DType.U8, 1), t(bmpLast, DType.U8, 1), t("é", DType.U8, 1),
                t("b", DType.U8, 1), t("a", DType.U8, 1));
        Path p = write("u.safetensors", tensors, Map.of());
        try (SafetensorsFile f = SafetensorsFile.open(p)) {
            assertThat(f.tensors()).extracting(TensorInfo::name).containsExactly("a", "b", "é", bmpLast, emoji);
            assertThat(f.entry(emoji).begin()).isEqualTo(4);
        }
    }

    @Test
    void writerCountsBytes() throws IOException {
        List<TensorInfo> tensors = List.of(t("a", DType.F32, 2), t("b", DType.I16, 3));
        SafetensorsWriter w = SafetensorsWriter.create(dir.resolve("c.safetensors"), tensors, Map.of());
        assertThatThrownBy(() -> w.writeTensor("a", MemorySegment.ofArray(new byte[7])))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("exactly 8 bytes, got 7");
        assertThatThrownBy(() -> w.writeTensor("nope", MemorySegment.ofArray(new byte[1])))
                .isInstanceOf(NoSuchElementException.class);
        WritableByteChannel ch = w.beginTensor("b");
        ch.write(ByteBuffer.allocate(4));
        assertThatThrownBy(() -> ch.write(ByteBuffer.allocate(3)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("'b' is 6 bytes");
        w.writeTensor("a", MemorySegment.ofArray(new byte[8]));
        assertThat(w.isComplete()).isFalse();
        assertThatThrownBy(w::finish).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("'b' has 4 of its 6 bytes");
    }

    @Test
    void declarationsAreChecked() {
        assertThatThrownBy(() -> SafetensorsLayout.of(List.of(t("a", DType.U8, 1), t("a", DType.U8, 2)), Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("twice");
        assertThatThrownBy(() -> SafetensorsLayout.of(List.of(t("__metadata__", DType.U8, 1)), Map.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> t("bad\uD800", DType.U8, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> t("neg", DType.U8, -1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void streamingInPiecesAndMappedOutputGiveTheCanonicalBytes() throws IOException {
        List<TensorInfo> tensors = everyDtypeAndAwkwardShapes();
        Path reference = write("ref.safetensors", tensors, Map.of("k", "v"));

        Path streamed = dir.resolve("streamed.safetensors");
        try (SafetensorsWriter w = SafetensorsWriter.create(streamed, tensors, Map.of("k", "v"))) {
            for (TensorInfo t : w.layout().tensors().reversed()) {
                byte[] all = pattern(t, t.name().hashCode()).toArray(ValueLayout.JAVA_BYTE);
                try (WritableByteChannel ch = w.beginTensor(t.name())) {
                    for (int off = 0; off < all.length; off += 7) {
                        ch.write(ByteBuffer.wrap(all, off, Math.min(7, all.length - off)));
                    }
                }
            }
        }
        assertThat(Files.readAllBytes(streamed)).isEqualTo(Files.readAllBytes(reference));

        Path mapped = dir.resolve("mapped.safetensors");
        try (MappedSafetensorsWriter w = MappedSafetensorsWriter.create(mapped, tensors, Map.of("k", "v"))) {
            for (TensorInfo t : tensors) {
                w.tensor(t.name()).copyFrom(pattern(t, t.name().hashCode()));
            }
        }
        assertThat(Files.readAllBytes(mapped)).isEqualTo(Files.readAllBytes(reference));
    }

    @Test
    void mappedOutputCanBeComputedInPlace() throws IOException {
        Path p = dir.resolve("out.safetensors");
        try (MappedSafetensorsWriter w = MappedSafetensorsWriter.create(p, List.of(t("w", DType.F16, 3)), Map.of())) {
            Conversions.narrow(new double[]{1.0, -0.0, 0.5}, DType.F16, w.tensor("w"), "w");
        }
        try (SafetensorsFile f = SafetensorsFile.open(p)) {
            float[] back = new float[3];
            Conversions.widenToF32(f.data("w"), DType.F16, back);
            assertThat(back).containsExactly(1.0f, 0.0f, 0.5f);
            assertThat(Float.floatToRawIntBits(back[1])).isZero();
        }
    }

    @Test
    void readsValidButNonCanonicalFiles() throws IOException {
        // Unsorted names, offsets not in name order, whitespace, and an odd header length (unaligned data).
        String json = q(" { 'b' : {'shape':[1],'dtype':'F32','data_offsets':[0,4]},\n"
                + "'a':{'dtype':'F32','shape':[2],'data_offsets':[4,12]}, '__metadata__':{} }\t");
        byte[] data = new byte[12];
        MemorySegment d = MemorySegment.ofArray(data);
        d.set(LittleEndian.FLOAT, 0, 3.0f);
        d.set(LittleEndian.FLOAT, 4, 1.0f);
        d.set(LittleEndian.FLOAT, 8, 2.0f);
        Path p = TestFiles.write(dir, "odd.safetensors", TestFiles.file(json.length() % 2 == 0 ? json + " " : json,
                data));
        try (SafetensorsFile f = SafetensorsFile.open(p)) {
            assertThat(f.dataStart() % 2).isOne();
            assertThat(f.tensors()).extracting(TensorInfo::name).containsExactly("a", "b");
            float[] a = new float[2];
            Conversions.widenToF32(f.data("a"), DType.F32, a);
            assertThat(a).containsExactly(1.0f, 2.0f);
            assertThat(f.data("b").get(LittleEndian.FLOAT, 0)).isEqualTo(3.0f);
        }
    }

    @Test
    void lookupsAndClose() throws IOException {
        Path p = write("l.safetensors", List.of(t("a", DType.F32, 2)), Map.of());
        MemorySegment kept;
        try (SafetensorsFile f = SafetensorsFile.open(p)) {
            assertThat(f.find("missing")).isEmpty();
            assertThatThrownBy(() -> f.data("missing")).isInstanceOf(NoSuchElementException.class)
                    .hasMessageContaining("missing");
            kept = f.data("a");
            assertThatThrownBy(() -> kept.set(ValueLayout.JAVA_BYTE, 0, (byte) 1))
                    .isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> kept.get(ValueLayout.JAVA_BYTE, 0)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void checkFiniteFeedsChunksInNameOrderAndReportsTheGlobalElementIndex() throws IOException {
        TensorInfo big = t("big", DType.F32, 300_000); // 1.2 MB: two chunks
        TensorInfo empty = t("c.empty", DType.F16, 0);
        TensorInfo ints = t("d.ints", DType.I32, 2);
        Path p = dir.resolve("v.safetensors");
        MemorySegment bigData = MemorySegment.ofArray(new float[300_000]);
        try (SafetensorsWriter w = SafetensorsWriter.create(p, List.of(ints, empty, big), Map.of())) {
            w.writeTensor("big", bigData);
            w.writeTensor("c.empty", MemorySegment.NULL);
            w.writeTensor("d.ints", MemorySegment.ofArray(new int[]{-1, -1})); // NaN bits, but integers
        }
        List<String> events = new ArrayList<>();
        ChunkVisitor recorder = new ChunkVisitor() {
            @Override
            public void beginTensor(TensorInfo tensor) {
                events.add("begin " + tensor.name());
            }

            @Override
            public void chunk(TensorInfo tensor, long index, MemorySegment chunk) {
                events.add(tensor.name() + "#" + index + ":" + chunk.byteSize());
            }

            @Override
            public void endTensor(TensorInfo tensor) {
                events.add("end " + tensor.name());
            }
        };
        try (SafetensorsFile f = SafetensorsFile.open(p)) {
            f.checkFinite(recorder);
        }
        assertThat(events).containsExactly("begin big", "big#0:1048576", "big#1:151424", "end big",
                "begin c.empty", "end c.empty", "begin d.ints", "d.ints#0:8", "end d.ints");

        try (RandomAccessFile raf = new RandomAccessFile(p.toFile(), "rw")) {
            long start;
            try (SafetensorsFile f = SafetensorsFile.open(p)) {
                start = f.dataStart() + f.entry("big").begin();
            }
            raf.seek(start + 4L * 262_150);
            raf.write(new byte[]{0, 0, (byte) 0x80, (byte) 0xFF}); // −∞ in the second chunk
        }
        try (SafetensorsFile f = SafetensorsFile.open(p)) {
            assertThatThrownBy(f::checkFinite).isInstanceOfSatisfying(SafetensorsFormatException.class, e -> {
                assertThat(e.problem()).isEqualTo(SafetensorsFormatException.Problem.NON_FINITE_VALUE);
                assertThat(e.getMessage()).contains("'big'", "element 262150");
            });
        }
    }

    @Test
    void filesBeyond2GiBAreMappedAndSliced() throws IOException {
        long elements = 671_088_640L; // 2.5 GiB of F32
        String json = q("{'huge':{'dtype':'F32','shape':[" + elements + "],'data_offsets':[0," + elements * 4
                + "]},'tail':{'dtype':'F64','shape':[1],'data_offsets':[" + elements * 4 + "," + (elements * 4 + 8)
                + "]}}");
        byte[] head = TestFiles.file(json, 0);
        Path p = dir.resolve("sparse.safetensors");
        try (RandomAccessFile raf = new RandomAccessFile(p.toFile(), "rw")) {
            raf.write(head);
            raf.setLength(head.length + elements * 4 + 8); // sparse: costs no disk
            raf.seek(head.length + elements * 4 - 4);
            raf.write(new byte[]{0, 0, (byte) 0x80, 0x3F, 0, 0, 0, 0, 0, 0, (byte) 0xF0, 0x3F}); // 1.0f, 1.0
        }
        try (SafetensorsFile f = SafetensorsFile.open(p)) {
            MemorySegment huge = f.data("huge");
            assertThat(huge.byteSize()).isEqualTo(elements * 4);
            assertThat(huge.getAtIndex(LittleEndian.FLOAT, elements - 1)).isEqualTo(1.0f);
            assertThat(huge.getAtIndex(LittleEndian.FLOAT, elements - 2)).isZero();
            float[] window = new float[2];
            Conversions.widenToF32(huge, DType.F32, elements - 2, window, 0, 2);
            assertThat(window).containsExactly(0.0f, 1.0f);
            assertThat(f.data("tail").get(LittleEndian.DOUBLE, 0)).isEqualTo(1.0);
            assertThat(f.fileSize()).isGreaterThan(1L << 31);
        }
    }
}
