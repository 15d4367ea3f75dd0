package org.clinicledger.clinic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;

import org.clinicledger.domain.Progress;
import org.clinicledger.domain.RefusedException;
import org.clinicledger.domain.VerificationReport;
import org.clinicledger.ledger.NodeIdentity;
import org.clinicledger.testing.TestClinic;
import org.clinicledger.testing.TestLedger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkspaceTest {

    @TempDir
    Path temp;

    @Test
    void aNewFolderGetsANodeKeyOnlyItsOwnerMayReadAndSetUpRegistersItsChain() throws Exception {
        Workspace workspace = Workspace.open(temp.resolve("data"), true, Clock.systemUTC(), KeyDerivationTuning.minimum());
        Path key = workspace.root().resolve(NodeIdentity.FILE_NAME);
        assertThat(key).isRegularFile();
        if (Files.getFileStore(key).supportsFileAttributeView("posix")) {
            assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(key)))
                    .isEqualTo("rw-------");
        }
        assertThat(workspace.verify(Progress.NONE).chains()).as("nothing is on the ledger before set-up").isZero();
        assertThatThrownBy(() -> TestLedger.of(workspace).appendAll(java.util.List.of()))
                .isInstanceOf(RefusedException.class).hasMessageContaining("has not been set up yet");
        workspace.accounts().setUp("Hillside Clinic", "admin", "admin password 1".toCharArray());
        VerificationReport report = workspace.verify(Progress.NONE);
        assertThat(report.ok()).isTrue();
        assertThat(report.chains()).as("the clinic's, this machine's and the administrator's").isEqualTo(3);
        assertThat(report.clinicKey()).isEqualTo(workspace.clinic().fingerprint().orElseThrow());
        Workspace.open(temp.resolve("data"), true);
        assertThat(workspace.verify(Progress.NONE).chains()).as("reopening adds no second node chain").isEqualTo(3);
    }

    @Test
    void aCopyWithoutTheNodeKeyVerifiesButRefusesToWrite() throws Exception {
        new TestClinic(temp.resolve("data")).workspace.close();
        Files.delete(temp.resolve("data").resolve(NodeIdentity.FILE_NAME));
        Workspace copy = Workspace.open(temp.resolve("data"), false);
        assertThat(copy.verify(Progress.NONE).ok()).isTrue();
        assertThatThrownBy(() -> TestLedger.of(copy).appendAll(java.util.List.of()))
                .isInstanceOf(RefusedException.class).hasMessageContaining("can verify the ledger but not add to it");
        Workspace reopened = Workspace.open(temp.resolve("data"), true);
        assertThat(temp.resolve("data").resolve(NodeIdentity.FILE_NAME))
                .as("a copy of a set-up clinic makes no key the clinic never authorized").doesNotExist();
        assertThatThrownBy(() -> TestLedger.of(reopened).appendAll(java.util.List.of()))
                .isInstanceOf(RefusedException.class).hasMessageContaining("can verify the ledger but not add to it");
    }

    @Test
    void aNodeKeyTheClinicNeverAuthorizedMayNotWrite() throws Exception {
        new TestClinic(temp.resolve("data")).workspace.close();
        Files.delete(temp.resolve("data").resolve(NodeIdentity.FILE_NAME));
        NodeIdentity.create(temp.resolve("data"), new java.security.SecureRandom());
        Workspace stranger = Workspace.open(temp.resolve("data"), true);
        assertThatThrownBy(() -> TestLedger.of(stranger).appendAll(java.util.List.of()))
                .isInstanceOf(RefusedException.class).hasMessageContaining("not one the clinic has authorized");
        assertThat(stranger.verify(Progress.NONE).ok()).as("and nothing was written").isTrue();
    }

    @Test
    void aDamagedNodeKeyStopsWritingButNotVerifying() throws Exception {
        new TestClinic(temp.resolve("data")).workspace.close();
        Files.writeString(temp.resolve("data").resolve(NodeIdentity.FILE_NAME), "not a key\n");
        assertThatThrownBy(() -> Workspace.open(temp.resolve("data"), true))
                .isInstanceOf(UnusableDataFolderException.class)
                .hasMessageContaining("does not hold a node key")
                .hasMessageContaining("Restore it from a backup");
        assertThat(Workspace.open(temp.resolve("data"), false).verify(Progress.NONE).ok()).isTrue();
    }
}
