package org.clinicledger.crypto;

import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HKDF with HMAC-SHA-256 (RFC 5869): turns key material that is secret but not uniformly random,
 * such as a Diffie-Hellman shared secret, into keys, one per purpose.
 *
 * <p>{@link #derive} is extract-then-expand. The {@code info} argument names what the key is for;
 * two different {@code info} values give independent keys from the same input, which is how one
 * secret safely yields a key per record, per version or per use.
 *
 * <p>The pseudorandom key between the two steps is wiped once the output is made. The JDK's
 * {@link Mac} keeps its own copy of its key, which cannot be wiped from here.
 */
public final class Hkdf {

    /** Length of an HMAC-SHA-256 output, and so of the extracted pseudorandom key, in bytes. */
    public static final int HASH_LENGTH = 32;

    /** The most output one derivation can give: 255 blocks (RFC 5869 §2.3). */
    public static final int MAX_LENGTH = 255 * HASH_LENGTH;

    private static final String ALGORITHM = "HmacSHA256";

    private Hkdf() {
    }

    /**
     * Returns {@code length} bytes of output keying material: HKDF-Expand(HKDF-Extract(salt, ikm),
     * info, length).
     *
     * @param inputKeyMaterial the secret to derive from
     * @param salt a non-secret random or context value; {@code null} or empty means
     *     {@value #HASH_LENGTH} zero bytes, as RFC 5869 §2.2 prescribes
     * @param info what the key is for; may be empty
     * @param length how many bytes to return, 1 to {@value #MAX_LENGTH}
     * @throws IllegalArgumentException if {@code length} is out of range
     */
    public static byte[] derive(byte[] inputKeyMaterial, byte[] salt, byte[] info, int length) {
        Objects.requireNonNull(inputKeyMaterial, "inputKeyMaterial");
        Objects.requireNonNull(info, "info");
        checkLength(length);
        byte[] prk = extract(salt, inputKeyMaterial);
        try {
            return expand(prk, info, length);
        } finally {
            Arrays.fill(prk, (byte) 0);
        }
    }

    /** HKDF-Extract (RFC 5869 §2.2): HMAC-SHA-256 keyed with the salt over the input key material. */
    static byte[] extract(byte[] salt, byte[] inputKeyMaterial) {
        Objects.requireNonNull(inputKeyMaterial, "inputKeyMaterial");
        // HMAC zero-pads its key to the block size, so HashLen zeros and "no salt" are one and the
        // same key; the JDK refuses an empty key, which is why the zeros are spelled out.
        byte[] key = salt == null || salt.length == 0 ? new byte[HASH_LENGTH] : salt;
        Mac mac = newMac(key);
        return mac.doFinal(inputKeyMaterial);
    }

    /** HKDF-Expand (RFC 5869 §2.3): T(i) = HMAC(PRK, T(i-1) || info || i), concatenated and cut to length. */
    static byte[] expand(byte[] prk, byte[] info, int length) {
        Objects.requireNonNull(prk, "prk");
        Objects.requireNonNull(info, "info");
        checkLength(length);
        if (prk.length < HASH_LENGTH) {
            throw new IllegalArgumentException(
                    "HKDF pseudorandom key must be at least " + HASH_LENGTH + " bytes, not " + prk.length);
        }
        Mac mac = newMac(prk);
        byte[] out = new byte[length];
        byte[] block = new byte[0];
        int filled = 0;
        for (int counter = 1; filled < length; counter++) {
            mac.update(block);
            mac.update(info);
            mac.update((byte) counter);
            byte[] next = mac.doFinal();
            Arrays.fill(block, (byte) 0);
            block = next;
            int n = Math.min(HASH_LENGTH, length - filled);
            System.arraycopy(block, 0, out, filled, n);
            filled += n;
        }
        Arrays.fill(block, (byte) 0);
        return out;
    }

    private static void checkLength(int length) {
        if (length < 1 || length > MAX_LENGTH) {
            throw new IllegalArgumentException(
                    "HKDF-SHA256 output length must be 1 to " + MAX_LENGTH + " bytes, not " + length);
        }
    }

    private static Mac newMac(byte[] key) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(key, ALGORITHM));
            return mac;
        } catch (GeneralSecurityException e) {
            // Every Java platform is required to provide HmacSHA256.
            throw new IllegalStateException("this Java runtime has no HMAC-SHA256", e);
        }
    }
}
