package org.clinicledger.domain;

/** The person stopped long work before it finished; whatever it was writing was left out, nothing changed. */
public class CancelledException extends UserFacingException {

    private static final long serialVersionUID = 1L;

    public CancelledException(String message) {
        super(message);
    }
}
