package org.clinicledger.clinic;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;

/**
 * A short code for an unexpected failure, derived from where it happened (exception types and the
 * top frames of the root cause), not from its message: the same bug gives the same code on every
 * machine, so a clinic can quote it and the log line with the same code holds the details.
 */
public final class ErrorCode {

    private static final int FRAMES = 5;
    private static final char[] ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789".toCharArray();

    private ErrorCode() {
    }

    /** For example {@code K7P2-QX4M}. */
    public static String of(Throwable failure) {
        Throwable root = failure;
        StringBuilder where = new StringBuilder();
        while (root.getCause() != null && root.getCause() != root) {
            where.append(root.getClass().getName()).append('\n');
            root = root.getCause();
        }
        where.append(root.getClass().getName()).append('\n');
        StackTraceElement[] frames = root.getStackTrace();
        for (int i = 0; i < Math.min(FRAMES, frames.length); i++) {
            where.append(frames[i].getClassName()).append('.').append(frames[i].getMethodName()).append('\n');
        }
        byte[] digest = sha256(where.toString().getBytes(StandardCharsets.UTF_8));
        StringBuilder code = new StringBuilder(9);
        for (int i = 0; i < 8; i++) {
            if (i == 4) {
                code.append('-');
            }
            code.append(ALPHABET[(digest[i] & 0xFF) % ALPHABET.length]);
        }
        return code.toString().toUpperCase(Locale.ROOT);
    }

    private static byte[] sha256(byte[] input) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(input);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
    }
}
