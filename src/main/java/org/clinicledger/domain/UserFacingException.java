package org.clinicledger.domain;

/**
 * An expected failure whose message is a plain sentence for the person at the keyboard: the window
 * shows it in a dialog as it is, the command line prints it as one line on stderr. Anything else
 * that goes wrong is unexpected and is reported with an error code and logged in full.
 */
public abstract class UserFacingException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    protected UserFacingException(String message) {
        super(message);
    }

    protected UserFacingException(String message, Throwable cause) {
        super(message, cause);
    }
}
