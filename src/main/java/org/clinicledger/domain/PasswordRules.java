package org.clinicledger.domain;

/**
 * What a new password must be. Length is what makes a password hard to guess, so the rule asks
 * for length and refuses only the one pattern that defeats it (a single character repeated); it
 * does not demand character classes, which push people towards short, predictable passwords.
 */
public final class PasswordRules {

    public static final int MIN_LENGTH = 10;
    /** Far beyond any real password; stops a pasted file from being hashed as one. */
    public static final int MAX_LENGTH = 1024;

    private PasswordRules() {
    }

    /**
     * Checks a new password without copying it.
     *
     * @throws InvalidInputException with a message for the person choosing it
     */
    public static void check(char[] password) {
        if (password == null || password.length == 0) {
            throw new InvalidInputException("Enter a password.");
        }
        int length = Character.codePointCount(password, 0, password.length);
        if (length < MIN_LENGTH) {
            throw new InvalidInputException("A password needs at least " + MIN_LENGTH + " characters; this one has "
                    + length + ".");
        }
        if (length > MAX_LENGTH) {
            throw new InvalidInputException("A password can have at most " + MAX_LENGTH + " characters.");
        }
        int first = Character.codePointAt(password, 0);
        boolean allSame = true;
        for (int i = Character.charCount(first); i < password.length && allSame; ) {
            int next = Character.codePointAt(password, i);
            allSame = next == first;
            i += Character.charCount(next);
        }
        if (allSame) {
            throw new InvalidInputException("A password cannot be one character repeated: choose a mix, or a few words.");
        }
        for (int i = 0; i < password.length; i++) {
            char c = password[i];
            boolean paired = Character.isHighSurrogate(c) && i + 1 < password.length
                    && Character.isLowSurrogate(password[i + 1]);
            if (paired) {
                i++;
            } else if (Character.isSurrogate(c) || Character.isISOControl(c)) {
                throw new InvalidInputException("The password contains characters that cannot be typed or stored as text.");
            }
        }
    }

    /**
     * Whether two passwords are the same, in time that depends on their lengths only, so that
     * comparing a typed password with another says nothing through timing about where they differ.
     */
    public static boolean same(char[] a, char[] b) {
        if (a == null || b == null || a.length != b.length) {
            return false;
        }
        int difference = 0;
        for (int i = 0; i < a.length; i++) {
            difference |= a[i] ^ b[i];
        }
        return difference == 0;
    }
}
