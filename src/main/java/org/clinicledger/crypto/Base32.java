package org.clinicledger.crypto;

import java.util.Objects;

/**
 * Base32 of RFC 4648 section 6 (alphabet {@code A–Z 2–7}), without padding: the textual form of
 * what people read aloud or type, since it has no letters that look alike in one case and no
 * digits that look like letters.
 */
public final class Base32 {

    private static final char[] ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".toCharArray();

    private Base32() {
    }

    /** {@code bytes} in base32, upper case, without the padding {@code =}. */
    public static String encode(byte[] bytes) {
        Objects.requireNonNull(bytes, "bytes");
        StringBuilder out = new StringBuilder((bytes.length * 8 + 4) / 5);
        int buffer = 0;
        int bits = 0;
        for (byte value : bytes) {
            buffer = (buffer << 8) | (value & 0xff);
            bits += 8;
            while (bits >= 5) {
                out.append(ALPHABET[(buffer >> (bits - 5)) & 0x1f]);
                bits -= 5;
            }
        }
        if (bits > 0) {
            out.append(ALPHABET[(buffer << (5 - bits)) & 0x1f]);
        }
        return out.toString();
    }

    /**
     * The bytes of base32 {@code text} (upper case, no padding), whose bit count is a whole number
     * of bytes plus fewer than five bits of zeros.
     *
     * @throws IllegalArgumentException naming the first character that is not of the alphabet, or
     *     for a length no byte string encodes to
     */
    public static byte[] decode(String text) {
        Objects.requireNonNull(text, "text");
        int length = text.length();
        int bytes = length * 5 / 8;
        if (encodedLength(bytes) != length) {
            throw new IllegalArgumentException("No byte string is " + length + " base32 characters long");
        }
        byte[] out = new byte[bytes];
        int buffer = 0;
        int bits = 0;
        int index = 0;
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            int value = c >= 'A' && c <= 'Z' ? c - 'A' : c >= '2' && c <= '7' ? c - '2' + 26 : -1;
            if (value < 0) {
                throw new IllegalArgumentException("Character " + (i + 1) + " is not base32");
            }
            buffer = (buffer << 5) | value;
            bits += 5;
            if (bits >= 8) {
                out[index++] = (byte) (buffer >> (bits - 8));
                bits -= 8;
                buffer &= (1 << bits) - 1;
            }
        }
        if (buffer != 0) {
            throw new IllegalArgumentException("The last base32 character has bits that encode nothing");
        }
        return out;
    }

    /** How many characters {@link #encode} makes of {@code bytes} bytes. */
    public static int encodedLength(int bytes) {
        return (bytes * 8 + 4) / 5;
    }
}
