package org.clinicledger.domain;


/**
 * The database failed in a way no user action explains (a full disk, a broken file, a bug). Callers
 * do not handle it; the window and the command line report it with an error code and log it.
 */
public final class StorageFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public StorageFailure(String action, Exception cause) {
        super("Database failure while trying to " + action + ": " + cause.getMessage(), cause);
    }
}
