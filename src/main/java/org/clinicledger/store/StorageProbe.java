package org.clinicledger.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;

import org.clinicledger.domain.StorageFailure;

/**
 * The storage limit the benchmark compares the ledger with: one durable insert of a small row into
 * a table of its own, on a connection with the application's settings (WAL, full fsync), measured
 * in the same run on the same disk.
 */
public final class StorageProbe {

    private StorageProbe() {
    }

    /** How long each of {@code samples} durable inserts took, in nanoseconds, in a scratch data folder. */
    public static long[] durableInsertNanos(DataFolder scratch, int samples) throws StoreException {
        Database database = Database.open(scratch);
        try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
            statement.executeUpdate("CREATE TABLE raw_insert (id INTEGER PRIMARY KEY, payload BLOB NOT NULL)");
            long[] nanos = new long[samples];
            byte[] payload = new byte[400];
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO raw_insert (payload) VALUES (?)")) {
                for (int i = 0; i < samples; i++) {
                    insert.setBytes(1, payload);
                    long start = System.nanoTime();
                    insert.executeUpdate();
                    nanos[i] = System.nanoTime() - start;
                }
            }
            return nanos;
        } catch (SQLException e) {
            throw new StorageFailure("measure a raw insert", e);
        } finally {
            database.close();
        }
    }
}
