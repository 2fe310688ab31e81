package io.mergelattice.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The positive-number options: accepted ranges and the usage messages. */
class ArgsTest {

    @Test
    void positiveIntAcceptsOneToIntMax() throws Exception {
        assertThat(Args.positiveInt("1", "--threads")).isEqualTo(1);
        assertThat(Args.positiveInt("2147483647", "--threads")).isEqualTo(Integer.MAX_VALUE);
        for (String bad : new String[] {"0", "-3", "2147483648", "1.5", "x", ""}) {
            assertThatThrownBy(() -> Args.positiveInt(bad, "--threads")).isInstanceOf(UsageException.class)
                    .hasMessage("--threads wants a positive integer, got '" + bad + "'");
        }
    }

    @Test
    void positiveLongAcceptsOneToLongMax() throws Exception {
        assertThat(Args.positiveLong("4294967296", "--max-shard-size")).isEqualTo(4294967296L);
        assertThat(Args.positiveLong("9223372036854775807", "--max-shard-size")).isEqualTo(Long.MAX_VALUE);
        for (String bad : new String[] {"0", "-1", "9223372036854775808", "1e9"}) {
            assertThatThrownBy(() -> Args.positiveLong(bad, "--max-shard-size")).isInstanceOf(UsageException.class)
                    .hasMessage("--max-shard-size wants a positive number of bytes, got '" + bad + "'");
        }
    }
}
