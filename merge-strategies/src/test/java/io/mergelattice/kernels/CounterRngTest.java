package io.mergelattice.kernels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The test vectors of spec §2.10, pinned. */
class CounterRngTest {

    static final String NAME = "layer.weight";

    static byte[] goldenSeed() throws Exception {
        return MessageDigest.getInstance("SHA-256").digest("golden".getBytes(StandardCharsets.UTF_8));
    }

    static byte[] root(int b) {
        byte[] r = new byte[32];
        Arrays.fill(r, (byte) b);
        return r;
    }

    @Test
    void goldenSeedIsSha256OfGolden() throws Exception {
        assertThat(HexFormat.of().formatHex(goldenSeed()))
                .isEqualTo("dd56de4137951d9c92681b03416ec15f886b4482a27e3a517d32f085244cbe5d");
    }

    @ParameterizedTest(name = "row {0}: root 0x{1}, j = {3}")
    @CsvSource({
        "1, 11, e5d756c4e07f0338, 0, a348f80aa8aa60ab, 0.6378321672461111",
        "2, 11, e5d756c4e07f0338, 1, 102911dfaeb1ab6d, 0.06312667571064046",
        "3, 11, e5d756c4e07f0338, 5, da05d618ff8a5f58, 0.8516515551596425",
        "4, 22, b9501057e3c5801a, 0, 797e8b8c8935bd93, 0.4745871751885805",
        "5, 11, e5d756c4e07f0338, 4294967303, 06fcffc573f13c70, 0.027297960001253396",
    })
    void tableRows(int row, String rootByte, String keyHex, long j, String bitsHex, double u) throws Exception {
        long key = CounterRng.key(goldenSeed(), NAME, root(Integer.parseInt(rootByte, 16)));
        assertThat(key).as("key, row %d", row).isEqualTo(HexFormat.fromHexDigitsToLong(keyHex));
        assertThat(CounterRng.bits(key, j)).as("bits, row %d", row).isEqualTo(HexFormat.fromHexDigitsToLong(bitsHex));
        assertThat(CounterRng.u(key, j)).as("u, row %d", row).isEqualTo(u);
    }

    @Test
    void nullRootKey() throws Exception {
        assertThat(CounterRng.nullRoot()).hasSize(32).containsOnly(0);
        assertThat(CounterRng.key(goldenSeed(), NAME, CounterRng.nullRoot()))
                .isEqualTo(HexFormat.fromHexDigitsToLong("d7667d66fa3ceeca"));
    }

    @Test
    void mix64CrossCheckAgainstSplittableRandom() {
        long key = 0x0123456789abcdefL;
        assertThat(CounterRng.bits(key, 0)).isEqualTo(0x157a3807a48faa9dL);
        assertThat(CounterRng.u(key, 0)).isEqualTo(0.08389616190521443);
        assertThat(new SplittableRandom(key).nextLong()).isEqualTo(0x157a3807a48faa9dL);
        assertThat(new SplittableRandom(key).nextDouble()).isEqualTo(0.08389616190521443);
    }

    @Test
    void randomAccessEqualsTheSequentialSplittableRandom() {
        // Invariant (§2.10): bits(key, j) is the (j+1)-th nextLong(), u the (j+1)-th nextDouble().
        long key = 0xe5d756c4e07f0338L;
        SplittableRandom longs = new SplittableRandom(key);
        SplittableRandom doubles = new SplittableRandom(key);
        for (long j = 0; j < 1000; j++) {
            assertThat(CounterRng.bits(key, j)).as("bits j=%d", j).isEqualTo(longs.nextLong());
            assertThat(CounterRng.u(key, j)).as("u j=%d", j).isEqualTo(doubles.nextDouble());
        }
    }

    @Test
    void vectorLanesEqualTheScalarFormula() {
        long key = 0xb9501057e3c5801aL;
        for (long first : new long[] {0, 3, 4_294_967_303L, Long.MAX_VALUE - 2}) {
            var z = VectorRandom.counters(key, first);
            for (int step = 0; step < 3; step++) {
                double[] u = VectorRandom.uniform(z).toArray();
                for (int lane = 0; lane < VectorRandom.LANES; lane++) {
                    long j = first + step * VectorRandom.LANES + lane;
                    assertThat(u[lane]).as("first=%d j=%d", first, j).isEqualTo(CounterRng.u(key, j));
                }
                z = VectorRandom.next(z);
            }
        }
    }

    @Test
    void hostStreamDrawsInCounterOrder() {
        long key = 0xd7667d66fa3ceecaL;
        CounterStream s = CounterRng.stream(key);
        assertThat(s.u()).isEqualTo(CounterRng.u(key, 0));
        assertThat(s.u()).isEqualTo(CounterRng.u(key, 1));
        double z = s.z(); // draws counters 2, 3, 4, 5
        double expected = ((((CounterRng.u(key, 2) + CounterRng.u(key, 3)) + CounterRng.u(key, 4))
                + CounterRng.u(key, 5)) - 2.0) * 1.7320508075688772;
        assertThat(z).isEqualTo(expected);
        assertThat(CounterStream.SQRT3).isEqualTo(1.7320508075688772);
        int idx = s.idx(7); // counter 6
        assertThat(idx).isEqualTo((int) Math.floor(CounterRng.u(key, 6) * 7)).isBetween(0, 6);
        assertThat(s.counter()).isEqualTo(7);
    }

    @Test
    void idxStaysInRange() {
        CounterStream s = CounterRng.stream(42);
        for (int i = 0; i < 10_000; i++) {
            assertThat(s.idx(3)).isBetween(0, 2);
        }
        assertThat(CounterRng.stream(1).idx(1)).isZero();
        assertThatThrownBy(() -> CounterRng.stream(1).idx(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void keyRejectsWrongLengths() {
        assertThatThrownBy(() -> CounterRng.key(new byte[31], NAME, CounterRng.nullRoot()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CounterRng.key(new byte[32], NAME, new byte[33]))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
