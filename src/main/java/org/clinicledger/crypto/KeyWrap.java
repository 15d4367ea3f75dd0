package org.clinicledger.crypto;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Objects;

/**
 * Wraps a 32-byte content key for one recipient's X25519 public key, so that only the holder of
 * the matching private key can recover it, and only for the context it was wrapped for.
 *
 * <p>The construction is ECIES-style, close to HPKE's base mode (RFC 9180) but fixed to one suite
 * and without its labelled-extract framing:
 * <ol>
 *   <li>a fresh ephemeral X25519 key pair <i>e</i>;
 *   <li>{@code shared = X25519(e.private, recipientPublic)};
 *   <li>{@code wrappingKey = HKDF-SHA256(ikm = shared, salt = e.public || recipientPublic,
 *       info = "clinicledger/key-wrap/v1" || 0x00 || context, 32)};
 *   <li>{@code sealed = AES-256-GCM(wrappingKey, random nonce, plaintext = contentKey,
 *       associated data = context)}.
 * </ol>
 * The wrapped key is {@code e.public || nonce || ciphertext || tag}, 32 + 12 + 48 bytes.
 *
 * <p>Both public keys go into the salt so that the wrapping key belongs to this exact exchange
 * (as in RFC 9180's {@code kem_context}): a wrapped key cannot be re-aimed at another recipient.
 * The context, for example a record id and version, goes into both the key derivation and the
 * associated data, so a wrapped key copied onto another record, or another version of the same
 * record, does not open. The label and its 0x00 keep this derivation apart from any other use of
 * HKDF with the same secret, and let a future {@code v2} change the construction cleanly.
 *
 * <p>Every secret made on the way (the ephemeral private key, the shared secret, the wrapping key)
 * is wiped before returning.
 */
public final class KeyWrap {

    /** Length of the content key that is wrapped, in bytes: an {@link Aead} key. */
    public static final int CONTENT_KEY_LENGTH = Aead.KEY_LENGTH;

    /** The HKDF info label, the construction's name and version; the context follows after a 0x00. */
    static final String LABEL = "clinicledger/key-wrap/v1";

    private static final byte[] LABEL_BYTES = LABEL.getBytes(StandardCharsets.US_ASCII);

    private KeyWrap() {
    }

    /**
     * Wraps {@code contentKey} for the holder of {@code recipientPublicKey}, bound to {@code context}.
     *
     * @param contentKey the {@value #CONTENT_KEY_LENGTH}-byte key to wrap; the caller still owns and wipes it
     * @param recipientPublicKey the recipient's X25519 public key
     * @param context bytes that name where the key belongs (say, record id and version); unwrapping
     *     must present exactly the same bytes. May be empty, but then the key is bound to nothing.
     * @param random the source of the ephemeral key and the nonce
     * @throws IllegalArgumentException if the content key is not {@value #CONTENT_KEY_LENGTH} bytes,
     *     or the public key has the wrong length or is of small order
     */
    public static WrappedKey wrap(byte[] contentKey, byte[] recipientPublicKey, byte[] context, SecureRandom random) {
        Objects.requireNonNull(random, "random");
        checkArguments(contentKey, recipientPublicKey, context);
        X25519.KeyPair ephemeral = X25519.KeyPair.generate(random);
        byte[] nonce = new byte[Aead.NONCE_LENGTH];
        random.nextBytes(nonce);
        try {
            return wrap(contentKey, recipientPublicKey, context, ephemeral, nonce);
        } finally {
            ephemeral.destroy();
        }
    }

    /**
     * Wraps with a given ephemeral key pair and nonce. Package-private because reusing either
     * breaks the scheme; it exists so that a known-answer test can pin the construction.
     */
    static WrappedKey wrap(byte[] contentKey, byte[] recipientPublicKey, byte[] context,
            X25519.KeyPair ephemeral, byte[] nonce) {
        checkArguments(contentKey, recipientPublicKey, context);
        Objects.requireNonNull(ephemeral, "ephemeral");
        Objects.requireNonNull(nonce, "nonce");
        byte[] ephemeralPublicKey = ephemeral.publicKey();
        byte[] shared;
        try {
            shared = ephemeral.agree(recipientPublicKey);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the recipient's public key is of small order and cannot receive a key", e);
        }
        byte[] wrappingKey = wrappingKey(shared, ephemeralPublicKey, recipientPublicKey, context);
        try {
            Aead.Sealed sealed = Aead.sealWithNonce(wrappingKey, nonce, contentKey, context);
            return new WrappedKey(ephemeralPublicKey, sealed.encoded());
        } finally {
            Arrays.fill(wrappingKey, (byte) 0);
        }
    }

