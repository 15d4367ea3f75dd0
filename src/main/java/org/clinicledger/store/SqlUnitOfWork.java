package org.clinicledger.store;

import java.sql.Connection;
import java.sql.SQLException;

import org.clinicledger.domain.UnitOfWork;

/**
 * The storage layer's side of a {@link UnitOfWork}: the connection it runs on, seen only here, and
 * the one way the table classes run their statements on it, so that a failing statement leaves as
 * a {@link SqlFailure} for {@link Database#read}/{@link Database#write} to report.
 */
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
    private static Connection connection(UnitOfWork work) {
        if (work instanceof SqlUnitOfWork sql) {
            return sql.connection;
        }
        throw new IllegalArgumentException("Not a unit of work of this database: " + work);
    }

    /** Statements on the unit's connection that return a value. */
    @FunctionalInterface
    interface Query<T> {
        T run(Connection connection) throws SQLException;
    }

    /** Statements on the unit's connection that return nothing. */
    @FunctionalInterface
    interface Statements {
        void run(Connection connection) throws SQLException;
    }

    static <T> T query(UnitOfWork work, Query<T> query) {
        try {
            return query.run(connection(work));
        } catch (SQLException e) {
            throw new SqlFailure(e);
        }
    }

    static void run(UnitOfWork work, Statements statements) {
        query(work, connection -> {
            statements.run(connection);
            return null;
        });
    }
}
