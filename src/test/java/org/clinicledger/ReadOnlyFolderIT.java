package org.clinicledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.clinicledger.domain.RecordInput;
import org.clinicledger.testing.FolderState;
import org.clinicledger.testing.Folders;
import org.clinicledger.testing.TestClinic;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code verify} and {@code info} of the packaged jar on folders its user may not write, or not
 * read: they read a read-only copy (with or without the write-ahead log beside the database) and
 * leave every file as it was, and refuse another program's database and an unreadable folder in
 * one line. Permissions mean nothing to root, and CI runs as root: then the jar runs as the
 * unprivileged user {@code nobody} (through {@code setpriv}, else {@code runuser}) on copies that
 * user can reach; the test fails rather than skips when neither works.
 */
class ReadOnlyFolderIT {

    private static final int NOBODY = 65534;

    private static Path base;
    private static Path app;
    private static Path clinic;
    private static Path clinicWithLog;
    private static List<String> asUnprivileged;

    record Result(int exitCode, String out, String err) {
    }

    @BeforeAll
    static void prepare() throws Exception {
        base = Files.createTempDirectory("clinicledger-read-only");
        Files.setPosixFilePermissions(base, PosixFilePermissions.fromString("rwxr-xr-x"));
        app = Files.createDirectory(base.resolve("app"));
        Files.copy(Path.of("target", "clinicledger.jar"), app.resolve("clinicledger.jar"));
        Folders.copy(Path.of("target", "lib"), app.resolve("lib"));
        asUnprivileged = unprivilegedPrefix();

        Path working = base.resolve("working");
        TestClinic made = new TestClinic(working);
        Path scan = Files.write(base.resolve("scan.pdf"), new byte[30_000]);
        try (var lee = made.lee()) {
            made.workspace.records().addRecord(lee, made.mrn, new RecordInput("Asthma", null, "", List.of(scan)));
        }
        // Copied while the workspace is open: its last work is still in the log.
        clinicWithLog = Folders.copy(working, base.resolve("with-log"));
        made.workspace.close();
        clinic = Folders.copy(working, base.resolve("without-log"));
        assertThat(clinicWithLog.resolve("clinicledger.db-wal")).isNotEmptyFile();
        assertThat(clinic.resolve("clinicledger.db-wal")).doesNotExist();
    }

