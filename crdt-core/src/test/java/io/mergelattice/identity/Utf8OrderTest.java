package io.mergelattice.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link Utf8Order} is the unsigned bytewise order of the UTF-8 encodings and rejects unpaired surrogates. */
class Utf8OrderTest {

    @Test
    void supplementaryCharactersSortAfterThePrivateUseArea() {
        String bmp = "\uE000"; // UTF-8 EE 80 80
        String astral = "\uD83D\uDE00"; // U+1F600, UTF-8 F0 9F 98 80
        assertThat(bmp.compareTo(astral)).isPositive(); // UTF-16 order differs
        assertThat(Utf8Order.INSTANCE.compare(bmp, astral)).isNegative();
        assertThat(Utf8Order.INSTANCE.compare(astral, bmp)).isPositive();
    }

    @Test
    void agreesWithTheBytewiseOrderOfTheEncodings() {
        List<String> words = new ArrayList<>(List.of("", "a", "ab", "b", "é", "\uE000", "\uD83D\uDE00", "a\uD83D\uDE00",
                "a\uE000", "\u007F", "\u0080", "\u07FF", "\u0800", "\uFFFF", "\uDBFF\uDFFF"));
        for (String a : words) {
            for (String b : words) {
                int bytes = Arrays.compareUnsigned(CanonicalEncoder.utf8(a), CanonicalEncoder.utf8(b));
                assertThat(Integer.signum(Utf8Order.INSTANCE.compare(a, b))).as("%s vs %s", a, b)
                        .isEqualTo(Integer.signum(bytes));
            }
        }
    }

    @Test
    void unpairedSurrogatesAreRejected() {
        assertThat(Utf8Order.isWellFormed("a\uD83D\uDE00")).isTrue();
        assertThat(Utf8Order.isWellFormed("a\uD83D")).isFalse();
        assertThat(Utf8Order.isWellFormed("\uDE00a")).isFalse();
        assertThatThrownBy(() -> Utf8Order.INSTANCE.compare("a", "\uD83D"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Utf8Order.INSTANCE.compare("\uDE00", "a"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
