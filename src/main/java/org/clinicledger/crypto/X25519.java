package org.clinicledger.crypto;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Objects;
import javax.security.auth.Destroyable;

/**
 * X25519 Diffie-Hellman key agreement (RFC 7748 §5 and §6.1).
 *
 * <p>Built on BouncyCastle's low-level {@code org.bouncycastle.math.ec.rfc7748.X25519}, which works
 * on raw 32-byte keys, for the same reasons as {@link Ed25519}. Keys are the RFC's byte strings:
 * a private key is 32 bytes that the scalar decoding clamps, a public key a little-endian
 * u-coordinate whose top bit is ignored.
 *
 * <p>Agreement refuses an all-zero shared secret, which is what a public key of small order (or
 * one of its non-canonical encodings) produces whatever the private key, as RFC 7748 §6.1 allows
 * a protocol to check. Such a key contributes nothing secret, so accepting it would let whoever
 * supplied it know the "shared" secret in advance.
 */
public final class X25519 {

    /** Length of a private key in bytes. */
    public static final int PRIVATE_KEY_LENGTH = 32;

    /** Length of a public key in bytes. */
    public static final int PUBLIC_KEY_LENGTH = 32;

    /** Length of a shared secret in bytes. */
    public static final int SHARED_SECRET_LENGTH = 32;

    static {
        // Builds the fixed-base tables once, up front, instead of inside whichever first call needs them.
        org.bouncycastle.math.ec.rfc7748.X25519.precompute();
    }

    private X25519() {
    }

    /**
     * Returns the public key belonging to {@code privateKey}: X25519(privateKey, 9).
     *
     * @throws IllegalArgumentException if {@code privateKey} is not {@value #PRIVATE_KEY_LENGTH} bytes
     */
    public static byte[] publicKey(byte[] privateKey) {
        checkPrivateKey(privateKey);
        byte[] publicKey = new byte[PUBLIC_KEY_LENGTH];
        org.bouncycastle.math.ec.rfc7748.X25519.scalarMultBase(privateKey, 0, publicKey, 0);
        return publicKey;
    }

    /**
     * Returns the shared secret X25519(privateKey, peerPublicKey), which the caller should wipe
     * after deriving keys from it. It is raw curve output: feed it to a KDF such as {@link Hkdf},
     * never use it as a key directly.
     *
     * @throws IllegalArgumentException if a key has the wrong length, or {@code peerPublicKey} is
     *     of small order so that the shared secret would be all zeros
     */
    public static byte[] agree(byte[] privateKey, byte[] peerPublicKey) {
        checkPrivateKey(privateKey);
        checkPublicKey(peerPublicKey);
        byte[] shared = new byte[SHARED_SECRET_LENGTH];
        if (!org.bouncycastle.math.ec.rfc7748.X25519.calculateAgreement(privateKey, 0, peerPublicKey, 0, shared, 0)) {
            throw new IllegalArgumentException(
                    "X25519 public key is of small order: the shared secret would be all zeros");
        }
        return shared;
    }

    private static void checkPrivateKey(byte[] privateKey) {
        Objects.requireNonNull(privateKey, "privateKey");
        if (privateKey.length != PRIVATE_KEY_LENGTH) {
            throw new IllegalArgumentException(
                    "X25519 private key must be " + PRIVATE_KEY_LENGTH + " bytes, not " + privateKey.length);
        }
    }

    private static void checkPublicKey(byte[] publicKey) {
        Objects.requireNonNull(publicKey, "publicKey");
        if (publicKey.length != PUBLIC_KEY_LENGTH) {
            throw new IllegalArgumentException(
                    "X25519 public key must be " + PUBLIC_KEY_LENGTH + " bytes, not " + publicKey.length);
        }
    }

    /**
     * A private key with its public key. It keeps its own copies of both; call {@link #destroy()}
     * when done so the private key does not linger in memory. After that, the public key is still
     * available but the private key and agreement are not. Safe to share between threads;
     * destroying waits for an agreement in progress.
     */
    public static final class KeyPair implements Destroyable {

        private final byte[] privateKey;
        private final byte[] publicKey;
        private boolean destroyed;

        private KeyPair(byte[] privateKey, byte[] publicKey) {
            this.privateKey = privateKey;
            this.publicKey = publicKey;
        }

        /** Returns a new key pair whose private key is drawn from {@code random}. */
        public static KeyPair generate(SecureRandom random) {
            Objects.requireNonNull(random, "random");
            byte[] privateKey = new byte[PRIVATE_KEY_LENGTH];
            org.bouncycastle.math.ec.rfc7748.X25519.generatePrivateKey(random, privateKey);
            return new KeyPair(privateKey, X25519.publicKey(privateKey));
        }

        /**
         * Returns the key pair for {@code privateKey}, keeping a copy of it; the caller still owns
         * (and should wipe) its own array.
         *
         * @throws IllegalArgumentException if {@code privateKey} is not {@value #PRIVATE_KEY_LENGTH} bytes
         */
        public static KeyPair fromPrivate(byte[] privateKey) {
            byte[] copy = privateKey == null ? null : privateKey.clone();
            return new KeyPair(copy, X25519.publicKey(copy));
        }

        /**
         * Returns a copy of the 32-byte private key, which the caller must wipe after use.
         *
         * @throws IllegalStateException if this key pair has been destroyed
         */
        public synchronized byte[] privateKey() {
            checkNotDestroyed();
            return privateKey.clone();
        }

        /** Returns a copy of the 32-byte public key. */
        public byte[] publicKey() {
            return publicKey.clone();
        }

        /**
         * Returns the shared secret with {@code peerPublicKey}, the same as {@link X25519#agree}
         * would give, without the private key leaving this object.
         *
         * @throws IllegalStateException if this key pair has been destroyed
         * @throws IllegalArgumentException if {@code peerPublicKey} has the wrong length or is of small order
         */
        public synchronized byte[] agree(byte[] peerPublicKey) {
            checkNotDestroyed();
            return X25519.agree(privateKey, peerPublicKey);
        }

        /** Overwrites the private key with zeros; agreement and {@link #privateKey()} refuse from then on. */
        @Override
        public synchronized void destroy() {
            Arrays.fill(privateKey, (byte) 0);
            destroyed = true;
        }

        /** Returns whether {@link #destroy()} has been called. */
        @Override
        public synchronized boolean isDestroyed() {
            return destroyed;
        }

        /** Shows the public key only. */
        @Override
        public String toString() {
            return "X25519.KeyPair[publicKey=" + Hex.encode(publicKey) + "]";
        }

        private void checkNotDestroyed() {
            if (destroyed) {
                throw new IllegalStateException("this X25519 key pair has been destroyed");
            }
        }
    }
}
