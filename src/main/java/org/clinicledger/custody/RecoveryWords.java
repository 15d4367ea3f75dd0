package org.clinicledger.custody;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Locale;

import org.clinicledger.crypto.Base32;
import org.clinicledger.crypto.Sha256;
import org.clinicledger.crypto.X25519;
import org.clinicledger.domain.InvalidInputException;

/**
 * The words of the recovery sheet: the escrow private key (32 bytes) and a 3-byte checksum over
 * it, in base32 (56 characters), shown in fourteen groups of four like the clinic fingerprint.
 * Typed back, case, spaces and dashes do not matter; a typo is caught by the checksum (all but one
 * in 16 million), and whatever slips through is caught when the key is compared with the escrow
 * public key the founding block commits to.
 */
final class RecoveryWords {

    static final int CHECKSUM_LENGTH = 3;
    static final int ENCODED_BYTES = X25519.PRIVATE_KEY_LENGTH + CHECKSUM_LENGTH;
    /** Characters of the words, without separators. */
    static final int LENGTH = 56;
    /** The longest input looked at: the words with generous separators; more is not a sheet. */
    static final int MAX_TYPED = 400;
    private static final int GROUP = 4;

    private RecoveryWords() {
    }

    /** The words for {@code escrowPrivateKey}, grouped. */
    static String encode(byte[] escrowPrivateKey) {
        if (escrowPrivateKey.length != X25519.PRIVATE_KEY_LENGTH) {
            throw new IllegalArgumentException("An escrow private key is 32 bytes");
        }
        byte[] both = new byte[ENCODED_BYTES];
        System.arraycopy(escrowPrivateKey, 0, both, 0, X25519.PRIVATE_KEY_LENGTH);
        byte[] checksum = checksum(escrowPrivateKey);
        System.arraycopy(checksum, 0, both, X25519.PRIVATE_KEY_LENGTH, CHECKSUM_LENGTH);
        String compact = Base32.encode(both);
        Arrays.fill(both, (byte) 0);
        StringBuilder grouped = new StringBuilder();
        for (int i = 0; i < compact.length(); i += GROUP) {
            if (i > 0) {
                grouped.append('-');
            }
            grouped.append(compact, i, Math.min(compact.length(), i + GROUP));
        }
        return grouped.toString();
    }

    /**
     * The escrow private key that typed words hold, which the caller wipes.
     *
     * @throws InvalidInputException in plain words: too short or long, a character that is not of
     *     the sheet, or a checksum that does not match (a typo)
     */
    static byte[] parse(String typed) {
        if (typed == null || typed.isBlank()) {
            throw new InvalidInputException("Type the words of the clinic's recovery sheet.");
        }
        if (typed.length() > MAX_TYPED) {
            throw new InvalidInputException("That is far longer than a recovery sheet's words (" + LENGTH
                    + " letters and digits).");
        }
        StringBuilder compact = new StringBuilder(LENGTH);
        for (int i = 0; i < typed.length(); i++) {
            char c = typed.charAt(i);
            if (c == '-' || Character.isWhitespace(c)) {
                continue;
            }
            char upper = Character.toUpperCase(c);
            if (!((upper >= 'A' && upper <= 'Z') || (upper >= '2' && upper <= '7'))) {
                throw new InvalidInputException("The recovery sheet's words use only the letters A\u2013Z and the "
                        + "digits 2\u20137; \u201c" + printable(c) + "\u201d is not one of them. Check what was typed.");
            }
            compact.append(upper);
        }
        if (compact.length() != LENGTH) {
            throw new InvalidInputException("The recovery sheet's words are " + LENGTH + " letters and digits ("
                    + LENGTH / GROUP + " groups of four); " + compact.length() + " were typed. Check for a missing or "
                    + "extra group.");
        }
        byte[] both;
        try {
            both = Base32.decode(compact.toString().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw typo();
        }
        byte[] key = Arrays.copyOfRange(both, 0, X25519.PRIVATE_KEY_LENGTH);
        byte[] expected = checksum(key);
        boolean matches = MessageDigest.isEqual(expected,
                Arrays.copyOfRange(both, X25519.PRIVATE_KEY_LENGTH, ENCODED_BYTES));
        Arrays.fill(both, (byte) 0);
        if (!matches) {
            Arrays.fill(key, (byte) 0);
            throw typo();
        }
        return key;
    }

    private static InvalidInputException typo() {
        return new InvalidInputException("The recovery sheet's words do not add up: there is a typo. Compare every "
                + "group with the sheet (the letter O and the digit 0, I and 1 are easily confused; the sheet uses "
                + "letters only for these).");
    }

    private static String printable(char c) {
        return Character.isISOControl(c) || Character.isSurrogate(c) ? String.format("U+%04X", (int) c)
                : String.valueOf(c);
    }

    private static byte[] checksum(byte[] key) {
        byte[] label = (Labels.RECOVERY_SHEET + "\0").getBytes(StandardCharsets.UTF_8);
        byte[] input = new byte[label.length + key.length];
        System.arraycopy(label, 0, input, 0, label.length);
        System.arraycopy(key, 0, input, label.length, key.length);
        byte[] digest = Sha256.digest(input);
        Arrays.fill(input, (byte) 0);
        return Arrays.copyOf(digest, CHECKSUM_LENGTH);
    }
}
