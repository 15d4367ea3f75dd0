package org.clinicledger.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.Optional;

import org.clinicledger.domain.AccountCounts;
import org.clinicledger.domain.ClinicProfile;
import org.clinicledger.domain.UnitOfWork;

/** The single-row {@code clinic} table. */
public final class ClinicDao {

    public Optional<ClinicProfile> find(UnitOfWork work) {
        return SqlUnitOfWork.query(work, connection -> {
            try (PreparedStatement query = connection.prepareStatement("SELECT name, created_at FROM clinic WHERE id = 1");
                 ResultSet rows = query.executeQuery()) {
                if (!rows.next()) {
                    return Optional.empty();
                }
                return Optional.of(new ClinicProfile(rows.getString(1), Instant.parse(rows.getString(2))));
            }
        });
    }

    /** The clinic's row as stored, unchecked: what verification compares with the founding block. */
    public record ClinicRow(String name, String createdAt) {
    }

    /** The clinic's row as stored, even when its values are not ones the application writes. */
    public Optional<ClinicRow> row(UnitOfWork work) {
        return SqlUnitOfWork.query(work, connection -> {
            try (PreparedStatement query = connection.prepareStatement("SELECT name, created_at FROM clinic WHERE id = 1");
                 ResultSet rows = query.executeQuery()) {
                return rows.next() ? Optional.of(new ClinicRow(rows.getString(1), rows.getString(2))) : Optional.empty();
            }
        });
    }

    /** How many accounts there are of each role; no names, which are sealed. */
    public AccountCounts accountCounts(UnitOfWork work) {
        return SqlUnitOfWork.query(work, connection -> {
            long[] byRole = new long[4];
            try (PreparedStatement query = connection.prepareStatement("SELECT role, count(*) FROM accounts GROUP BY role");
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
        });
    }

    /**
     * Names the clinic inside the caller's transaction: inserts it, or renames a
     * clinic an earlier version named without setting it up (keeping the day it was first named).
     */
    public void save(UnitOfWork work, ClinicProfile profile) {
        SqlUnitOfWork.run(work, connection -> {
            try (PreparedStatement upsert = connection.prepareStatement(
                    "INSERT INTO clinic (id, name, created_at) VALUES (1, ?, ?) ON CONFLICT (id) DO UPDATE SET name = excluded.name")) {
                upsert.setString(1, profile.name());
                upsert.setString(2, profile.createdAt().toString());
                upsert.executeUpdate();
            }
        });
    }

    /** Renames the clinic; returns false when there is none yet. */
    public boolean rename(UnitOfWork work, String name) {
        return SqlUnitOfWork.query(work, connection -> {
            try (PreparedStatement update = connection.prepareStatement("UPDATE clinic SET name = ? WHERE id = 1")) {
                update.setString(1, name);
                return update.executeUpdate() == 1;
            }
        });
    }
}
