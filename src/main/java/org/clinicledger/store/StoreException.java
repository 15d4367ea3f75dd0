package org.clinicledger.store;

/** Something about the data folder or its database prevents ClinicLedger from using it safely. */
public class StoreException extends Exception {
    private static final long serialVersionUID = 1L;

    public StoreException(String message) {
        super(message);
    }

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
