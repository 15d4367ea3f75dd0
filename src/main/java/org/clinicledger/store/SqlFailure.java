package org.clinicledger.store;

import java.sql.SQLException;

/**
 * Carries a {@link SQLException} out of a table's methods to the {@link Database#read} or
 * {@link Database#write} that ran them, which turns it into the project's storage failure with
 * what was being done: the one place where that happens.
 */
final class SqlFailure extends RuntimeException {

    private static final long serialVersionUID = 1L;

    SqlFailure(SQLException cause) {
        super(cause.getMessage(), cause);
    }

    @Override
    public synchronized SQLException getCause() {
        return (SQLException) super.getCause();
    }
}