    /**
     * Recovers the content key from {@code wrapped} with the recipient's key pair. The caller
     * owns the returned key and must wipe it after use.
     *
     * @param context the same bytes that were given when wrapping
     * @throws AuthenticationFailedException if {@code recipient} is not the key pair it was wrapped
     *     for, {@code context} differs, or any bit of {@code wrapped} has been changed
     * @throws IllegalStateException if {@code recipient} has been destroyed
     */
    public static byte[] unwrap(WrappedKey wrapped, X25519.KeyPair recipient, byte[] context)
            throws AuthenticationFailedException {
        Objects.requireNonNull(wrapped, "wrapped");
        Objects.requireNonNull(recipient, "recipient");
        Objects.requireNonNull(context, "context");
        byte[] shared;
        try {
            shared = recipient.agree(wrapped.ephemeralPublicKey);
        } catch (IllegalArgumentException e) {
            // An honest wrap never sends a small-order ephemeral key, so this one was altered.
            throw new AuthenticationFailedException();
        }
        byte[] wrappingKey = wrappingKey(shared, wrapped.ephemeralPublicKey, recipient.publicKey(), context);
        try {
            // The sealed part's fixed length makes the plaintext exactly CONTENT_KEY_LENGTH bytes.
            return Aead.open(wrappingKey, Aead.Sealed.decode(wrapped.sealed), context);
        } finally {
            Arrays.fill(wrappingKey, (byte) 0);
        }
    }

    /** HKDF-SHA256 from the shared secret, which it wipes, to the AES key that seals the content key. */
    private static byte[] wrappingKey(byte[] shared, byte[] ephemeralPublicKey, byte[] recipientPublicKey,
            byte[] context) {
        byte[] salt = new byte[2 * X25519.PUBLIC_KEY_LENGTH];
        System.arraycopy(ephemeralPublicKey, 0, salt, 0, X25519.PUBLIC_KEY_LENGTH);
        System.arraycopy(recipientPublicKey, 0, salt, X25519.PUBLIC_KEY_LENGTH, X25519.PUBLIC_KEY_LENGTH);
        byte[] info = new byte[LABEL_BYTES.length + 1 + context.length];
        System.arraycopy(LABEL_BYTES, 0, info, 0, LABEL_BYTES.length);
        info[LABEL_BYTES.length] = 0x00;
        System.arraycopy(context, 0, info, LABEL_BYTES.length + 1, context.length);
        try {
            return Hkdf.derive(shared, salt, info, Aead.KEY_LENGTH);
        } finally {
            Arrays.fill(shared, (byte) 0);
        }
    }

    private static void checkArguments(byte[] contentKey, byte[] recipientPublicKey, byte[] context) {
        Objects.requireNonNull(contentKey, "contentKey");
        Objects.requireNonNull(recipientPublicKey, "recipientPublicKey");
        Objects.requireNonNull(context, "context");
        if (contentKey.length != CONTENT_KEY_LENGTH) {
            throw new IllegalArgumentException(
                    "content key must be " + CONTENT_KEY_LENGTH + " bytes, not " + contentKey.length);
        }
        if (recipientPublicKey.length != X25519.PUBLIC_KEY_LENGTH) {
            throw new IllegalArgumentException("X25519 public key must be " + X25519.PUBLIC_KEY_LENGTH
                    + " bytes, not " + recipientPublicKey.length);
        }
    }

