package org.clinicledger.domain;

/** Input that a person typed or a file supplied was not acceptable; nothing was changed. */
public class InvalidInputException extends UserFacingException {
    private static final long serialVersionUID = 1L;

    public InvalidInputException(String message) {
        super(message);
    }
}
