package org.clinicledger.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatabaseTest {

    @TempDir
    Path temp;

    private Database openNew() throws StoreException {
        return Database.open(DataFolder.open(temp.resolve("data"), true));
    }

    private static String pragma(Connection connection, String name) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("PRAGMA " + name)) {
            rows.next();
            return rows.getString(1);
        }
    }

    @Test
    void everyConnectionFromTheFactoryHasTheSameSafeSettings() throws Exception {
        Database database = openNew();
        try (Connection first = database.connect(); Connection second = database.connect()) {
            for (Connection connection : List.of(first, second)) {
                assertThat(pragma(connection, "journal_mode")).isEqualTo("wal");
                assertThat(pragma(connection, "synchronous")).isEqualTo("2"); // FULL
                assertThat(pragma(connection, "foreign_keys")).isEqualTo("1");
                assertThat(pragma(connection, "busy_timeout")).isEqualTo(Integer.toString(Database.BUSY_TIMEOUT_MILLIS));
                assertThat(pragma(connection, "temp_store")).isEqualTo("2"); // MEMORY
            }
        }
    }

    @Test
    void aPlainConnectionSeesTheMarkersAndTheWriteAheadLog() throws Exception {
        Database database = openNew();
        try (Connection plain = DriverManager.getConnection("jdbc:sqlite:" + database.file())) {
            assertThat(pragma(plain, "journal_mode")).isEqualTo("wal");
            assertThat(Integer.parseInt(pragma(plain, "application_id"))).isEqualTo(Database.APPLICATION_ID);
            assertThat(Integer.parseInt(pragma(plain, "user_version")))
                    .isEqualTo(Migrations.fromClasspath().latestVersion())
                    .isEqualTo(database.schemaVersion());
            assertThat(pragma(plain, "foreign_keys")).as("a plain connection has the SQLite default").isEqualTo("0");
        }
    }

    @Test
    void foreignKeysAreEnforced() throws Exception {
        Database database = openNew();
        try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
            statement.executeUpdate("CREATE TEMP TABLE parent (id INTEGER PRIMARY KEY)");
            statement.executeUpdate("CREATE TEMP TABLE child (parent INTEGER REFERENCES parent (id))");
            assertThatThrownBy(() -> statement.executeUpdate("INSERT INTO child VALUES (42)"))
                    .hasMessageContaining("FOREIGN KEY");
        }
    }

    @Test
    void reopeningKeepsDataAndVersion() throws Exception {
        Database first = openNew();
        try (Connection connection = first.connect(); Statement statement = connection.createStatement()) {
            statement.executeUpdate("INSERT INTO clinic (id, name, created_at) VALUES (1, 'Kept', '2026-01-01T00:00:00Z')");
        }
        Database again = openNew();
        assertThat(again.schemaVersion()).isEqualTo(first.schemaVersion());
        try (Connection connection = again.connect(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT name FROM clinic")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getString(1)).isEqualTo("Kept");
        }
    }

    @Test
    void refusesADatabaseFromANewerVersionAndLeavesItUnchanged() throws Exception {
        Database database = openNew();
        try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
            statement.executeUpdate("PRAGMA user_version = 999");
            statement.execute("PRAGMA wal_checkpoint(TRUNCATE)");
        }
        byte[] before = Files.readAllBytes(database.file());
        assertThatThrownBy(this::openNew)
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("newer version of ClinicLedger")
                .hasMessageContaining("999");
        assertThat(Files.readAllBytes(database.file())).isEqualTo(before);
    }

    @Test
    void refusesAnotherProgramsSqliteDatabase() throws Exception {
        Path folder = Files.createDirectories(temp.resolve("data"));
        try (Connection other = DriverManager.getConnection("jdbc:sqlite:" + folder.resolve(DataFolder.DATABASE_FILE));
             Statement statement = other.createStatement()) {
            statement.executeUpdate("CREATE TABLE accounts (id INTEGER)");
        }
        assertThatThrownBy(this::openNew)
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("is not a ClinicLedger database");
    }

    @Test
    void refusesAFileThatIsNotSqliteAndLeavesItUnchanged() throws Exception {
        Path folder = Files.createDirectories(temp.resolve("data"));
        byte[] junk = "this is a text file, not a database; ".repeat(200).getBytes();
        Path file = Files.write(folder.resolve(DataFolder.DATABASE_FILE), junk);
        assertThatThrownBy(this::openNew)
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("is not a ClinicLedger database");
        assertThat(Files.readAllBytes(file)).isEqualTo(junk);
    }

    @Test
    void aBlankDatabaseLeftByAnInterruptedSetUpIsCompleted() throws Exception {
        Path folder = Files.createDirectories(temp.resolve("data"));
        try (Connection blank = DriverManager.getConnection("jdbc:sqlite:" + folder.resolve(DataFolder.DATABASE_FILE));
             Statement statement = blank.createStatement()) {
            statement.execute("PRAGMA journal_mode = WAL");
        }
        assertThat(openNew().schemaVersion()).isEqualTo(Migrations.fromClasspath().latestVersion());
    }

    @Test
    void aFailingMigrationLeavesTheDatabaseAtTheLastWholeVersion() throws Exception {
        Path file = temp.resolve("m.db");
        Migrations good = new Migrations(List.of(new Migrations.Migration(1, "V1__a.sql", "CREATE TABLE a (x INTEGER);")));
        assertThat(Database.open(file, good).schemaVersion()).isEqualTo(1);
        Migrations broken = new Migrations(List.of(
                new Migrations.Migration(1, "V1__a.sql", "CREATE TABLE a (x INTEGER);"),
                new Migrations.Migration(2, "V2__b.sql", "CREATE TABLE b (y INTEGER); INSERT INTO nowhere VALUES (1);")));
        assertThatThrownBy(() -> Database.open(file, broken)).isInstanceOf(StoreException.class);
        try (Connection plain = DriverManager.getConnection("jdbc:sqlite:" + file)) {
            assertThat(pragma(plain, "user_version")).isEqualTo("1");
            try (Statement statement = plain.createStatement();
                 ResultSet rows = statement.executeQuery("SELECT count(*) FROM sqlite_schema WHERE name = 'b'")) {
                rows.next();
                assertThat(rows.getInt(1)).as("table b rolled back").isZero();
            }
        }
    }

    @Test
    void aClinicSetUpBeforeItsLedgerWasAnchoredInAClinicKeyIsRefusedAndLeftUnchanged() throws Exception {
        Path file = atVersion9(temp.resolve("old.db"), "INSERT INTO clinic_settings VALUES (1, zeroblob(32), 19456, 2, 1)");
        assertThatThrownBy(() -> Database.open(file, Migrations.fromClasspath()))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("database version 9")
                .hasMessageContaining("not anchored in a clinic key")
                .hasMessageContaining("set the clinic up anew")
                .hasMessageContaining("left unchanged");
        try (Connection plain = DriverManager.getConnection("jdbc:sqlite:" + file)) {
            assertThat(pragma(plain, "user_version")).isEqualTo("9");
        }
    }

    @Test
    void aFolderOpenedBeforeButNeverSetUpIsCarriedOverWithoutItsUnauthorizedNodeChain() throws Exception {
        Path file = atVersion9(temp.resolve("blank.db"), "INSERT INTO chains VALUES ('node/abc', 1, zeroblob(32), zeroblob(40))");
        Database migrated = Database.open(file, Migrations.fromClasspath());
        assertThat(migrated.schemaVersion()).isEqualTo(Migrations.fromClasspath().latestVersion());
        migrated.close();
        try (Connection plain = DriverManager.getConnection("jdbc:sqlite:" + file);
             Statement statement = plain.createStatement();
             ResultSet rows = statement.executeQuery("SELECT count(*) FROM chains")) {
            rows.next();
            assertThat(rows.getInt(1)).as("set-up starts the node's chain anew, authorized").isZero();
        }
    }

    @Test
    void aClinicSetUpWhileAdministratorsHeldTheWholeEscrowKeyIsRefusedAndLeftUnchanged() throws Exception {
        Path file = atVersion(10, temp.resolve("whole.db"),
                "INSERT INTO clinic_settings VALUES (1, zeroblob(32), 19456, 2, 1)");
        assertThatThrownBy(() -> Database.open(file, Migrations.fromClasspath()))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("database version 10")
                .hasMessageContaining("whole escrow key")
                .hasMessageContaining("set the clinic up anew")
                .hasMessageContaining("left unchanged");
        try (Connection plain = DriverManager.getConnection("jdbc:sqlite:" + file)) {
            assertThat(pragma(plain, "user_version")).isEqualTo("10");
        }
    }

    @Test
    void aFolderOfSchema10NeverSetUpIsCarriedOver() throws Exception {
        Path file = atVersion(10, temp.resolve("blank10.db"), "SELECT 1");
        Database migrated = Database.open(file, Migrations.fromClasspath());
        assertThat(migrated.schemaVersion()).isEqualTo(Migrations.fromClasspath().latestVersion()).isEqualTo(13);
        migrated.close();
    }

    /** A database as version 9 left it, with one row that {@code insert} adds. */
    private static Path atVersion9(Path file, String insert) throws Exception {
        return atVersion(9, file, insert);
    }

    /** A database as {@code version} left it, after the statement {@code insert}. */
    private static Path atVersion(int version, Path file, String insert) throws Exception {
        Database.open(file, Migrations.fromClasspath().upTo(version)).close();
        try (Connection plain = DriverManager.getConnection("jdbc:sqlite:" + file);
             Statement statement = plain.createStatement()) {
            statement.execute(insert);
        }
        return file;
    }

    @Test
    void migrationsMustBeNumberedWithoutGaps() {
        assertThatThrownBy(() -> new Migrations(List.of(new Migrations.Migration(2, "V2__x.sql", ""))))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void integrityCheckOfASoundDatabaseFindsNothing() throws Exception {
        assertThat(openNew().integrityProblems()).isEmpty();
    }
}
