package org.clinicledger.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.modes.GCMBlockCipher;
import org.bouncycastle.crypto.modes.GCMModeCipher;
import org.bouncycastle.crypto.params.AEADParameters;
import org.bouncycastle.crypto.params.KeyParameter;
import org.junit.jupiter.api.Test;

class AeadTest {

    /** A test case of the GCM specification. */
    private record Vector(String name, String key, String nonce, String plaintext, String aad,
            String ciphertext, String tag) {
    }

    // McGrew and Viega, "The Galois/Counter Mode of Operation (GCM)", revised 2005, Appendix B:
    // Test Cases 13 to 16, the 256-bit-key cases with a 96-bit IV (NIST's proposed-modes GCM spec,
    // the source of SP 800-38D). Case 16 has associated data; case 13 an empty plaintext.
    private static final String SPEC_KEY = "feffe9928665731c6d6a8f9467308308feffe9928665731c6d6a8f9467308308";
    private static final String SPEC_NONCE = "cafebabefacedbaddecaf888";
    private static final String SPEC_PLAINTEXT = "d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a72"
            + "1c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b391aafd255";
    private static final String SPEC_CIPHERTEXT = "522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa"
            + "8cb08e48590dbb3da7b08b1056828838c5f61e6393ba7a0abcc9f662898015ad";
    private static final List<Vector> GCM_SPEC = List.of(
            new Vector("Test Case 13", "00".repeat(32), "00".repeat(12), "", "",
                    "", "530f8afbc74536b9a963b4f1c4cb738b"),
            new Vector("Test Case 14", "00".repeat(32), "00".repeat(12), "00".repeat(16), "",
                    "cea7403d4d606b6e074ec5d3baf39d18", "d0d1c8a799996bf0265b98b5d48ab919"),
            new Vector("Test Case 15", SPEC_KEY, SPEC_NONCE, SPEC_PLAINTEXT, "",
                    SPEC_CIPHERTEXT, "b094dac5d93471bdec1a502270e3cc6c"),
            new Vector("Test Case 16", SPEC_KEY, SPEC_NONCE, SPEC_PLAINTEXT.substring(0, 120),
                    "feedfacedeadbeeffeedfacedeadbeefabaddad2",
                    SPEC_CIPHERTEXT.substring(0, 120), "76fc6ece0f4e1768cddf8853bb2d551b"));

    private static final SecureRandom RANDOM = new SecureRandom();

    @Test
    void gcmSpecificationVectors() throws Exception {
        for (Vector v : GCM_SPEC) {
            byte[] key = Hex.decode(v.key());
            byte[] plaintext = Hex.decode(v.plaintext());
            byte[] aad = Hex.decode(v.aad());
            Aead.Sealed sealed = Aead.sealWithNonce(key, Hex.decode(v.nonce()), plaintext, aad);
            assertThat(Hex.encode(sealed.nonce())).as(v.name()).isEqualTo(v.nonce());
            assertThat(Hex.encode(sealed.ciphertextWithTag())).as(v.name()).isEqualTo(v.ciphertext() + v.tag());
            assertThat(Hex.encode(sealed.encoded())).as(v.name()).isEqualTo(v.nonce() + v.ciphertext() + v.tag());
            Aead.Sealed stored = Aead.Sealed.decode(Hex.decode(v.nonce() + v.ciphertext() + v.tag()));
            assertThat(Aead.open(key, stored, aad)).as(v.name()).isEqualTo(plaintext);
            assertThat(Aead.openEncoded(key, Hex.decode(v.nonce() + v.ciphertext() + v.tag()), aad)).as(v.name())
                    .isEqualTo(plaintext);
        }
    }

