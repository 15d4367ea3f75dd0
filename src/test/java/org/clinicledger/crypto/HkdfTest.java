package org.clinicledger.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.generators.HKDFBytesGenerator;
import org.bouncycastle.crypto.params.HKDFParameters;
import org.junit.jupiter.api.Test;

class HkdfTest {

    /** A test case of RFC 5869 Appendix A; a null salt means "not provided". */
    private record Vector(String name, String ikm, String salt, String info, int length, String prk, String okm) {
    }

    // RFC 5869 Appendix A, the three SHA-256 cases: A.1 (basic), A.2 (longer inputs and outputs),
    // A.3 (zero-length salt and info).
    private static final List<Vector> RFC_5869 = List.of(
            new Vector("A.1",
                    "0b".repeat(22),
                    "000102030405060708090a0b0c",
                    "f0f1f2f3f4f5f6f7f8f9",
                    42,
                    "077709362c2e32df0ddc3f0dc47bba6390b6c73bb50f9c3122ec844ad7c2b3e5",
                    "3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865"),
            new Vector("A.2",
                    sequence(0x00, 0x4f),
                    sequence(0x60, 0xaf),
                    sequence(0xb0, 0xff),
                    82,
                    "06a6b88c5853361a06104c9ceb35b45cef760014904671014a193f40c15fc244",
                    "b11e398dc80327a1c8e7f78c596a49344f012eda2d4efad8a050cc4c19afa97c"
                            + "59045a99cac7827271cb41c65e590e09da3275600c2f09b8367793a9aca3db71"
                            + "cc30c58179ec3e87c14c01d5c1f3434f1d87"),
            new Vector("A.3",
                    "0b".repeat(22),
                    "",
                    "",
                    42,
                    "19ef24a32c717b167f33a91d6f648bdf96596776afdb6377ac434c1c293ccb04",
                    "8da4e775a563c18f715f802a063c5a31b8a11f5c5ee1879ec3454e5f3c738d2d9d201395faa4b61a96c8"));

    @Test
    void rfc5869Vectors() {
        for (Vector v : RFC_5869) {
            byte[] ikm = Hex.decode(v.ikm());
            byte[] salt = Hex.decode(v.salt());
            byte[] info = Hex.decode(v.info());
            assertThat(Hex.encode(Hkdf.extract(salt, ikm))).as(v.name()).isEqualTo(v.prk());
            assertThat(Hex.encode(Hkdf.expand(Hex.decode(v.prk()), info, v.length()))).as(v.name()).isEqualTo(v.okm());
            assertThat(Hex.encode(Hkdf.derive(ikm, salt, info, v.length()))).as(v.name()).isEqualTo(v.okm());
        }
    }

    @Test
    void vectorsAgreeWithBouncyCastlesIndependentHkdf() {
        for (Vector v : RFC_5869) {
            HKDFBytesGenerator generator = new HKDFBytesGenerator(new SHA256Digest());
            generator.init(new HKDFParameters(Hex.decode(v.ikm()), Hex.decode(v.salt()), Hex.decode(v.info())));
            byte[] okm = new byte[v.length()];
            generator.generateBytes(okm, 0, okm.length);
            assertThat(Hex.encode(okm)).as(v.name()).isEqualTo(v.okm());
        }
        // The sequences of A.2 are 80 bytes each, as the RFC lists them.
        assertThat(Hex.decode(RFC_5869.get(1).ikm())).hasSize(80).startsWith(0x00).endsWith(0x4f);
        assertThat(Hex.decode(RFC_5869.get(1).info())).hasSize(80).startsWith(0xb0).endsWith(0xff);
    }

    @Test
    void missingSaltMeansHashLengthZeros() {
        byte[] ikm = Hex.decode(RFC_5869.get(2).ikm());
        String expected = RFC_5869.get(2).okm();
        assertThat(Hex.encode(Hkdf.derive(ikm, null, new byte[0], 42))).isEqualTo(expected);
        assertThat(Hex.encode(Hkdf.derive(ikm, new byte[0], new byte[0], 42))).isEqualTo(expected);
        assertThat(Hex.encode(Hkdf.derive(ikm, new byte[32], new byte[0], 42))).isEqualTo(expected);
    }

    @Test
    void longestOutputMatchesBouncyCastle() {
        byte[] ikm = "shared secret".getBytes(StandardCharsets.US_ASCII);
        byte[] salt = "salt".getBytes(StandardCharsets.US_ASCII);
        byte[] info = "clinicledger/test".getBytes(StandardCharsets.US_ASCII);
        HKDFBytesGenerator generator = new HKDFBytesGenerator(new SHA256Digest());
        generator.init(new HKDFParameters(ikm, salt, info));
        byte[] expected = new byte[Hkdf.MAX_LENGTH];
        generator.generateBytes(expected, 0, expected.length);
        assertThat(Hkdf.derive(ikm, salt, info, Hkdf.MAX_LENGTH)).isEqualTo(expected);
        // A shorter output is a prefix of a longer one with the same inputs.
        assertThat(expected).startsWith(Hkdf.derive(ikm, salt, info, 33));
    }

    @Test
    void differentInfoGivesUnrelatedKeys() {
        byte[] ikm = new byte[32];
        byte[] a = Hkdf.derive(ikm, null, "record 1".getBytes(StandardCharsets.US_ASCII), 32);
        byte[] b = Hkdf.derive(ikm, null, "record 2".getBytes(StandardCharsets.US_ASCII), 32);
        byte[] c = Hkdf.derive(ikm, "x".getBytes(StandardCharsets.US_ASCII), "record 1".getBytes(StandardCharsets.US_ASCII), 32);
        assertThat(a).isNotEqualTo(b).isNotEqualTo(c);
    }

    @Test
    void lengthAndArgumentsAreChecked() {
        for (int length : new int[] {-1, 0, Hkdf.MAX_LENGTH + 1}) {
            assertThatThrownBy(() -> Hkdf.derive(new byte[1], null, new byte[0], length)).as("%d", length)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("8160");
        }
        assertThat(Hkdf.derive(new byte[0], null, new byte[0], 1)).hasSize(1);
        assertThatThrownBy(() -> Hkdf.derive(null, null, new byte[0], 32)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> Hkdf.derive(new byte[1], null, null, 32)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> Hkdf.expand(new byte[31], new byte[0], 32)).isInstanceOf(IllegalArgumentException.class);
    }

    private static String sequence(int from, int to) {
        StringBuilder hex = new StringBuilder();
        for (int b = from; b <= to; b++) {
            hex.append(String.format("%02x", b));
        }
        return hex.toString();
    }
}