    /**
     * A content key wrapped for one recipient: the ephemeral public key and the sealed content
     * key (nonce, ciphertext, tag). The record keeps its own copies and hands out copies; two are
     * equal when their bytes are.
     *
     * @param ephemeralPublicKey the sender's one-time X25519 public key, {@value X25519#PUBLIC_KEY_LENGTH} bytes
     * @param sealed the {@linkplain Aead.Sealed#encoded() encoded} seal of the content key,
     *     {@value #SEALED_LENGTH} bytes
     */
    public record WrappedKey(byte[] ephemeralPublicKey, byte[] sealed) {

        /** Length of the sealed part: nonce, the 32-byte key encrypted, and the tag. */
        public static final int SEALED_LENGTH = Aead.OVERHEAD + CONTENT_KEY_LENGTH;

        /** Length of the {@linkplain #encoded() encoded} form: 32 + 12 + 48 bytes. */
        public static final int ENCODED_LENGTH = X25519.PUBLIC_KEY_LENGTH + SEALED_LENGTH;

        /**
         * Checks the lengths and copies both arrays.
         *
         * @throws IllegalArgumentException if either part has the wrong length
         */
        public WrappedKey {
            Objects.requireNonNull(ephemeralPublicKey, "ephemeralPublicKey");
            Objects.requireNonNull(sealed, "sealed");
            if (ephemeralPublicKey.length != X25519.PUBLIC_KEY_LENGTH) {
                throw new IllegalArgumentException("a wrapped key's ephemeral public key must be "
                        + X25519.PUBLIC_KEY_LENGTH + " bytes, not " + ephemeralPublicKey.length);
            }
            if (sealed.length != SEALED_LENGTH) {
                throw new IllegalArgumentException("a wrapped key's sealed part must be "
                        + SEALED_LENGTH + " bytes, not " + sealed.length);
            }
            ephemeralPublicKey = ephemeralPublicKey.clone();
            sealed = sealed.clone();
        }

        /**
         * Reads the form {@link #encoded()} writes.
         *
         * @throws IllegalArgumentException if {@code encoded} is not {@value #ENCODED_LENGTH} bytes
         */
        public static WrappedKey decode(byte[] encoded) {
            Objects.requireNonNull(encoded, "encoded");
            if (encoded.length != ENCODED_LENGTH) {
                throw new IllegalArgumentException(
                        "a wrapped key takes " + ENCODED_LENGTH + " bytes, not " + encoded.length);
            }
            return new WrappedKey(Arrays.copyOfRange(encoded, 0, X25519.PUBLIC_KEY_LENGTH),
                    Arrays.copyOfRange(encoded, X25519.PUBLIC_KEY_LENGTH, ENCODED_LENGTH));
        }

        /** Returns a copy of the ephemeral public key. */
        @Override
        public byte[] ephemeralPublicKey() {
            return ephemeralPublicKey.clone();
        }

        /** Returns a copy of the sealed part. */
        @Override
        public byte[] sealed() {
            return sealed.clone();
        }

        /** Returns the ephemeral public key followed by the sealed part, {@value #ENCODED_LENGTH} bytes. */
        public byte[] encoded() {
            byte[] out = new byte[ENCODED_LENGTH];
            System.arraycopy(ephemeralPublicKey, 0, out, 0, X25519.PUBLIC_KEY_LENGTH);
            System.arraycopy(sealed, 0, out, X25519.PUBLIC_KEY_LENGTH, SEALED_LENGTH);
            return out;
        }

        /** Compares the bytes, not the array identities a record would otherwise compare. */
        @Override
        public boolean equals(Object other) {
            return other instanceof WrappedKey that
                    && MessageDigest.isEqual(ephemeralPublicKey, that.ephemeralPublicKey)
                    && MessageDigest.isEqual(sealed, that.sealed);
        }

        /** Hashes the bytes, consistently with {@link #equals(Object)}. */
        @Override
        public int hashCode() {
            return 31 * Arrays.hashCode(ephemeralPublicKey) + Arrays.hashCode(sealed);
        }

        /** Shows the ephemeral public key only. */
        @Override
        public String toString() {
            return "KeyWrap.WrappedKey[ephemeralPublicKey=" + Hex.encode(ephemeralPublicKey) + "]";
        }
    }
}
