package org.clinicledger.crypto;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Objects;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256-GCM authenticated encryption (NIST SP 800-38D) through the JDK's
 * {@code AES/GCM/NoPadding} cipher, with 96-bit random nonces and 128-bit tags.
 *
 * <p>Sealing draws a fresh nonce from the caller's {@link SecureRandom} every time. With random
 * 96-bit nonces SP 800-38D §8.3 allows at most 2<sup>32</sup> seals under one key; each record
 * key seals a handful of versions, far below that, but a key must not be used as a bulk key for
 * billions of messages.
 *
 * <p>Opening either returns the whole plaintext or throws {@link AuthenticationFailedException}:
 * the JDK holds back every plaintext byte until the tag has been checked, and this class hands
 * out nothing before that. A wrong key, nonce, ciphertext, tag or associated data all fail alike.
 *
 * <p>The associated data is authenticated but not encrypted: use it to bind a ciphertext to where
 * it belongs (a record id and version), so that it cannot be moved elsewhere unnoticed. Pass an
 * empty array when there is none.
 *
 * <p>The JDK copies the key into its own key objects, which cannot be wiped from here; the arrays
 * this class creates for keys are its callers' to wipe.
 */
public final class Aead {

    /** Length of a key in bytes (AES-256). */
    public static final int KEY_LENGTH = 32;

    /** Length of a nonce in bytes (96 bits, the length GCM handles without hashing it). */
    public static final int NONCE_LENGTH = 12;

    /** Length of the authentication tag in bytes (128 bits). */
    public static final int TAG_LENGTH = 16;

    /** Bytes an {@linkplain Sealed#encoded() encoded} seal adds to its plaintext: nonce and tag. */
    public static final int OVERHEAD = NONCE_LENGTH + TAG_LENGTH;

    private static final String TRANSFORMATION = "AES/GCM/NoPadding";

    private Aead() {
    }

    /** Returns a new random {@value #KEY_LENGTH}-byte key drawn from {@code random}; wipe it after use. */
    public static byte[] newKey(SecureRandom random) {
        Objects.requireNonNull(random, "random");
        byte[] key = new byte[KEY_LENGTH];
        random.nextBytes(key);
        return key;
    }

    /**
     * Encrypts {@code plaintext} under {@code key} with a fresh random nonce, authenticating
     * {@code associatedData} along with it.
     *
     * @param associatedData bytes that opening must present again; empty for none
     * @throws IllegalArgumentException if {@code key} is not {@value #KEY_LENGTH} bytes
     */
    public static Sealed seal(byte[] key, byte[] plaintext, byte[] associatedData, SecureRandom random) {
        Objects.requireNonNull(random, "random");
        byte[] nonce = new byte[NONCE_LENGTH];
        random.nextBytes(nonce);
        return sealWithNonce(key, nonce, plaintext, associatedData);
    }

