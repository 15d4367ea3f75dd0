package org.clinicledger.store;

import java.sql.Connection;

import org.clinicledger.domain.UnitOfWork;

/** A raw connection of a test as a unit of work, so that tests can call the tables' methods directly. */
public final class TestUnits {

    private TestUnits() {
    }

    public static UnitOfWork of(Connection connection) {
        return new SqlUnitOfWork(connection, true);
    }
}
