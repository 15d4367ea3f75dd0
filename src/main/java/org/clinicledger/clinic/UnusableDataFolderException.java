package org.clinicledger.clinic;

import org.clinicledger.domain.InvalidInputException;

/** The data folder cannot be used (missing, foreign, unreadable, from a newer version); it was left unchanged. */
public final class UnusableDataFolderException extends InvalidInputException {
    private static final long serialVersionUID = 1L;

    public UnusableDataFolderException(String message, Throwable cause) {
        super(message);
        initCause(cause);
    }
}