    @AfterAll
    static void cleanUp() throws IOException {
        try (Stream<Path> paths = Files.walk(base)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                if (Files.isDirectory(path)) {
                    Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rwx------"));
                }
            }
        }
        try (Stream<Path> paths = Files.walk(base)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    /**
     * As root, the command line that runs a program as {@code nobody}; empty when the test already
     * runs as an unprivileged user. Fails when root has no way to drop its privileges.
     */
    private static List<String> unprivilegedPrefix() throws Exception {
        Path probe = Files.createTempFile(base, "uid", ".probe");
        int uid = (Integer) Files.getAttribute(probe, "unix:uid");
        Files.delete(probe);
        if (uid != 0) {
            return List.of();
        }
        List<List<String>> ways = List.of(
                List.of("setpriv", "--reuid=" + NOBODY, "--regid=" + NOBODY, "--clear-groups"),
                List.of("runuser", "-u", "nobody", "--"));
        for (List<String> way : ways) {
            List<String> command = new ArrayList<>(way);
            command.addAll(List.of("sh", "-c", "test \"$(id -u)\" != 0"));
            try {
                Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
                if (process.waitFor(20, TimeUnit.SECONDS) && process.exitValue() == 0) {
                    return way;
                }
            } catch (IOException notInstalled) {
                // Try the next way.
            }
        }
        return fail("Running as root, and neither setpriv nor runuser can run the jar as an unprivileged user: "
                + "the read-only tests would prove nothing. Install util-linux.");
    }

    private static Result runUnprivileged(String... args) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(asUnprivileged);
        command.addAll(List.of(java, "-XX:-UsePerfData", "-jar", app.resolve("clinicledger.jar").toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(base.toFile());
        // Another user has a rollback memory of their own (none yet), never the build's, which is owner-only.
        builder.environment().put("CLINICLEDGER_STATE", base.resolve("reader-state").toString());
        Process process = builder.start();
        process.getOutputStream().close();
        byte[] out = process.getInputStream().readAllBytes();
        byte[] err = process.getErrorStream().readAllBytes();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("finished within a minute").isTrue();
        return new Result(process.exitValue(), new String(out, StandardCharsets.UTF_8),
                new String(err, StandardCharsets.UTF_8));
    }

    /** A copy no one may write: files r--r--r--, folders r-xr-xr-x. */
    private static Path readOnlyCopy(Path source, String name) throws IOException {
        Path copy = Folders.copy(source, base.resolve(name));
        setModes(copy, "r-xr-xr-x", "r--r--r--");
        return copy;
    }

    private static void setModes(Path root, String folderMode, String fileMode) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(Files.isDirectory(path)
                        ? folderMode : fileMode));
            }
        }
    }

    private static void verifyAndInfoChangeNothing(Path data) throws Exception {
        FolderState before = FolderState.of(data);
        Result verified = runUnprivileged("verify", "--data", data.toString());
        assertThat(verified.exitCode()).as(verified.out() + verified.err()).isZero();
        assertThat(verified.out()).contains("Intact: ", "Read-only: nothing in the folder was changed.");
        assertThat(verified.err()).isEmpty();
        Result info = runUnprivileged("info", "--data", data.toString());
        assertThat(info.exitCode()).as(info.err()).isZero();
        assertThat(info.out()).contains("Clinic:       Hillside Clinic", "Read-only: nothing in the folder was changed.");
        assertThat(FolderState.of(data)).isEqualTo(before);
    }

    @Test
    void aReadOnlyCopyIsVerifiedAndLeftAsItWas() throws Exception {
        verifyAndInfoChangeNothing(readOnlyCopy(clinic, "read-only"));
    }

    @Test
    void aReadOnlyCopyWhoseLastWorkIsInTheLogIsVerifiedAndLeftAsItWas() throws Exception {
        verifyAndInfoChangeNothing(readOnlyCopy(clinicWithLog, "read-only-with-log"));
    }

    @Test
    void aCopyWithoutTheNodeKeyThatItsReaderMayNotWriteIsVerified() throws Exception {
        Path copy = Folders.copy(clinic, base.resolve("no-node-key"));
        Files.delete(copy.resolve("node.key"));
        setModes(copy, "rwxr-xr-x", "rw-r--r--");
        verifyAndInfoChangeNothing(copy);
        assertThat(copy.resolve("node.key")).doesNotExist();
    }

    @Test
    void anotherProgramsDatabaseIsRefusedInOneLineAndLeftAsItWas() throws Exception {
        Path data = Files.createDirectory(base.resolve("other-program"));
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + data.resolve("clinicledger.db"));
             Statement statement = connection.createStatement()) {
            statement.executeUpdate("CREATE TABLE notes (body TEXT)");
        }
        setModes(data, "r-xr-xr-x", "r--r--r--");
        FolderState before = FolderState.of(data);
        for (String command : new String[] {"verify", "info"}) {
            Result result = runUnprivileged(command, "--data", data.toString());
            assertThat(result.exitCode()).isEqualTo(2);
            assertThat(result.err().lines()).singleElement().asString()
                    .startsWith("clinicledger: ").contains("is not a ClinicLedger database", "left unchanged");
        }
        assertThat(FolderState.of(data)).isEqualTo(before);
    }

    @Test
    void anUnreadableFolderIsRefusedInOneLine() throws Exception {
        Path data = Folders.copy(clinic, base.resolve("unreadable"));
        Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("-wx------"));
        Result verified = runUnprivileged("verify", "--data", data.toString());
        assertThat(verified.exitCode()).isEqualTo(2);
        assertThat(verified.err().lines()).singleElement().asString()
                .isEqualTo("clinicledger: Cannot read the data folder " + data + ". Check its permissions.");
        assertThat(verified.out()).isEmpty();
    }

    @Test
    void aTextFileItsReaderMayNotReadIsRefusedInOneLine() throws Exception {
        Path secret = Files.writeString(base.resolve("query.txt"), "Byron");
        Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("rw-------"));
        Result searched = runUnprivileged("patient", "search", "--user", "admin", "--query-file", secret.toString(),
                "--data", clinic.toString());
        assertThat(searched.exitCode()).as(searched.err()).isEqualTo(2);
        assertThat(searched.err().lines()).singleElement().asString()
                .isEqualTo("clinicledger: --query-file " + secret + ": permission denied.");
        assertThat(searched.out()).isEmpty();
    }
}
