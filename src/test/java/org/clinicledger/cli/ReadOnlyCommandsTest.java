package org.clinicledger.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.util.stream.Stream;

import org.clinicledger.clinic.KeyDerivationTuning;
import org.clinicledger.clinic.Workspace;
import org.clinicledger.testing.FolderState;
import org.clinicledger.testing.Folders;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code verify} and {@code info} leave every file of the folder byte for byte as it was (content,
 * size, mode and time, and no file made or removed): a ClinicLedger folder with and without the
 * write-ahead log beside it, one without {@code node.key}, another program's SQLite file, a copy
 * made read-only, and a log without its index. Runs as whoever runs the build; {@code
 * ReadOnlyFolderIT} runs the same on copies the process cannot write, as an unprivileged user.
 */
class ReadOnlyCommandsTest {

    @TempDir
    static Path shared;

    @TempDir
    Path temp;

    private static Path demo;
    private final CommandTerminal terminal = new CommandTerminal();

    @BeforeAll
    static void makeDemoClinic() {
        demo = shared.resolve("demo");
        CommandTerminal.Result made = new CommandTerminal().run("demo", "--data", demo.toString(), "--patients", "4",
                "--doctors", "2", "--records-per-patient", "2", "--seed", "5");
        assertThat(made.exitCode()).as(made.err()).isZero();
        assertThat(demo.resolve("clinicledger.db-wal")).doesNotExist();
    }

    /** Runs verify and info and requires both to read the folder, say so, and leave it exactly as it was. */
    private void readTwiceChangingNothing(Path data, String expectedVerifyLine) {
        FolderState before = FolderState.of(data);

        CommandTerminal.Result verified = terminal.run("verify", "--data", data.toString());
        assertThat(verified.exitCode()).as(verified.err()).isZero();
        assertThat(verified.out()).contains(expectedVerifyLine, "Read-only: nothing in the folder was changed.");
        CommandTerminal.Result info = terminal.run("info", "--data", data.toString());
        assertThat(info.exitCode()).as(info.err()).isZero();
        assertThat(info.out()).contains("journal wal", "Read-only: nothing in the folder was changed.");

        assertThat(FolderState.of(data)).isEqualTo(before);
    }

    @Test
    void aFolderWithoutItsLogIsReadAsItIs() {
        Path data = Folders.copy(demo, temp.resolve("copy"));
        readTwiceChangingNothing(data, "Intact: ");
        assertThat(data.resolve("clinicledger.db-wal")).doesNotExist();
    }

    @Test
    void aFolderWhoseCommittedWorkIsStillInTheLogIsReadFromTheLogAndLeftAsItIs() throws Exception {
        Path working = temp.resolve("working");
        Path copy = temp.resolve("copy");
        try (Workspace workspace = Workspace.open(working, true, Clock.systemUTC(), KeyDerivationTuning.minimum())) {
            workspace.accounts().setUp("Hillside Clinic", "admin", "admin password 1".toCharArray());
            // Copied while the pool is open: the log holds the whole set-up, the database file little of it.
            Folders.copy(working, copy);
        }
        assertThat(Files.size(copy.resolve("clinicledger.db-wal"))).isPositive();
        assertThat(copy.resolve("clinicledger.db-shm")).exists();

        readTwiceChangingNothing(copy, "Intact: 3 chains, 3 blocks, no problems.");
    }

    @Test
    void aFolderWithoutItsNodeKeyIsVerifiedAndGetsNone() throws Exception {
        Path data = Folders.copy(demo, temp.resolve("copy"));
        Files.delete(data.resolve("node.key"));
        readTwiceChangingNothing(data, "Intact: ");
        assertThat(data.resolve("node.key")).doesNotExist();
    }

    @Test
    void aCopyMadeReadOnlyIsReadAsItIs() throws Exception {
        Path data = Folders.copy(demo, temp.resolve("copy"));
        makeReadOnly(data);
        readTwiceChangingNothing(data, "Intact: ");
    }

    @Test
    void anotherProgramsDatabaseIsRefusedAndKeepsItsJournalMode() throws Exception {
        Path data = Files.createDirectory(temp.resolve("other"));
        Path file = data.resolve("clinicledger.db");
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
             Statement statement = connection.createStatement()) {
            statement.executeUpdate("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)");
            statement.executeUpdate("INSERT INTO notes (body) VALUES ('someone else''s')");
        }
        FolderState before = FolderState.of(data);

        for (String command : new String[] {"verify", "info"}) {
            CommandTerminal.Result result = terminal.run(command, "--data", data.toString());
            assertThat(result.exitCode()).isEqualTo(ExitCode.USAGE);
            assertThat(result.err().lines()).singleElement().asString()
                    .contains("is not a ClinicLedger database", "left unchanged");
        }

        assertThat(FolderState.of(data)).isEqualTo(before);
        assertThat(Files.readAllBytes(file)[19]).as("still a rollback-journal database, not WAL").isEqualTo((byte) 1);
    }

    @Test
    void aLogWithoutItsIndexIsRefusedRatherThanRebuiltInTheFolder() throws Exception {
        Path working = temp.resolve("working");
        Path copy = temp.resolve("copy");
        try (Workspace workspace = Workspace.open(working, true, Clock.systemUTC(), KeyDerivationTuning.minimum())) {
            workspace.accounts().setUp("Hillside Clinic", "admin", "admin password 1".toCharArray());
            Folders.copy(working, copy);
        }
        Files.delete(copy.resolve("clinicledger.db-shm"));
        FolderState before = FolderState.of(copy);

        CommandTerminal.Result verified = terminal.run("verify", "--data", copy.toString());

        assertThat(verified.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(verified.err().lines()).singleElement().asString()
                .contains("write-ahead log", "without its index", "left unchanged");
        assertThat(FolderState.of(copy)).isEqualTo(before);
    }

    @Test
    void aDamagedNodeKeyIsNotEvenReadAndNothingIsLoggedAboutIt() throws Exception {
        Path data = Folders.copy(demo, temp.resolve("copy"));
        Files.writeString(data.resolve("node.key"), "damaged");
        FolderState before = FolderState.of(data);

        CommandTerminal.Result verified = terminal.run("verify", "--data", data.toString());

        assertThat(verified.exitCode()).as(verified.err()).isZero();
        assertThat(FolderState.of(data)).isEqualTo(before);
    }

    static void makeReadOnly(Path root) throws Exception {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(Files.isDirectory(path)
                        ? "r-xr-xr-x" : "r--r--r--"));
            }
        }
    }
}
