package org.clinicledger.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;

import org.clinicledger.domain.AccountCounts;
import org.clinicledger.domain.ClinicProfile;

/** The single-row {@code clinic} table. */
public final class ClinicDao {

    private final Database database;

    public ClinicDao(Database database) {
        this.database = database;
    }

    public Optional<ClinicProfile> find() throws SQLException {
        try (Connection connection = database.connect();
             PreparedStatement query = connection.prepareStatement("SELECT name, created_at FROM clinic WHERE id = 1");
             ResultSet rows = query.executeQuery()) {
            if (!rows.next()) {
                return Optional.empty();
            }
            return Optional.of(new ClinicProfile(rows.getString(1), Instant.parse(rows.getString(2))));
        }
    }

    /** How many accounts there are of each role; no names, which are sealed. */
    public AccountCounts accountCounts() throws SQLException {
        long[] byRole = new long[4];
        try (Connection connection = database.connect();
             PreparedStatement query = connection.prepareStatement("SELECT role, count(*) FROM accounts GROUP BY role");
             ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                int index = switch (rows.getString(1)) {
                    case "administrator" -> 0;
                    case "receptionist" -> 1;
                    case "doctor" -> 2;
                    default -> 3;
                };
                byRole[index] += rows.getLong(2);
            }
        }
        return new AccountCounts(byRole[0], byRole[1], byRole[2], byRole[3]);
    }

    /**
     * Names the clinic on {@code connection}, inside the caller's transaction: inserts it, or renames a
     * clinic an earlier version named without setting it up (keeping the day it was first named).
     */
    public void save(Connection connection, ClinicProfile profile) throws SQLException {
        try (PreparedStatement upsert = connection.prepareStatement(
                "INSERT INTO clinic (id, name, created_at) VALUES (1, ?, ?) ON CONFLICT (id) DO UPDATE SET name = excluded.name")) {
            upsert.setString(1, profile.name());
            upsert.setString(2, profile.createdAt().toString());
            upsert.executeUpdate();
        }
    }

    /** Renames the clinic; returns false when there is none yet. */
    public boolean rename(String name) throws SQLException {
        try (Connection connection = database.connect();
             PreparedStatement update = connection.prepareStatement("UPDATE clinic SET name = ? WHERE id = 1")) {
            update.setString(1, name);
            return update.executeUpdate() == 1;
        }
    }
}