    /**
     * Encrypts with the given nonce. Package-private because a caller-chosen nonce is how GCM
     * gets broken: it exists for known-answer tests and for constructions in this package that
     * are themselves tested against fixed vectors.
     */
    static Sealed sealWithNonce(byte[] key, byte[] nonce, byte[] plaintext, byte[] associatedData) {
        checkKey(key);
        Objects.requireNonNull(nonce, "nonce");
        Objects.requireNonNull(plaintext, "plaintext");
        Objects.requireNonNull(associatedData, "associatedData");
        if (nonce.length != NONCE_LENGTH) {
            throw new IllegalArgumentException("AES-GCM nonce must be " + NONCE_LENGTH + " bytes, not " + nonce.length);
        }
        try {
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"),
                    new GCMParameterSpec(TAG_LENGTH * 8, nonce));
            cipher.updateAAD(associatedData);
            return new Sealed(nonce, cipher.doFinal(plaintext));
        } catch (GeneralSecurityException e) {
            // Every Java platform must provide AES/GCM/NoPadding with 256-bit keys and 128-bit tags.
            throw new IllegalStateException("this Java runtime cannot encrypt with AES-256-GCM", e);
        }
    }

    /**
     * Decrypts {@code sealed} and returns its plaintext, which the caller should wipe when done
     * if it is sensitive.
     *
     * @param associatedData the same bytes that were given when sealing
     * @throws AuthenticationFailedException if the key, nonce, ciphertext, tag or associated data
     *     differ in any bit from those the data was sealed with
     * @throws IllegalArgumentException if {@code key} is not {@value #KEY_LENGTH} bytes
     */
    public static byte[] open(byte[] key, Sealed sealed, byte[] associatedData)
            throws AuthenticationFailedException {
        Objects.requireNonNull(sealed, "sealed");
        return open(key, sealed.nonce, sealed.ciphertextWithTag, 0, sealed.ciphertextWithTag.length, associatedData);
    }

    /**
     * Decrypts a seal in its {@linkplain Sealed#encoded() encoded form} without copying it first:
     * for large attachments, where each copy is another array as large as the file.
     *
     * @throws AuthenticationFailedException as {@link #open(byte[], Sealed, byte[])} does
     * @throws IllegalArgumentException if {@code key} is not {@value #KEY_LENGTH} bytes, or
     *     {@code encoded} is shorter than {@value #OVERHEAD} bytes
     */
    public static byte[] openEncoded(byte[] key, byte[] encoded, byte[] associatedData)
            throws AuthenticationFailedException {
        Objects.requireNonNull(encoded, "encoded");
        if (encoded.length < OVERHEAD) {
            throw new IllegalArgumentException("a sealed AES-GCM message takes at least " + OVERHEAD
                    + " bytes (nonce and tag), not " + encoded.length);
        }
        return open(key, Arrays.copyOf(encoded, NONCE_LENGTH), encoded, NONCE_LENGTH, encoded.length - NONCE_LENGTH,
                associatedData);
    }

    private static byte[] open(byte[] key, byte[] nonce, byte[] input, int offset, int length, byte[] associatedData)
            throws AuthenticationFailedException {
        checkKey(key);
        Objects.requireNonNull(associatedData, "associatedData");
        Cipher cipher;
        try {
            cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_LENGTH * 8, nonce));
            cipher.updateAAD(associatedData);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this Java runtime cannot decrypt with AES-256-GCM", e);
        }
        try {
            // One-shot doFinal: the JDK verifies the tag over the whole input before releasing any plaintext.
            return cipher.doFinal(input, offset, length);
        } catch (AEADBadTagException e) {
            throw new AuthenticationFailedException();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this Java runtime cannot decrypt with AES-256-GCM", e);
        }
    }

    private static void checkKey(byte[] key) {
        Objects.requireNonNull(key, "key");
        if (key.length != KEY_LENGTH) {
            throw new IllegalArgumentException("AES-256-GCM key must be " + KEY_LENGTH + " bytes, not " + key.length);
        }
    }

    /**
     * A nonce and the ciphertext sealed under it, with the 16-byte tag at its end. The record
     * keeps its own copies and hands out copies; two seals are equal when their bytes are.
     *
     * @param nonce the {@value Aead#NONCE_LENGTH}-byte nonce
     * @param ciphertextWithTag the ciphertext followed by the tag, at least {@value Aead#TAG_LENGTH} bytes
     */
    public record Sealed(byte[] nonce, byte[] ciphertextWithTag) {

        /**
         * Checks the lengths and copies both arrays.
         *
         * @throws IllegalArgumentException if the nonce is not {@value Aead#NONCE_LENGTH} bytes
         *     or the ciphertext is shorter than a tag
         */
        public Sealed {
            Objects.requireNonNull(nonce, "nonce");
            Objects.requireNonNull(ciphertextWithTag, "ciphertextWithTag");
            if (nonce.length != NONCE_LENGTH) {
                throw new IllegalArgumentException(
                        "AES-GCM nonce must be " + NONCE_LENGTH + " bytes, not " + nonce.length);
            }
            if (ciphertextWithTag.length < TAG_LENGTH) {
                throw new IllegalArgumentException("AES-GCM ciphertext must hold at least its "
                        + TAG_LENGTH + "-byte tag, not " + ciphertextWithTag.length + " bytes");
            }
            nonce = nonce.clone();
            ciphertextWithTag = ciphertextWithTag.clone();
        }

        /**
         * Reads the form {@link #encoded()} writes: nonce, then ciphertext and tag.
         *
         * @throws IllegalArgumentException if {@code encoded} is shorter than
         *     {@value Aead#OVERHEAD} bytes, the least a seal of an empty plaintext takes
         */
        public static Sealed decode(byte[] encoded) {
            Objects.requireNonNull(encoded, "encoded");
            if (encoded.length < OVERHEAD) {
                throw new IllegalArgumentException("a sealed AES-GCM message takes at least " + OVERHEAD
                        + " bytes (nonce and tag), not " + encoded.length);
            }
            return new Sealed(Arrays.copyOfRange(encoded, 0, NONCE_LENGTH),
                    Arrays.copyOfRange(encoded, NONCE_LENGTH, encoded.length));
        }

        /** Returns a copy of the nonce. */
        @Override
        public byte[] nonce() {
            return nonce.clone();
        }

        /** Returns a copy of the ciphertext with its tag. */
        @Override
        public byte[] ciphertextWithTag() {
            return ciphertextWithTag.clone();
        }

        /** Returns the nonce followed by the ciphertext and tag, the form to store or send. */
        public byte[] encoded() {
            byte[] out = new byte[NONCE_LENGTH + ciphertextWithTag.length];
            System.arraycopy(nonce, 0, out, 0, NONCE_LENGTH);
            System.arraycopy(ciphertextWithTag, 0, out, NONCE_LENGTH, ciphertextWithTag.length);
            return out;
        }

        /** Compares the bytes, not the array identities a record would otherwise compare. */
        @Override
        public boolean equals(Object other) {
            return other instanceof Sealed that
                    && MessageDigest.isEqual(nonce, that.nonce)
                    && MessageDigest.isEqual(ciphertextWithTag, that.ciphertextWithTag);
        }

        /** Hashes the bytes, consistently with {@link #equals(Object)}. */
        @Override
        public int hashCode() {
            return 31 * Arrays.hashCode(nonce) + Arrays.hashCode(ciphertextWithTag);
        }

        /** Shows the nonce and the ciphertext's length, not the ciphertext. */
        @Override
        public String toString() {
            return "Aead.Sealed[nonce=" + Hex.encode(nonce) + ", ciphertextWithTag="
                    + ciphertextWithTag.length + " bytes]";
        }
    }
}
