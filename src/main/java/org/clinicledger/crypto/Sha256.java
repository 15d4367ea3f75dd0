package org.clinicledger.crypto;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Objects;

/**
 * SHA-256 (FIPS 180-4) through the JDK's {@link MessageDigest}.
 *
 * <p>The static methods are one-shot and thread-safe. An instance is an incremental hasher for
 * input that arrives in pieces; it is not thread-safe, and {@link #finish()} resets it for reuse.
 */
public final class Sha256 {

    /** Length of a SHA-256 digest in bytes. */
    public static final int LENGTH = 32;

    private static final String ALGORITHM = "SHA-256";
    private static final int STREAM_BUFFER = 64 * 1024;

    private final MessageDigest digest;

    /** Starts an incremental hash of nothing yet. */
    public Sha256() {
        this.digest = newMessageDigest();
    }

    /** Returns SHA-256 of {@code data}. */
    public static byte[] digest(byte[] data) {
        Objects.requireNonNull(data, "data");
        return newMessageDigest().digest(data);
    }

    /** Returns SHA-256 of the concatenation of {@code parts}, without building the concatenation. */
    public static byte[] digest(byte[]... parts) {
        Objects.requireNonNull(parts, "parts");
        MessageDigest md = newMessageDigest();
        for (byte[] part : parts) {
            md.update(Objects.requireNonNull(part, "part"));
        }
        return md.digest();
    }

    /** Returns SHA-256 of everything left in {@code in}; the stream is read to its end but not closed. */
    public static byte[] digest(InputStream in) throws IOException {
        Objects.requireNonNull(in, "in");
        MessageDigest md = newMessageDigest();
        byte[] buffer = new byte[STREAM_BUFFER];
        int n;
        while ((n = in.read(buffer)) != -1) {
            md.update(buffer, 0, n);
        }
        return md.digest();
    }

    /** Adds {@code data} to the running hash and returns this hasher. */
    public Sha256 update(byte[] data) {
        digest.update(Objects.requireNonNull(data, "data"));
        return this;
    }

    /** Adds {@code length} bytes of {@code data} from {@code offset} to the running hash and returns this hasher. */
    public Sha256 update(byte[] data, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, Objects.requireNonNull(data, "data").length);
        digest.update(data, offset, length);
        return this;
    }

    /** Adds one byte to the running hash and returns this hasher. */
    public Sha256 update(byte b) {
        digest.update(b);
        return this;
    }

    /** Returns the hash of everything added since creation or the last finish, and starts afresh. */
    public byte[] finish() {
        return digest.digest();
    }

    private static MessageDigest newMessageDigest() {
        try {
            return MessageDigest.getInstance(ALGORITHM);
        } catch (NoSuchAlgorithmException e) {
            // Every Java platform is required to provide SHA-256, so this is a broken runtime.
            throw new IllegalStateException("this Java runtime has no SHA-256", e);
        }
    }
}
