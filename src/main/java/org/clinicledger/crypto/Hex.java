package org.clinicledger.crypto;

import java.util.Objects;

/**
 * Lower-case hexadecimal, the one textual form of hashes, keys and signatures.
 *
 * <p>Decoding is strict: it accepts only what {@link #encode} produces (even length, digits and
 * {@code a-f}). Upper case is refused so that every byte string has exactly one spelling, and
 * two spellings of one hash can never be stored or compared as different values.
 */
public final class Hex {

    private static final char[] DIGITS = "0123456789abcdef".toCharArray();

    private Hex() {
    }

    /** Returns {@code bytes} as lower-case hex, two characters per byte. */
    public static String encode(byte[] bytes) {
        Objects.requireNonNull(bytes, "bytes");
        char[] out = new char[bytes.length * 2];
        for (int i = 0; i < bytes.length; i++) {
            out[2 * i] = DIGITS[(bytes[i] >> 4) & 0x0f];
            out[2 * i + 1] = DIGITS[bytes[i] & 0x0f];
        }
        return new String(out);
    }

    /**
     * Returns the bytes that lower-case hex {@code text} spells.
     *
     * @throws IllegalArgumentException if the length is odd or a character is not {@code 0-9a-f}
     */
    public static byte[] decode(CharSequence text) {
        Objects.requireNonNull(text, "text");
        int length = text.length();
        if (length % 2 != 0) {
            throw new IllegalArgumentException(
                    "hex text has an odd number of characters (" + length + "); each byte takes two");
        }
        byte[] out = new byte[length / 2];
        for (int i = 0; i < out.length; i++) {
            int high = digit(text, 2 * i);
            int low = digit(text, 2 * i + 1);
            out[i] = (byte) ((high << 4) | low);
        }
        return out;
    }

    private static int digit(CharSequence text, int index) {
        char c = text.charAt(index);
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        throw new IllegalArgumentException(String.format(
                "hex text has %s at index %d; only 0-9 and lower-case a-f are allowed",
                describe(c), index));
    }

    private static String describe(char c) {
        if (c >= 0x21 && c <= 0x7e) {
            return "'" + c + "'";
        }
        return String.format("U+%04X", (int) c);
    }
}
