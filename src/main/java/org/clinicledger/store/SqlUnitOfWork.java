package org.clinicledger.store;

import java.sql.Connection;

import org.clinicledger.domain.UnitOfWork;

/** The storage layer's side of a {@link UnitOfWork}: the connection it runs on, seen only here. */
final class SqlUnitOfWork implements UnitOfWork {

    private final Connection connection;
    private final boolean writes;

    SqlUnitOfWork(Connection connection, boolean writes) {
        this.connection = connection;
        this.writes = writes;
    }

    @Override
    public boolean writes() {
        return writes;
    }

    /** The connection of a unit that {@link Database} opened; anything else is a programming error. */
    static Connection connection(UnitOfWork work) {
        if (work instanceof SqlUnitOfWork sql) {
            return sql.connection;
        }
        throw new IllegalArgumentException("Not a unit of work of this database: " + work);
    }
}
