package org.clinicledger.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;

import org.junit.jupiter.api.Test;

/**
 * Known answers from the C2SP signed-note spec's reference implementation
 * ({@code golang.org/x/mod/sumdb/note}, package documentation and {@code note_test.go}): the key
 * "PeterNeumann", its verifier key and the note it signs.
 */
class SignedNoteTest {

    private static final String VERIFIER_KEY = "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW";
    /** The private key of {@code PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALV…}: 0x01 then the seed. */
    private static final byte[] SEED = Arrays.copyOfRange(
            Base64.getDecoder().decode("AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz"), 1, 33);
    private static final String TEXT = "If you think cryptography is the answer to your problem,\n"
            + "then you don't know what your problem is.\n";
    private static final String NOTE = TEXT + "\n\u2014 PeterNeumann "
            + "x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n";

    @Test
    void theVerifierKeyOfTheSpecsKeyIsItsPublishedOne() {
        SignedNote.VerifierKey key = SignedNote.VerifierKey.of("PeterNeumann", Ed25519.publicKey(SEED));

        assertThat(key.encoded()).isEqualTo(VERIFIER_KEY);
        assertThat(Hex.encode(key.keyHash())).isEqualTo("c74f20a3");
        assertThat(SignedNote.VerifierKey.parse(VERIFIER_KEY)).isEqualTo(key);
    }

    @Test
    void signingTheSpecsTextGivesThePublishedNoteByteForByte() {
        SignedNote.VerifierKey key = SignedNote.VerifierKey.parse(VERIFIER_KEY);

        assertThat(SignedNote.sign(TEXT, key, message -> Ed25519.sign(SEED, message))).isEqualTo(NOTE);
    }

    @Test
    void thePublishedNoteOpensUnderItsKeyAndNoOther() {
        assertThat(SignedNote.open(bytes(NOTE), SignedNote.VerifierKey.parse(VERIFIER_KEY))).isEqualTo(TEXT);

        SignedNote.VerifierKey other = SignedNote.VerifierKey.of("PeterNeumann", Ed25519.publicKey(new byte[32]));
        assertThatThrownBy(() -> SignedNote.open(bytes(NOTE), other)).isInstanceOf(IllegalArgumentException.class);
        SignedNote.VerifierKey renamed = SignedNote.VerifierKey.of("Peter", Ed25519.publicKey(SEED));
        assertThatThrownBy(() -> SignedNote.open(bytes(NOTE), renamed)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aChangedTextOrSignatureNoLongerOpens() {
        SignedNote.VerifierKey key = SignedNote.VerifierKey.parse(VERIFIER_KEY);
        assertThatThrownBy(() -> SignedNote.open(bytes(NOTE.replace("cryptography", "cryptographY")), key))
                .hasMessageContaining("no valid signature");
        assertThatThrownBy(() -> SignedNote.open(bytes(NOTE.replace("x08go", "x08gp")), key))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void everySingleByteChangeOfTheNoteIsRefused() {
        SignedNote.VerifierKey key = SignedNote.VerifierKey.parse(VERIFIER_KEY);
        byte[] note = bytes(NOTE);
        for (int i = 0; i < note.length; i++) {
            for (int bit = 0; bit < 8; bit++) {
                byte[] changed = note.clone();
                changed[i] ^= (byte) (1 << bit);
                try {
                    String opened = SignedNote.open(changed, key);
                    // Only a change the spec ignores may still open: none exists in this note's bytes.
                    throw new AssertionError("byte " + i + " bit " + bit + " opened as " + opened);
                } catch (IllegalArgumentException refused) {
                    assertThat(refused.getMessage()).isNotBlank();
                }
            }
        }
    }

    @Test
    void aSecondSignatureByAnotherKeyDoesNotStopTheFirstFromVerifying() {
        SignedNote.VerifierKey other = SignedNote.VerifierKey.of("Other", Ed25519.publicKey(new byte[32]));
        String twice = NOTE + SignedNote.signatureLine(other, Ed25519.sign(new byte[32], bytes(TEXT)));

        assertThat(SignedNote.parse(bytes(twice)).signatures()).hasSize(2);
        assertThat(SignedNote.open(bytes(twice), SignedNote.VerifierKey.parse(VERIFIER_KEY))).isEqualTo(TEXT);
        assertThat(SignedNote.open(bytes(twice), other)).isEqualTo(TEXT);
    }

    @Test
    void malformedNotesAndKeysAreRefusedWithAReason() {
        for (String note : new String[] {"", "text\n", "text\n\n", "text\n\n\u2014 \n", "text\n\n- Peter AAAA\n",
                "text\n\n\u2014 Peter !!!!\n", "text\n\n\u2014 Peter AAAA", "te\u0000xt\n\n\u2014 Peter AAAAAAAA\n",
                "text\n\n\u2014 Peter AAAA\n"}) {
            assertThatThrownBy(() -> SignedNote.parse(bytes(note))).as(note)
                    .isInstanceOf(IllegalArgumentException.class).message().isNotBlank();
        }
        assertThatThrownBy(() -> SignedNote.parse(new byte[] {'a', '\n', '\n', (byte) 0xC3}))
                .hasMessageContaining("UTF-8");
        assertThatThrownBy(() -> SignedNote.parse(new byte[SignedNote.MAX_BYTES + 1])).hasMessageContaining("larger");
        for (String key : new String[] {"", "PeterNeumann", "PeterNeumann+c74f20a4+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW",
                "PeterNeumann+c74f20a3+AhpcQcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW", "Peter Neumann+c74f20a3+ARpc",
                "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW+x"}) {
            assertThatThrownBy(() -> SignedNote.VerifierKey.parse(key)).as(key)
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void theSpecsCheckpointBodyRoundTrips() {
        byte[] root = Sha256.digest(new byte[0]);
        String text = "example.com/log\n1\n" + Base64.getEncoder().encodeToString(root) + "\n";

        TlogCheckpoint checkpoint = TlogCheckpoint.parse(text);

        assertThat(checkpoint.origin()).isEqualTo("example.com/log");
        assertThat(checkpoint.size()).isEqualTo(1);
        assertThat(checkpoint.root()).isEqualTo(root);
        assertThat(checkpoint.text()).isEqualTo(text);
        assertThat(TlogCheckpoint.parse(text + "extension line\n").size()).isEqualTo(1);
        for (String bad : new String[] {"", "o\n1\n", "o\n01\n" + b64(root) + "\n", "o\n-1\n" + b64(root) + "\n",
                "o\n1\n" + b64(root), "o o\n1\n" + b64(root) + "\n", "o\n1\nAAAA\n", "o\n99999999999999999999\n"
                        + b64(root) + "\n", "o\n1\n" + b64(root).replace("=", "") + "\n"}) {
            assertThatThrownBy(() -> TlogCheckpoint.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }

    private static String b64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
