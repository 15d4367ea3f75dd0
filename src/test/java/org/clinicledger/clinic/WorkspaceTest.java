package org.clinicledger.clinic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;

import org.clinicledger.domain.Progress;
import org.clinicledger.domain.RefusedException;
import org.clinicledger.ledger.NodeIdentity;
import org.clinicledger.testing.TestLedger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkspaceTest {

    @TempDir
    Path temp;

    @Test
    void aNewFolderGetsANodeKeyOnlyItsOwnerMayReadAndANodeChain() throws Exception {
        Workspace workspace = Workspace.open(temp.resolve("data"), true);
        Path key = workspace.root().resolve(NodeIdentity.FILE_NAME);
        assertThat(key).isRegularFile();
        if (Files.getFileStore(key).supportsFileAttributeView("posix")) {
            assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(key)))
                    .isEqualTo("rw-------");
        }
        assertThat(workspace.verify(Progress.NONE).chains()).isEqualTo(1);
        Workspace.open(temp.resolve("data"), true);
        assertThat(workspace.verify(Progress.NONE).chains()).as("reopening adds no second node chain").isEqualTo(1);
    }

    @Test
    void aCopyWithoutTheNodeKeyVerifiesButRefusesToWrite() throws Exception {
        Workspace.open(temp.resolve("data"), true);
        Files.delete(temp.resolve("data").resolve(NodeIdentity.FILE_NAME));
        Workspace copy = Workspace.open(temp.resolve("data"), false);
        assertThat(copy.verify(Progress.NONE).ok()).isTrue();
        assertThatThrownBy(() -> TestLedger.of(copy).appendAll(java.util.List.of()))
                .isInstanceOf(RefusedException.class).hasMessageContaining("can verify the ledger but not add to it");
    }

    @Test
    void aDamagedNodeKeyStopsWritingButNotVerifying() throws Exception {
        Workspace.open(temp.resolve("data"), true);
        Files.writeString(temp.resolve("data").resolve(NodeIdentity.FILE_NAME), "not a key\n");
        assertThatThrownBy(() -> Workspace.open(temp.resolve("data"), true))
                .isInstanceOf(UnusableDataFolderException.class)
                .hasMessageContaining("does not hold a node key")
                .hasMessageContaining("Restore it from a backup");
        assertThat(Workspace.open(temp.resolve("data"), false).verify(Progress.NONE).ok()).isTrue();
    }
}
