package org.clinicledger.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class HexTest {

    @Test
    void rfc4648Base16VectorsInLowerCase() {
        // RFC 4648 §10 test vectors for BASE16, which the RFC spells in upper case; ours is the
        // lower-case alphabet, otherwise identical.
        String[][] vectors = {
            {"", ""},
            {"f", "66"},
            {"fo", "666f"},
            {"foo", "666f6f"},
            {"foob", "666f6f62"},
            {"fooba", "666f6f6261"},
            {"foobar", "666f6f626172"},
        };
        for (String[] v : vectors) {
            byte[] bytes = v[0].getBytes(StandardCharsets.US_ASCII);
            assertThat(Hex.encode(bytes)).isEqualTo(v[1]);
            assertThat(Hex.decode(v[1])).isEqualTo(bytes);
        }
    }

    @Test
    void everyByteValueRoundTrips() {
        byte[] all = new byte[256];
        for (int i = 0; i < 256; i++) {
            all[i] = (byte) i;
        }
        String text = Hex.encode(all);
        assertThat(text).hasSize(512).startsWith("000102").endsWith("fdfeff").isLowerCase();
        assertThat(Hex.decode(text)).isEqualTo(all);
    }

    @Test
    void oddLengthIsRefused() {
        assertThatThrownBy(() -> Hex.decode("abc"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("odd number of characters (3)");
    }

    @Test
    void nonHexCharactersAreRefusedWithTheirPosition() {
        assertThatThrownBy(() -> Hex.decode("00g0"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'g' at index 2");
        assertThatThrownBy(() -> Hex.decode("0 "))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("U+0020 at index 1");
        // Digits from other scripts count as digits for Character.digit; they must not here.
        assertThatThrownBy(() -> Hex.decode("\u0661\u0662"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("U+0661 at index 0");
        assertThatThrownBy(() -> Hex.decode("0x"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void upperCaseIsRefusedSoEveryValueHasOneSpelling() {
        assertThatThrownBy(() -> Hex.decode("ABCD"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'A' at index 0")
                .hasMessageContaining("lower-case");
        assertThatThrownBy(() -> Hex.decode("abcF")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void nullIsRefused() {
        assertThatThrownBy(() -> Hex.encode(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> Hex.decode(null)).isInstanceOf(NullPointerException.class);
    }
}
