package io.mergelattice.merge;

import io.mergelattice.safetensors.SafetensorsWriter;
import io.mergelattice.safetensors.ShardedWriter;
import io.mergelattice.tensor.Conversions;
import io.mergelattice.tensor.DType;
import io.mergelattice.tensor.TensorInfo;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/** Small real safetensors models for tests: random tensors, written with the project's writers. */
final class TestModels {
    private TestModels() {
    }

    /** name → (info, values) in declaration order. */
    record Model(Map<String, TensorInfo> infos, Map<String, double[]> values) {
        static Model random(long seed, DType dtype, Map<String, long[]> shapes) {
            SplittableRandom rnd = new SplittableRandom(seed);
            Map<String, TensorInfo> infos = new LinkedHashMap<>();
            Map<String, double[]> values = new LinkedHashMap<>();
            shapes.forEach((name, shape) -> {
                TensorInfo t = TensorInfo.of(name, dtype, shape);
                double[] v = new double[Math.toIntExact(t.elementCount())];
                for (int j = 0; j < v.length; j++) {
                    v[j] = dtype.isFloat() ? rnd.nextGaussian() : rnd.nextInt(100);
                }
                infos.put(name, t);
                values.put(name, v);
            });
            return new Model(infos, values);
        }

        Model with(String name, TensorInfo info, double[] v) {
            Map<String, TensorInfo> i = new LinkedHashMap<>(infos);
            Map<String, double[]> x = new LinkedHashMap<>(values);
            i.put(name, info);
            x.put(name, v);
            return new Model(i, x);
        }

        Model without(String name) {
            Map<String, TensorInfo> i = new LinkedHashMap<>(infos);
            Map<String, double[]> x = new LinkedHashMap<>(values);
            i.remove(name);
            x.remove(name);
            return new Model(i, x);
        }

        MemorySegment bytes(String name) {
            TensorInfo t = infos.get(name);
            MemorySegment seg = MemorySegment.ofArray(new byte[Math.toIntExact(t.byteSize())]);
            double[] v = values.get(name);
            for (int j = 0; j < v.length; j++) {
                switch (t.dtype()) {
                    case I32 -> seg.setAtIndex(java.lang.foreign.ValueLayout.JAVA_INT_UNALIGNED
                            .withOrder(java.nio.ByteOrder.LITTLE_ENDIAN), j, (int) v[j]);
                    case U8 -> seg.set(java.lang.foreign.ValueLayout.JAVA_BYTE, j, (byte) v[j]);
                    default -> Conversions.put(seg, j, v[j], t.dtype(), name);
                }
            }
            return seg;
        }

        Path write(Path file) throws IOException {
            try (SafetensorsWriter w = SafetensorsWriter.create(file, infos.values(), Map.of())) {
                for (String name : infos.keySet()) {
                    w.writeTensor(name, bytes(name));
                }
                w.finish();
            }
            return file;
        }

        Path writeSharded(Path dir, long maxShardBytes) throws IOException {
            java.nio.file.Files.createDirectories(dir);
            try (ShardedWriter w = ShardedWriter.create(dir, infos.values(), Map.of(), maxShardBytes)) {
                List<String> names = new ArrayList<>(infos.keySet());
                names.sort(io.mergelattice.identity.Utf8Order.INSTANCE);
                for (String name : names) {
                    w.writeTensor(name, bytes(name));
                }
                w.finish();
            }
            return dir;
        }
    }
}
