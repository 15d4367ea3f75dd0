package org.clinicledger.crypto;

/**
 * Thrown when sealed data cannot be opened: its tag does not match, so the ciphertext, nonce,
 * associated data or key is not what it was sealed with.
 *
 * <p>It is checked on purpose. Data that fails its integrity check has been altered, damaged or
 * presented with the wrong key or context, and a caller must decide what that means for the
 * clinic (refuse the record, report tampering) rather than let it fly past as a programming error.
 *
 * <p>The message is always the same and there is never a cause: which part was wrong is exactly
 * what authenticated encryption cannot tell, and a message that varied with it would hand an
 * attacker a hint the cipher itself withholds.
 */
public final class AuthenticationFailedException extends Exception {

    private static final long serialVersionUID = 1L;

    /** The one message every instance carries. */
    public static final String MESSAGE = "The data failed its integrity check";

    /** Creates the exception with its fixed {@link #MESSAGE}. */
    public AuthenticationFailedException() {
        super(MESSAGE);
    }
}
