package org.clinicledger.clinic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.clinicledger.domain.RecordInput;
import org.clinicledger.testing.TestClinic;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Everything ClinicLedger makes in a data folder is its owner's alone, whether the folder was new or
 * an existing empty one the person chose (which kept its 0755 before): the folder and the vault's
 * folders 0700; the database, its log and index, the vault's files, the log files and the node key
 * 0600. Other systems have no such modes, and the test is skipped there.
 */
class OwnerOnlyFilesTest {

    @TempDir
    Path temp;

    @BeforeEach
    void posixOnly() {
        assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"), "no POSIX modes here");
    }

    @AfterEach
    void stopLoggingIntoTheFolder() {
        FileLogging.discard();
    }

    private void usedAsAClinic(Path data) throws Exception {
        TestClinic clinic = new TestClinic(data);
        try {
            FileLogging.writeTo(clinic.workspace.logFolder());
            LoggerFactory.getLogger(OwnerOnlyFilesTest.class).info("A line, so that the log file exists");
            Path scan = Files.write(temp.resolve("scan.pdf"), new byte[5_000]);
            try (var lee = clinic.lee()) {
                clinic.workspace.records().addRecord(lee, clinic.mrn, new RecordInput("Asthma", null, "", List.of(scan)));
            }
            Map<String, String> modes = modes(data);
            assertThat(modes).containsKeys(".", "clinicledger.db", "clinicledger.db-wal", "clinicledger.db-shm",
                    "node.key", "logs", "logs/clinicledger.log", "vault");
            assertThat(modes).allSatisfy((name, mode) -> assertThat(mode).as(name)
                    .isEqualTo(Files.isDirectory(data.resolve(name)) ? "rwx------" : "rw-------"));
        } finally {
            clinic.workspace.close();
        }
    }

    @Test
    void aNewFolderHoldsOnlyOwnerOnlyFilesAndFolders() throws Exception {
        usedAsAClinic(temp.resolve("new"));
    }

    @Test
    void anExistingEmptyFolderIsMadeOwnerOnlyToo() throws Exception {
        Path data = Files.createDirectory(temp.resolve("chosen"), PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rwxr-xr-x")));
        Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwxr-xr-x"));
        usedAsAClinic(data);
    }

    @Test
    void aFolderInUseKeepsTheModesItsOwnerGaveIt() throws Exception {
        Path data = temp.resolve("in-use");
        new TestClinic(data).workspace.close();
        Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwxr-x---"));
        Workspace.open(data, false).close();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data))).isEqualTo("rwxr-x---");
    }

    private static Map<String, String> modes(Path root) throws Exception {
        Map<String, String> modes = new TreeMap<>();
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : (Iterable<Path>) paths::iterator) {
                String name = root.relativize(path).toString();
                modes.put(name.isEmpty() ? "." : name, PosixFilePermissions.toString(
                        Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS)));
            }
        }
        return modes;
    }
}
