package org.clinicledger.domain;

/** The request was understood but cannot be carried out in the current state; nothing was changed. */
public class RefusedException extends UserFacingException {
    private static final long serialVersionUID = 1L;

    public RefusedException(String message) {
        super(message);
    }
}
