package org.clinicledger.domain;

/**
 * Logging in did not succeed: a wrong password, an unknown username, or an attempt made while a
 * sign-in delay after wrong passwords runs. The command line exits with code 3 for it.
 */
public class LoginFailedException extends UserFacingException {
    private static final long serialVersionUID = 1L;

    /** The one message for a wrong password and an unknown username alike, so neither tells which. */
    public static final String WRONG_USERNAME_OR_PASSWORD = "The username or password is not right.";

    public LoginFailedException(String message) {
        super(message);
    }
}
