package org.clinicledger.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;

import org.clinicledger.domain.StorageFailure;
import org.clinicledger.testing.FolderState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link Database#openReadOnly}: what it refuses (leaving the folder as it was), that it reads what
 * a writer committed whether or not it is still in the log, and that a reader without locks
 * notices a writer folding its log into the file under it.
 */
class ReadOnlyDatabaseTest {

    @TempDir
    Path temp;

    private Path folder(String name) throws Exception {
        return Files.createDirectory(temp.resolve(name));
    }

    private static void refusedUnchanged(Path file, String... message) {
        FolderState before = FolderState.of(file.getParent());
        assertThatThrownBy(() -> Database.openReadOnly(file, Migrations.fromClasspath()))
                .isInstanceOf(StoreException.class).message().contains(message);
        assertThat(FolderState.of(file.getParent())).isEqualTo(before);
    }

    @Test
    void anEarlierSchemaIsReportedNotMigrated() throws Exception {
        Path file = folder("old").resolve("clinicledger.db");
        Database.open(file, Migrations.fromClasspath().upTo(9)).close();
        refusedUnchanged(file, "earlier version", "database version 9", "left unchanged");
    }

    @Test
    void aNewerSchemaIsRefused() throws Exception {
        Path file = folder("new").resolve("clinicledger.db");
        Database.open(file, Migrations.fromClasspath()).close();
        try (Connection plain = DriverManager.getConnection("jdbc:sqlite:" + file);
             Statement statement = plain.createStatement()) {
            statement.executeUpdate("PRAGMA user_version = 99");
        }
        refusedUnchanged(file, "newer version", "left unchanged");
    }

    @Test
    void anEmptyFileAndAFileThatIsNoDatabaseAreRefused() throws Exception {
        Path empty = Files.createFile(folder("empty").resolve("clinicledger.db"));
        refusedUnchanged(empty, "empty", "left unchanged");
        Path text = Files.writeString(folder("text").resolve("clinicledger.db"), "not a database at all ".repeat(10));
        refusedUnchanged(text, "not a ClinicLedger database", "left unchanged");
    }

    @Test
    void aFolderNameThatMeansSomethingInAUriIsStillTheFolder() throws Exception {
        Path made = folder("plain").resolve("clinicledger.db");
        Database.open(made, Migrations.fromClasspath()).close();
        Path file = Files.move(made.getParent(), temp.resolve("a b#c%41d?e=f&immutable=0")).resolve("clinicledger.db");
        FolderState before = FolderState.of(file.getParent());
        Database reader = Database.openReadOnly(file, Migrations.fromClasspath());
        assertThat(clinicName(reader)).isNull();
        reader.close();
        assertThat(FolderState.of(file.getParent())).isEqualTo(before);
    }

    @Test
    void readsWhatAWriterStillHoldingTheFileCommitsAndWritesNothing() throws Exception {
        Path file = folder("live").resolve("clinicledger.db");
        Database writer = Database.open(file, Migrations.fromClasspath());
        try {
            writer.inTransaction(connection -> insertClinic(connection, "First name"));
            assertThat(file.resolveSibling("clinicledger.db-wal")).exists();
            Database reader = Database.openReadOnly(file, Migrations.fromClasspath());
            assertThat(clinicName(reader)).isEqualTo("First name");
            writer.inTransaction(connection -> {
                try (Statement statement = connection.createStatement()) {
                    return statement.executeUpdate("UPDATE clinic SET name = 'Second name'");
                }
            });
            assertThat(clinicName(reader)).as("a later commit is seen by the next read").isEqualTo("Second name");
            assertThatThrownBy(() -> reader.inTransaction(connection -> insertClinic(connection, "Refused")))
                    .hasMessageContaining("readonly");
            reader.close();
        } finally {
            writer.close();
        }
    }

    @Test
    void aReaderWithoutLocksRefusesWhatItReadWhenAWriterChangedTheFileMeanwhile() throws Exception {
        Path file = folder("changing").resolve("clinicledger.db");
        Database.open(file, Migrations.fromClasspath()).close();
        Database reader = Database.openReadOnly(file, Migrations.fromClasspath());
        assertThat(clinicName(reader)).isNull();

        Database writer = Database.open(file, Migrations.fromClasspath());
        writer.inTransaction(connection -> insertClinic(connection, "Written meanwhile"));
        writer.close();

        assertThatThrownBy(() -> clinicName(reader)).isInstanceOf(StorageFailure.class)
                .hasRootCauseMessage("the database changed while it was being read (ClinicLedger is working in the "
                        + "folder); try again");
        reader.close();
        assertThat(clinicName(Database.openReadOnly(file, Migrations.fromClasspath()))).isEqualTo("Written meanwhile");
    }

    @Test
    void aNewDatabaseAndItsLogAreReadableByTheirOwnerOnly() throws Exception {
        Path file = folder("private").resolve("clinicledger.db");
        Database database = Database.open(file, Migrations.fromClasspath());
        try (Connection connection = database.connect()) {
            for (String name : new String[] {"clinicledger.db", "clinicledger.db-wal", "clinicledger.db-shm"}) {
                assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.resolveSibling(name))))
                        .as(name).isEqualTo("rw-------");
            }
        } finally {
            database.close();
        }
    }

    private static int insertClinic(Connection connection, String name) throws java.sql.SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO clinic (id, name, created_at) VALUES (1, ?, '2026-11-27T09:00:00Z')")) {
            insert.setString(1, name);
            return insert.executeUpdate();
        }
    }

    private static String clinicName(Database database) {
        return database.read("read the name", work -> SqlUnitOfWork.query(work, connection -> {
            try (Statement statement = connection.createStatement();
                 ResultSet rows = statement.executeQuery("SELECT name FROM clinic")) {
                return rows.next() ? rows.getString(1) : null;
            }
        }));
    }
}