    @Test
    void theEncodedFormRefusesACutSealAndLeavesItsInputAsItWas() {
        Vector v = GCM_SPEC.get(3);
        byte[] key = Hex.decode(v.key());
        byte[] aad = Hex.decode(v.aad());
        byte[] encoded = Hex.decode(v.nonce() + v.ciphertext() + v.tag());
        assertThatThrownBy(() -> Aead.openEncoded(key, Arrays.copyOf(encoded, Aead.OVERHEAD - 1), aad))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Aead.openEncoded(key, Arrays.copyOf(encoded, encoded.length - 1), aad))
                .isInstanceOf(AuthenticationFailedException.class);
        assertThat(encoded).as("left as it was").isEqualTo(Hex.decode(v.nonce() + v.ciphertext() + v.tag()));
    }

    @Test
    void vectorsAgreeWithBouncyCastlesIndependentGcm() throws Exception {
        // A second, unrelated GCM implementation gives the same bytes, so the vectors were read right.
        for (Vector v : GCM_SPEC) {
            GCMModeCipher gcm = GCMBlockCipher.newInstance(AESEngine.newInstance());
            gcm.init(true, new AEADParameters(new KeyParameter(Hex.decode(v.key())), 128,
                    Hex.decode(v.nonce()), Hex.decode(v.aad())));
            byte[] plaintext = Hex.decode(v.plaintext());
            byte[] out = new byte[gcm.getOutputSize(plaintext.length)];
            int n = gcm.processBytes(plaintext, 0, plaintext.length, out, 0);
            gcm.doFinal(out, n);
            assertThat(Hex.encode(out)).as(v.name()).isEqualTo(v.ciphertext() + v.tag());
        }
        // Test Case 16 is Test Case 15 cut to 60 bytes, with associated data.
        assertThat(Hex.decode(GCM_SPEC.get(3).plaintext())).hasSize(60);
        assertThat(Hex.decode(GCM_SPEC.get(3).ciphertext())).hasSize(60);
    }

    @Test
    void everyFlippedBitIsRejected() {
        Vector v = GCM_SPEC.get(3);
        byte[] key = Hex.decode(v.key());
        byte[] aad = Hex.decode(v.aad());
        byte[] encoded = Hex.decode(v.nonce() + v.ciphertext() + v.tag());
        List<String> accepted = new ArrayList<>();
        // The encoded form covers the nonce (bits 0-95), the ciphertext and the tag (the last 128 bits).
        for (int bit = 0; bit < encoded.length * 8; bit++) {
            if (opens(key, Aead.Sealed.decode(flip(encoded, bit)), aad)) {
                accepted.add("encoded bit " + bit);
            }
            if (opensEncoded(key, flip(encoded, bit), aad)) {
                accepted.add("encoded bit " + bit + ", opened in place");
            }
        }
        for (int bit = 0; bit < aad.length * 8; bit++) {
            if (opens(key, Aead.Sealed.decode(encoded), flip(aad, bit))) {
                accepted.add("associated data bit " + bit);
            }
        }
        for (int bit = 0; bit < key.length * 8; bit++) {
            if (opens(flip(key, bit), Aead.Sealed.decode(encoded), aad)) {
                accepted.add("key bit " + bit);
            }
        }
        assertThat(accepted).isEmpty();
        assertThat(opens(key, Aead.Sealed.decode(encoded), aad)).isTrue();
    }

    @Test
    void addedRemovedOrMissingBytesAreRejected() {
        byte[] key = Aead.newKey(RANDOM);
        byte[] aad = "record 17 version 3".getBytes(StandardCharsets.US_ASCII);
        byte[] encoded = Aead.seal(key, new byte[40], aad, RANDOM).encoded();
        assertThat(opens(key, Aead.Sealed.decode(Arrays.copyOf(encoded, encoded.length - 1)), aad)).isFalse();
        assertThat(opens(key, Aead.Sealed.decode(Arrays.copyOf(encoded, encoded.length + 1)), aad)).isFalse();
        assertThat(opens(key, Aead.Sealed.decode(Arrays.copyOf(encoded, Aead.OVERHEAD)), aad)).isFalse();
        assertThat(opens(key, Aead.Sealed.decode(encoded), Arrays.copyOf(aad, aad.length + 1))).isFalse();
        assertThat(opens(key, Aead.Sealed.decode(encoded), Arrays.copyOf(aad, aad.length - 1))).isFalse();
        assertThat(opens(key, Aead.Sealed.decode(encoded), new byte[0])).isFalse();
        assertThat(opens(Aead.newKey(RANDOM), Aead.Sealed.decode(encoded), aad)).isFalse();
        assertThat(opens(key, Aead.Sealed.decode(encoded), aad)).isTrue();
    }

    @Test
    void failureSaysOnlyThatTheIntegrityCheckFailed() {
        byte[] key = Aead.newKey(RANDOM);
        Aead.Sealed sealed = Aead.seal(key, "diagnosis".getBytes(StandardCharsets.UTF_8), new byte[0], RANDOM);
        assertThatThrownBy(() -> Aead.open(key, sealed, new byte[] {1}))
                .isExactlyInstanceOf(AuthenticationFailedException.class)
                .hasMessage("The data failed its integrity check")
                .hasNoCause();
        assertThat(AuthenticationFailedException.MESSAGE).isEqualTo("The data failed its integrity check");
    }

    @Test
    void noncesDifferAcrossTenThousandSeals() {
        byte[] key = Aead.newKey(RANDOM);
        Set<String> nonces = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            nonces.add(Hex.encode(Aead.seal(key, new byte[0], new byte[0], RANDOM).nonce()));
        }
        assertThat(nonces).hasSize(10_000);
    }

    @Test
    void sealingTheSameMessageTwiceGivesDifferentCiphertexts() throws Exception {
        byte[] key = Aead.newKey(RANDOM);
        byte[] plaintext = "allergy: penicillin".getBytes(StandardCharsets.UTF_8);
        byte[] aad = "patient 9".getBytes(StandardCharsets.UTF_8);
        Aead.Sealed first = Aead.seal(key, plaintext, aad, RANDOM);
        Aead.Sealed second = Aead.seal(key, plaintext, aad, RANDOM);
        assertThat(first).isNotEqualTo(second);
        assertThat(first.ciphertextWithTag()).isNotEqualTo(second.ciphertextWithTag());
        assertThat(Aead.open(key, first, aad)).isEqualTo(plaintext);
        assertThat(Aead.open(key, second, aad)).isEqualTo(plaintext);
        assertThat(first.encoded()).hasSize(plaintext.length + Aead.OVERHEAD);
    }

    @Test
    void emptyPlaintextRoundTrips() throws Exception {
        byte[] key = Aead.newKey(RANDOM);
        byte[] aad = "header".getBytes(StandardCharsets.US_ASCII);
        Aead.Sealed sealed = Aead.seal(key, new byte[0], aad, RANDOM);
        assertThat(sealed.ciphertextWithTag()).hasSize(Aead.TAG_LENGTH);
        byte[] encoded = sealed.encoded();
        assertThat(encoded).hasSize(Aead.OVERHEAD);
        assertThat(Aead.open(key, Aead.Sealed.decode(encoded), aad)).isEmpty();
        assertThat(opens(key, Aead.Sealed.decode(encoded), new byte[0])).isFalse();
    }

    @Test
    void keysThatAreNot32BytesAreRefused() {
        Aead.Sealed sealed = Aead.seal(new byte[32], new byte[1], new byte[0], RANDOM);
        for (int length : new int[] {0, 16, 24, 31, 33, 64}) {
            assertThatThrownBy(() -> Aead.seal(new byte[length], new byte[1], new byte[0], RANDOM)).as("%d", length)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("32 bytes");
            assertThatThrownBy(() -> Aead.open(new byte[length], sealed, new byte[0])).as("%d", length)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("32 bytes");
        }
        assertThatThrownBy(() -> Aead.seal(null, new byte[1], new byte[0], RANDOM)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> Aead.seal(new byte[32], null, new byte[0], RANDOM)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> Aead.seal(new byte[32], new byte[1], null, RANDOM)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> Aead.seal(new byte[32], new byte[1], new byte[0], null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> Aead.open(new byte[32], null, new byte[0])).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> Aead.open(new byte[32], sealed, null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void decodeChecksTheLength() {
        for (int length : new int[] {0, 12, 27}) {
            assertThatThrownBy(() -> Aead.Sealed.decode(new byte[length])).as("%d", length)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 28 bytes");
        }
        assertThat(Aead.Sealed.decode(new byte[28]).ciphertextWithTag()).hasSize(16);
        assertThatThrownBy(() -> new Aead.Sealed(new byte[11], new byte[16])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Aead.Sealed(new byte[13], new byte[16])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Aead.Sealed(new byte[12], new byte[15])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Aead.Sealed.decode(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> Aead.sealWithNonce(new byte[32], new byte[11], new byte[0], new byte[0]))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void sealedKeepsItsOwnCopiesAndComparesByContent() {
        byte[] nonce = new byte[12];
        byte[] ciphertext = new byte[20];
        Aead.Sealed sealed = new Aead.Sealed(nonce, ciphertext);
        nonce[0] = 1;
        ciphertext[0] = 1;
        sealed.nonce()[1] = 1;
        sealed.ciphertextWithTag()[1] = 1;
        assertThat(sealed.nonce()).containsOnly(0);
        assertThat(sealed.ciphertextWithTag()).containsOnly(0);
        assertThat(sealed.encoded()).containsOnly(0).hasSize(32);
        Aead.Sealed same = Aead.Sealed.decode(new byte[32]);
        assertThat(sealed).isEqualTo(same).hasSameHashCodeAs(same);
        assertThat(sealed).isNotEqualTo(Aead.Sealed.decode(new byte[33]));
        assertThat(sealed.toString()).contains("20 bytes");
    }

    @Test
    void newKeysAre32RandomBytes() {
        byte[] first = Aead.newKey(RANDOM);
        byte[] second = Aead.newKey(RANDOM);
        assertThat(first).hasSize(Aead.KEY_LENGTH);
        assertThat(first).isNotEqualTo(second);
    }

    private static boolean opens(byte[] key, Aead.Sealed sealed, byte[] aad) {
        try {
            Aead.open(key, sealed, aad);
            return true;
        } catch (AuthenticationFailedException e) {
            return false;
        }
    }

    private static boolean opensEncoded(byte[] key, byte[] encoded, byte[] aad) {
        try {
            Aead.openEncoded(key, encoded, aad);
            return true;
        } catch (AuthenticationFailedException e) {
            return false;
        }
    }

    private static byte[] flip(byte[] bytes, int bit) {
        byte[] copy = bytes.clone();
        copy[bit / 8] ^= (byte) (1 << (bit % 8));
        return copy;
    }
}
