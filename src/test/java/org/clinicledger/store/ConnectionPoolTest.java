package org.clinicledger.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The database's pooled connections: reused safely, never lent out in a half-done state, closed with the pool. */
class ConnectionPoolTest {

    @TempDir
    Path temp;

    private Database openNew() throws StoreException {
        return Database.open(DataFolder.open(temp.resolve("data"), true));
    }

    private static long count(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT count(*) FROM clinic_settings")) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static void insertSettings(Connection connection) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO clinic_settings (id, escrow_public_key, "
                + "password_memory_kib, password_iterations, password_parallelism) VALUES (1, ?, 19456, 2, 1)")) {
            insert.setBytes(1, new byte[32]);
            insert.executeUpdate();
        }
    }

    @Test
    void aClosedConnectionRefusesUseAndItsWorkInProgressIsNotKept() throws Exception {
        Database database = openNew();
        Connection lent = database.connect();
        lent.setAutoCommit(false);
        insertSettings(lent);
        lent.close();
        assertThat(lent.isClosed()).isTrue();
        assertThatThrownBy(lent::createStatement).isInstanceOf(SQLException.class).hasMessageContaining("closed");
        lent.close();

        try (Connection next = database.connect()) {
            assertThat(next.getAutoCommit()).isTrue();
            assertThat(count(next)).as("an uncommitted insert is not seen").isZero();
        }
        database.close();
    }

    @Test
    void aReturnedConnectionIsLentAgainAndSeesWhatOthersCommitted() throws Exception {
        Database database = openNew();
        try (Connection first = database.connect()) {
            assertThat(count(first)).isZero();
        }
        database.inTransaction(connection -> {
            insertSettings(connection);
            return null;
        });
        try (Connection again = database.connect()) {
            assertThat(count(again)).isEqualTo(1);
        }
        database.close();
    }

    @Test
    void writersOnManyThreadsTakeTurnsWithoutBusyFailures() throws Exception {
        Database database = openNew();
        database.inTransaction(connection -> {
            try (Statement statement = connection.createStatement()) {
                statement.execute("CREATE TABLE counter (id INTEGER PRIMARY KEY, value INTEGER NOT NULL)");
                statement.execute("INSERT INTO counter VALUES (1, 0)");
            }
            return null;
        });
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> work = new ArrayList<>();
            for (int thread = 0; thread < 4; thread++) {
                work.add(pool.submit(() -> {
                    for (int i = 0; i < 100; i++) {
                        database.inTransaction(connection -> {
                            long value;
                            try (Statement statement = connection.createStatement();
                                 ResultSet rows = statement.executeQuery("SELECT value FROM counter WHERE id = 1")) {
                                rows.next();
                                value = rows.getLong(1);
                            }
                            try (PreparedStatement update = connection.prepareStatement(
                                    "UPDATE counter SET value = ? WHERE id = 1")) {
                                update.setLong(1, value + 1);
                                update.executeUpdate();
                            }
                            return null;
                        });
                    }
                    return null;
                }));
            }
            for (Future<?> future : work) {
                future.get();
            }
        } finally {
            pool.shutdown();
        }
        try (Connection connection = database.connect(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT value FROM counter WHERE id = 1")) {
            rows.next();
            assertThat(rows.getLong(1)).as("no update lost").isEqualTo(400);
        }
        database.close();
    }

    @Test
    void closingThePoolClosesTheLastConnectionWhichFoldsTheWriteAheadLogIn() throws Exception {
        Database database = openNew();
        database.inTransaction(connection -> {
            insertSettings(connection);
            return null;
        });
        Path log = Path.of(database.file() + "-wal");
        assertThat(log).exists();
        database.close();
        assertThat(Files.exists(log)).as("SQLite removes the log when its last connection closes").isFalse();
        try (Connection afterwards = database.connect()) {
            assertThat(count(afterwards)).as("a connection made after closing still works, unpooled").isEqualTo(1);
        }
    }
}
