package org.clinicledger.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class KeyWrapTest {

    private static final SecureRandom RANDOM = new SecureRandom();

    // The known-answer case: RFC 7748 §6.1's Alice as the ephemeral key, Bob as the recipient.
    private static final byte[] CONTENT_KEY = sequence(0x00, 32);
    private static final byte[] NONCE = sequence(0x00, 12);
    private static final byte[] CONTEXT = "record 3f2a9c/version 2".getBytes(StandardCharsets.US_ASCII);

    // The wrapped key of that case. Computed outside this code base with Python's "cryptography"
    // package (OpenSSL's X25519, HKDF and AES-GCM) from the construction as KeyWrap documents it;
    // the test below also recomputes it from the JDK's primitives.
    private static final String KNOWN_ANSWER = ""
            + "8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a"   // ephemeral public (Alice)
            + "000102030405060708090a0b"                                           // nonce
            + "0d5392faa75c48f4fe37ca0d4dc954102114ad06804bc162840f601ab9cfbe2a"   // content key, encrypted
            + "fb0b2543f7e00bf8f03fedde4eed21d8";                                  // tag

    @Test
    void knownAnswerPinsTheConstruction() throws Exception {
        X25519.KeyPair ephemeral = X25519.KeyPair.fromPrivate(Hex.decode(X25519Test.ALICE_PRIVATE));
        X25519.KeyPair recipient = X25519.KeyPair.fromPrivate(Hex.decode(X25519Test.BOB_PRIVATE));
        KeyWrap.WrappedKey wrapped = KeyWrap.wrap(CONTENT_KEY, recipient.publicKey(), CONTEXT, ephemeral, NONCE);
        assertThat(Hex.encode(wrapped.encoded())).isEqualTo(KNOWN_ANSWER);
        assertThat(Hex.encode(independentWrap())).isEqualTo(KNOWN_ANSWER);
        assertThat(KeyWrap.unwrap(KeyWrap.WrappedKey.decode(Hex.decode(KNOWN_ANSWER)), recipient, CONTEXT))
                .isEqualTo(CONTENT_KEY);
    }

    /**
     * The construction rebuilt from the RFC primitives without KeyWrap, X25519 or Aead: X25519 by the
     * JDK's XDH, HKDF-SHA256 by {@link Hkdf} (pinned to RFC 5869 in HkdfTest), AES-256-GCM by the JDK.
     */
    private static byte[] independentWrap() throws Exception {
        byte[] ephemeralPublic = Hex.decode(X25519Test.ALICE_PUBLIC);
        byte[] recipientPublic = Hex.decode(X25519Test.BOB_PUBLIC);
        byte[] shared = X25519Test.jdkAgree(Hex.decode(X25519Test.ALICE_PRIVATE), recipientPublic);
        // RFC 7748 §6.1 gives this very shared secret.
        assertThat(Hex.encode(shared)).isEqualTo(X25519Test.SHARED);
        ByteArrayOutputStream salt = new ByteArrayOutputStream();
        salt.write(ephemeralPublic);
        salt.write(recipientPublic);
        ByteArrayOutputStream info = new ByteArrayOutputStream();
        info.write("clinicledger/key-wrap/v1".getBytes(StandardCharsets.US_ASCII));
        info.write(0x00);
        info.write(CONTEXT);
        byte[] wrappingKey = Hkdf.derive(shared, salt.toByteArray(), info.toByteArray(), 32);
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(wrappingKey, "AES"), new GCMParameterSpec(128, NONCE));
        cipher.updateAAD(CONTEXT);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(ephemeralPublic);
        out.write(NONCE);
        out.write(cipher.doFinal(CONTENT_KEY));
        return out.toByteArray();
    }

    @Test
    void roundTrip() throws Exception {
        X25519.KeyPair recipient = X25519.KeyPair.generate(RANDOM);
        byte[] contentKey = Aead.newKey(RANDOM);
        KeyWrap.WrappedKey wrapped = KeyWrap.wrap(contentKey, recipient.publicKey(), CONTEXT, RANDOM);
        byte[] encoded = wrapped.encoded();
        assertThat(encoded).hasSize(KeyWrap.WrappedKey.ENCODED_LENGTH).hasSize(32 + 12 + 48);
        KeyWrap.WrappedKey decoded = KeyWrap.WrappedKey.decode(encoded);
        assertThat(decoded).isEqualTo(wrapped).hasSameHashCodeAs(wrapped);
        assertThat(KeyWrap.unwrap(decoded, recipient, CONTEXT)).isEqualTo(contentKey);
        assertThat(KeyWrap.unwrap(wrapped, recipient, CONTEXT.clone())).isEqualTo(contentKey);
        // An empty context is allowed, and is a context like any other.
        KeyWrap.WrappedKey unbound = KeyWrap.wrap(contentKey, recipient.publicKey(), new byte[0], RANDOM);
        assertThat(KeyWrap.unwrap(unbound, recipient, new byte[0])).isEqualTo(contentKey);
        assertThat(unwraps(unbound, recipient, CONTEXT)).isFalse();
    }

    @Test
    void eachWrapUsesAFreshEphemeralKeyAndNonce() throws Exception {
        X25519.KeyPair recipient = X25519.KeyPair.generate(RANDOM);
        byte[] contentKey = Aead.newKey(RANDOM);
        KeyWrap.WrappedKey first = KeyWrap.wrap(contentKey, recipient.publicKey(), CONTEXT, RANDOM);
        KeyWrap.WrappedKey second = KeyWrap.wrap(contentKey, recipient.publicKey(), CONTEXT, RANDOM);
        assertThat(first.ephemeralPublicKey()).isNotEqualTo(second.ephemeralPublicKey());
        assertThat(first.sealed()).isNotEqualTo(second.sealed());
        assertThat(KeyWrap.unwrap(first, recipient, CONTEXT)).isEqualTo(KeyWrap.unwrap(second, recipient, CONTEXT));
    }

    @Test
    void wrongRecipientIsRejected() {
        X25519.KeyPair recipient = X25519.KeyPair.generate(RANDOM);
        X25519.KeyPair someoneElse = X25519.KeyPair.generate(RANDOM);
        KeyWrap.WrappedKey wrapped = KeyWrap.wrap(Aead.newKey(RANDOM), recipient.publicKey(), CONTEXT, RANDOM);
        assertThatThrownBy(() -> KeyWrap.unwrap(wrapped, someoneElse, CONTEXT))
                .isExactlyInstanceOf(AuthenticationFailedException.class)
                .hasMessage("The data failed its integrity check");
        assertThat(unwraps(wrapped, recipient, CONTEXT)).isTrue();
    }

    @Test
    void wrongContextIsRejected() {
        X25519.KeyPair recipient = X25519.KeyPair.generate(RANDOM);
        KeyWrap.WrappedKey wrapped = KeyWrap.wrap(Aead.newKey(RANDOM), recipient.publicKey(), CONTEXT, RANDOM);
        List<byte[]> wrongContexts = List.of(
                "record 3f2a9c/version 3".getBytes(StandardCharsets.US_ASCII),
                "record 3f2a9d/version 2".getBytes(StandardCharsets.US_ASCII),
                Arrays.copyOf(CONTEXT, CONTEXT.length - 1),
                Arrays.copyOf(CONTEXT, CONTEXT.length + 1),
                new byte[0]);
        for (byte[] context : wrongContexts) {
            assertThat(unwraps(wrapped, recipient, context)).as(new String(context, StandardCharsets.US_ASCII)).isFalse();
        }
        for (int bit = 0; bit < CONTEXT.length * 8; bit++) {
            assertThat(unwraps(wrapped, recipient, flip(CONTEXT, bit))).as("context bit %d", bit).isFalse();
        }
    }

    @Test
    void everyFlippedBitOfTheWrappedKeyIsRejected() {
        X25519.KeyPair recipient = X25519.KeyPair.fromPrivate(Hex.decode(X25519Test.BOB_PRIVATE));
        byte[] encoded = Hex.decode(KNOWN_ANSWER);
        List<Integer> accepted = new ArrayList<>();
        for (int bit = 0; bit < encoded.length * 8; bit++) {
            if (unwraps(KeyWrap.WrappedKey.decode(flip(encoded, bit)), recipient, CONTEXT)) {
                accepted.add(bit);
            }
        }
        // Bit 255 is the top bit of the ephemeral public key, which X25519 ignores (RFC 7748 §5), so
        // the shared secret is unchanged; it still fails because the key is also in the HKDF salt.
        assertThat(accepted).isEmpty();
        assertThat(unwraps(KeyWrap.WrappedKey.decode(encoded), recipient, CONTEXT)).isTrue();
    }

    @Test
    void smallOrderKeysAreRefused() {
        X25519.KeyPair recipient = X25519.KeyPair.generate(RANDOM);
        byte[] sealed = KeyWrap.wrap(Aead.newKey(RANDOM), recipient.publicKey(), CONTEXT, RANDOM).sealed();
        for (String point : X25519Test.SMALL_ORDER) {
            // Wrapping for a degenerate recipient would hand the content key to anyone.
            assertThatThrownBy(() -> KeyWrap.wrap(new byte[32], Hex.decode(point), CONTEXT, RANDOM)).as(point)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("small order");
            // A wrapped key whose ephemeral key was swapped for one is simply not authentic.
            KeyWrap.WrappedKey forged = new KeyWrap.WrappedKey(Hex.decode(point), sealed);
            assertThat(unwraps(forged, recipient, CONTEXT)).as(point).isFalse();
        }
    }

    @Test
    void lengthsAndArgumentsAreChecked() {
        byte[] recipientPublic = X25519.KeyPair.generate(RANDOM).publicKey();
        for (int length : new int[] {0, 16, 31, 33}) {
            assertThatThrownBy(() -> KeyWrap.wrap(new byte[length], recipientPublic, CONTEXT, RANDOM)).as("%d", length)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("32 bytes");
            assertThatThrownBy(() -> KeyWrap.wrap(new byte[32], new byte[length], CONTEXT, RANDOM)).as("%d", length)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("32 bytes");
        }
        for (int length : new int[] {0, 91, 93, 124}) {
            assertThatThrownBy(() -> KeyWrap.WrappedKey.decode(new byte[length])).as("%d", length)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("92 bytes");
        }
        assertThatThrownBy(() -> new KeyWrap.WrappedKey(new byte[31], new byte[60])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new KeyWrap.WrappedKey(new byte[32], new byte[59])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> KeyWrap.wrap(null, recipientPublic, CONTEXT, RANDOM)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> KeyWrap.wrap(new byte[32], recipientPublic, null, RANDOM)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> KeyWrap.wrap(new byte[32], recipientPublic, CONTEXT, null)).isInstanceOf(NullPointerException.class);
        KeyWrap.WrappedKey wrapped = KeyWrap.WrappedKey.decode(Hex.decode(KNOWN_ANSWER));
        X25519.KeyPair recipient = X25519.KeyPair.fromPrivate(Hex.decode(X25519Test.BOB_PRIVATE));
        assertThatThrownBy(() -> KeyWrap.unwrap(wrapped, recipient, null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> KeyWrap.unwrap(null, recipient, CONTEXT)).isInstanceOf(NullPointerException.class);
        recipient.destroy();
        assertThatThrownBy(() -> KeyWrap.unwrap(wrapped, recipient, CONTEXT)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void wrappedKeyKeepsItsOwnCopies() {
        byte[] encoded = Hex.decode(KNOWN_ANSWER);
        KeyWrap.WrappedKey wrapped = KeyWrap.WrappedKey.decode(encoded);
        encoded[0] ^= 1;
        wrapped.ephemeralPublicKey()[0] ^= 1;
        wrapped.sealed()[0] ^= 1;
        assertThat(Hex.encode(wrapped.encoded())).isEqualTo(KNOWN_ANSWER);
        assertThat(wrapped.toString()).contains(X25519Test.ALICE_PUBLIC);
    }

    private static boolean unwraps(KeyWrap.WrappedKey wrapped, X25519.KeyPair recipient, byte[] context) {
        try {
            KeyWrap.unwrap(wrapped, recipient, context);
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

    private static byte[] sequence(int from, int length) {
        byte[] out = new byte[length];
        for (int i = 0; i < length; i++) {
            out[i] = (byte) (from + i);
        }
        return out;
    }
}
