package org.clinicledger.domain;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The rule for usernames: 3 to 32 characters, lower-case letters, digits, '.', '_' and '-',
 * starting with a letter or digit. A username is also the subject of its owner's chain
 * ({@code doctor/<username>}), so it is pseudonymous and safe to log; a patient's username is
 * their MRN.
 */
public final class Username {

    public static final int MIN_LENGTH = 3;
    public static final int MAX_LENGTH = 32;

    private static final Pattern RULE = Pattern.compile("[a-z0-9][a-z0-9._-]{2,31}");

    private Username() {
    }

    /**
     * Returns {@code raw} without surrounding white space and in lower case, so that "Alice" and
     * "alice" are the same account, or throws with a message for the person who typed it.
     */
    public static String normalize(String raw) {
        if (raw == null || raw.isBlank()) {
            throw new InvalidInputException("Enter a username.");
        }
        String username = raw.strip().toLowerCase(Locale.ROOT);
        if (!RULE.matcher(username).matches()) {
            throw new InvalidInputException("A username has " + MIN_LENGTH + " to " + MAX_LENGTH
                    + " characters: letters, digits, '.', '_' or '-', starting with a letter or digit.");
        }
        return username;
    }

    /** Whether {@code raw} normalizes to a valid username; never throws. */
    public static boolean isValid(String raw) {
        return raw != null && RULE.matcher(raw.strip().toLowerCase(Locale.ROOT)).matches();
    }
}
