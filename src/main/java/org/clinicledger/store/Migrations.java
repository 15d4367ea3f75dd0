package org.clinicledger.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Numbered schema migrations, {@code db/V1__name.sql} onwards, listed in {@code db/migrations.txt}.
 * The schema version lives in {@code PRAGMA user_version}; each migration runs in its own
 * transaction together with the version bump, so a crash leaves the database at a whole version.
 */
final class Migrations {

    static final String INDEX = "db/migrations.txt";
    /** The first version whose ledger has a clinic key. */
    static final int FIRST_ANCHORED_VERSION = 10;
    /**
     * The first version that holds the escrow key only in shares; set-up clinics of earlier versions
     * are refused, as their whole copies cannot be split without opening them.
     */
    static final int FIRST_SPLIT_ESCROW_VERSION = 11;
    /** The version that added the clinic's settings, whose row marks a clinic as set up. */
    private static final int SETTINGS_VERSION = 3;
    private static final Pattern NAME = Pattern.compile("V(\\d+)__[a-z0-9_]+\\.sql");

    record Migration(int version, String name, String sql) {
    }

    private final List<Migration> migrations;

    Migrations(List<Migration> migrations) {
        for (int i = 0; i < migrations.size(); i++) {
            if (migrations.get(i).version() != i + 1) {
                throw new IllegalStateException("Migrations must be numbered 1, 2, 3… without gaps: "
                        + migrations.get(i).name());
            }
        }
        this.migrations = List.copyOf(migrations);
    }

    static Migrations fromClasspath() {
        List<Migration> list = new ArrayList<>();
        for (String line : Database.readResource(INDEX).split("\\R")) {
            String name = line.strip();
            if (name.isEmpty() || name.startsWith("#")) {
                continue;
            }
            Matcher matcher = NAME.matcher(name);
            if (!matcher.matches()) {
                throw new IllegalStateException("Badly named migration " + name);
            }
            list.add(new Migration(Integer.parseInt(matcher.group(1)), name, Database.readResource("db/" + name)));
        }
        return new Migrations(list);
    }

    /** The first {@code version} migrations only: a database as an earlier release left it, for tests. */
    Migrations upTo(int version) {
        return new Migrations(migrations.subList(0, version));
    }

    int latestVersion() {
        return migrations.size();
    }

    /** Brings the database up to the latest version and returns that version. */
    int apply(Connection connection, Path file) throws SQLException, StoreException {
        int version = check(connection, file);
        for (Migration migration : migrations.subList(version, migrations.size())) {
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                statement.executeUpdate(migration.sql());
                String setVersion = "PRAGMA user_version = " + migration.version();
                statement.executeUpdate(setVersion);
                String setApplication = "PRAGMA application_id = " + Database.APPLICATION_ID;
                statement.executeUpdate(setApplication);
                connection.commit();
            } catch (SQLException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        }
        return latestVersion();
    }

    /**
     * The schema version of a database that is to be read as it is, without migrating: anything
     * but a ClinicLedger database of exactly this version is refused, and nothing is written.
     */
    int checkCurrent(Connection connection, Path file) throws SQLException, StoreException {
        int version = check(connection, file);
        if (version == 0) {
            throw new StoreException(file + " is an empty database: no clinic has been set up in it yet. "
                    + "It was only read and left unchanged.");
        }
        if (version < latestVersion()) {
            throw new StoreException(file + " was written by an earlier version of ClinicLedger (database version "
                    + version + "; this version reads version " + latestVersion() + "). Opening the folder to work "
                    + "in updates it. It was only read and left unchanged.");
        }
        return version;
    }

    /**
     * Reads the database's application id and schema version and refuses another program's
     * database, a newer schema and an unanchored set-up clinic; returns the version. Writes nothing.
     */
    private int check(Connection connection, Path file) throws SQLException, StoreException {
        int applicationId = pragmaInt(connection, "PRAGMA application_id");
        int version = pragmaInt(connection, "PRAGMA user_version");
        if (applicationId != Database.APPLICATION_ID) {
            boolean blank = applicationId == 0 && version == 0 && !hasTables(connection);
            if (!blank) {
                throw new StoreException(file + " is not a ClinicLedger database. It was left unchanged.");
            }
        }
        if (version > latestVersion()) {
            throw new StoreException(file + " was written by a newer version of ClinicLedger (database version "
                    + version + "; this version knows up to " + latestVersion()
                    + "). Install the newer version. The database was left unchanged.");
        }
        if (version >= SETTINGS_VERSION && version < FIRST_SPLIT_ESCROW_VERSION && isSetUp(connection)) {
            String why = version < FIRST_ANCHORED_VERSION ? "whose ledger is not anchored in a clinic key"
                    : "that gave every administrator the whole escrow key, which cannot be split without it";
            throw new StoreException(file + " was made by an earlier ClinicLedger (database version " + version
                    + ") " + why + ", and cannot be carried over. Move the data "
                    + "folder aside and set the clinic up anew (or run \"clinicledger demo\" for demo data). "
                    + "The database was left unchanged.");
        }
        return version;
    }

    private static boolean isSetUp(Connection connection) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT count(*) FROM clinic_settings");
             ResultSet rows = query.executeQuery()) {
            return rows.next() && rows.getLong(1) > 0;
        }
    }

    private static boolean hasTables(Connection connection) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT count(*) FROM sqlite_schema");
             ResultSet rows = query.executeQuery()) {
            return rows.next() && rows.getLong(1) > 0;
        }
    }

    private static int pragmaInt(Connection connection, String pragma) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(pragma);
             ResultSet rows = query.executeQuery()) {
            return rows.next() ? rows.getInt(1) : 0;
        }
    }
}
