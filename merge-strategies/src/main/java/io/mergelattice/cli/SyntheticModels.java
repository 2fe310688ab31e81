package io.mergelattice.cli;

import io.mergelattice.safetensors.SafetensorsWriter;
import io.mergelattice.tensor.DType;
import io.mergelattice.tensor.TensorInfo;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Large synthetic models for the merge benchmark and the bounded-heap test: F32 tensors {@code layers.NN.weight}
 * filled with cheap pseudo-random values (uniform in ±0.021), streamed through a 1 MiB buffer so that writing a
 * model of any size needs no heap of that size.
 */
public final class SyntheticModels {
    private SyntheticModels() {
    }

    /** Writes {@code tensors} F32 tensors of shape [rows, cols] to {@code file}, drawn from {@code seed}. */
    public static Path writeRandom(Path file, int tensors, long rows, long cols, int seed) throws IOException {
        List<TensorInfo> infos = new ArrayList<>();
        for (int t = 0; t < tensors; t++) {
            infos.add(TensorInfo.of(String.format("layers.%02d.weight", t), DType.F32, rows, cols));
        }
        ByteBuffer block = ByteBuffer.allocateDirect(1 << 20).order(ByteOrder.LITTLE_ENDIAN);
        SplittableRandom rnd = new SplittableRandom(seed);
        try (SafetensorsWriter w = SafetensorsWriter.create(file, infos, Map.of())) {
            for (TensorInfo t : infos) {
                WritableByteChannel ch = w.beginTensor(t.name());
                for (long off = 0; off < t.byteSize(); off += block.capacity()) {
                    block.clear();
                    while (block.hasRemaining()) {
                        block.putFloat((float) (rnd.nextInt() * 1e-11)); // uniform in ±0.021, cheap to draw
                    }
                    block.flip();
                    while (block.hasRemaining()) {
                        ch.write(block);
                    }
                }
            }
            w.finish();
        }
        return file;
    }
}
