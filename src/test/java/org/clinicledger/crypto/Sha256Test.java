package org.clinicledger.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class Sha256Test {

    // Known answers from FIPS 180-2, Appendix B (SHA-256 examples B.1, B.2, B.3), repeated in the
    // NIST CAVP "SHA Test Vectors for Hashing Byte-Oriented Messages"; the empty-message digest is
    // the CAVP SHA256ShortMsg.rsp entry for Len = 0.
    private static final String EMPTY = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
    private static final String ABC = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
    private static final String MSG_448 = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
    private static final String MSG_448_DIGEST = "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1";
    private static final String MSG_896 = "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmn"
            + "hijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu";
    private static final String MSG_896_DIGEST = "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1";
    private static final String MILLION_A_DIGEST = "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0";

    @Test
    void publishedVectors() {
        assertThat(hex(Sha256.digest(new byte[0]))).isEqualTo(EMPTY);
        assertThat(hex(Sha256.digest(ascii("abc")))).isEqualTo(ABC);
        assertThat(hex(Sha256.digest(ascii(MSG_448)))).isEqualTo(MSG_448_DIGEST);
        assertThat(hex(Sha256.digest(ascii(MSG_896)))).isEqualTo(MSG_896_DIGEST);
        byte[] millionA = new byte[1_000_000];
        Arrays.fill(millionA, (byte) 'a');
        assertThat(hex(Sha256.digest(millionA))).isEqualTo(MILLION_A_DIGEST);
    }

    @Test
    void millionAFedInUnevenPiecesGivesTheSameDigest() {
        Sha256 sha = new Sha256();
        byte[] chunk = new byte[997];
        Arrays.fill(chunk, (byte) 'a');
        int remaining = 1_000_000;
        while (remaining > 0) {
            int n = Math.min(remaining, chunk.length);
            sha.update(chunk, 0, n);
            remaining -= n;
        }
        assertThat(hex(sha.finish())).isEqualTo(MILLION_A_DIGEST);
    }

    @Test
    void partsAreHashedAsTheirConcatenation() {
        assertThat(hex(Sha256.digest(ascii("ab"), new byte[0], ascii("c")))).isEqualTo(ABC);
        assertThat(hex(Sha256.digest(new byte[0][]))).isEqualTo(EMPTY);
        assertThat(hex(Sha256.digest(ascii("abcdbcde"), ascii("cdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"))))
                .isEqualTo(MSG_448_DIGEST);
    }

    @Test
    void incrementalHashingMatchesOneShotForRandomSplits() {
        Random random = new Random(180_2);
        Sha256 sha = new Sha256();
        for (int trial = 0; trial < 200; trial++) {
            byte[] data = new byte[random.nextInt(300)];
            random.nextBytes(data);
            int cut = data.length == 0 ? 0 : random.nextInt(data.length + 1);
            sha.update(data, 0, cut);
            if (cut < data.length) {
                sha.update(data[cut]).update(data, cut + 1, data.length - cut - 1);
            }
            assertThat(sha.finish()).isEqualTo(Sha256.digest(data));
        }
    }

    @Test
    void finishStartsAfresh() {
        Sha256 sha = new Sha256();
        sha.update(ascii("not part of the next digest"));
        sha.finish();
        assertThat(hex(sha.update(ascii("abc")).finish())).isEqualTo(ABC);
        assertThat(hex(sha.finish())).isEqualTo(EMPTY);
    }

    @Test
    void streamIsReadToTheEnd() throws IOException {
        assertThat(hex(Sha256.digest(new ByteArrayInputStream(ascii(MSG_896))))).isEqualTo(MSG_896_DIGEST);
        byte[] big = new byte[200_000];
        new Random(7).nextBytes(big);
        assertThat(Sha256.digest(new ByteArrayInputStream(big))).isEqualTo(Sha256.digest(big));
    }

    @Test
    void oneShotResultsAreFreshArrays() {
        byte[] first = Sha256.digest(ascii("abc"));
        first[0] ^= 1;
        assertThat(hex(Sha256.digest(ascii("abc")))).isEqualTo(ABC);
    }

    @Test
    void refusesBadArguments() {
        assertThatThrownBy(() -> Sha256.digest((byte[]) null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> Sha256.digest(new byte[1], null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new Sha256().update(new byte[4], 2, 3))
                .isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> new Sha256().update(new byte[4], -1, 1))
                .isInstanceOf(IndexOutOfBoundsException.class);
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static String hex(byte[] bytes) {
        return Hex.encode(bytes);
    }
}
