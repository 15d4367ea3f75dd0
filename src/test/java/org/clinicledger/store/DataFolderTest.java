package org.clinicledger.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataFolderTest {

    @TempDir
    Path temp;

    @Test
    void createsAMissingFolderOnlyItsOwnerMayEnter() throws Exception {
        Path root = temp.resolve("a/b/ClinicLedger");
        DataFolder folder = DataFolder.open(root, true);
        assertThat(folder.root()).isDirectory();
        assertThat(folder.databaseFile()).isEqualTo(root.resolve("clinicledger.db"));
        assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"));
        assertThat(Files.getPosixFilePermissions(root)).isEqualTo(PosixFilePermissions.fromString("rwx------"));
    }

    @Test
    void acceptsAnEmptyFolderAndOneWithOnlyFileManagerLitter() throws Exception {
        Path empty = Files.createDirectory(temp.resolve("empty"));
        assertThat(DataFolder.open(empty, true).root()).isEqualTo(empty);
        Files.createFile(empty.resolve(".DS_Store"));
        assertThat(DataFolder.open(empty, true).root()).isEqualTo(empty);
    }

    @Test
    void refusesAFolderHoldingOtherFilesAndWritesNothingIntoIt() throws Exception {
        Path foreign = Files.createDirectory(temp.resolve("photos"));
        Files.writeString(foreign.resolve("holiday.jpg"), "not ours");
        assertThatThrownBy(() -> DataFolder.open(foreign, true))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("is not a ClinicLedger data folder");
        try (var entries = Files.list(foreign)) {
            assertThat(entries).containsExactly(foreign.resolve("holiday.jpg"));
        }
    }

    @Test
    void refusesAFile() throws Exception {
        Path file = Files.writeString(temp.resolve("notes.txt"), "x");
        assertThatThrownBy(() -> DataFolder.open(file, true))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("is a file, not a folder");
    }

    @Test
    void doesNotCreateWhenAskedToOpenAnExistingFolder() {
        Path missing = temp.resolve("missing");
        assertThatThrownBy(() -> DataFolder.open(missing, false))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("There is no ClinicLedger data folder");
        assertThat(missing).doesNotExist();
    }

    @Test
    void refusesAFolderItCannotRead() throws Exception {
        assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"));
        Path locked = Files.createDirectory(temp.resolve("locked"));
        Files.setPosixFilePermissions(locked, Set.<PosixFilePermission>of());
        try {
            // The superuser reads everything, so the refusal can only be seen as another user: as root,
            // ReadOnlyFolderIT runs it as one.
            assumeTrue(!Files.isReadable(locked), "running as a user who can read any folder");
            assertThatThrownBy(() -> DataFolder.open(locked, true))
                    .isInstanceOf(StoreException.class)
                    .hasMessageContaining("Cannot read the data folder");
        } finally {
            Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("rwx------"));
        }
    }
}
