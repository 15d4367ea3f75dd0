package org.clinicledger.clinic;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import org.clinicledger.domain.AddedRecord;
import org.clinicledger.domain.ProblemCode;
import org.clinicledger.domain.Progress;
import org.clinicledger.domain.RecordInput;
import org.clinicledger.domain.VerificationProblem;
import org.clinicledger.domain.VerificationReport;
import org.clinicledger.testing.TestClinic;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a write cut short leaves in the vault: {@code verify} notes it without calling it
 * tampering, opening the folder to work in removes it once older than the grace period, and
 * nothing else is ever removed: not a file a committed row references, not a fresh file another
 * writer may be about to commit, not what a symbolic link in the vault points to.
 */
class LeftoverFilesTest {

    private static final String ORPHAN = "ab" + "0".repeat(62);

    @TempDir
    Path temp;

    private Path data;
    private Path vault;
    private AddedRecord record;

    @BeforeEach
    void clinicWithARecord() throws Exception {
        data = temp.resolve("clinic");
        TestClinic clinic = new TestClinic(data);
        Path scan = Files.write(temp.resolve("scan.pdf"), new byte[20_000]);
        try (var lee = clinic.lee()) {
            record = clinic.workspace.records().addRecord(lee, clinic.mrn,
                    new RecordInput("Asthma, mild persistent", null, "", List.of(scan)));
        }
        clinic.workspace.close();
        vault = data.resolve("vault");
        assertThat(vaultFiles()).hasSize(2);
    }

    private List<Path> vaultFiles() throws Exception {
        try (Stream<Path> files = Files.walk(vault)) {
            return files.filter(path -> Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)).toList();
        }
    }

    private static Path plant(Path file, int size) throws Exception {
        Files.createDirectories(file.getParent());
        return Files.write(file, new byte[size]);
    }

    private static void backdate(Path file) throws Exception {
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().minus(Duration.ofHours(2))));
    }

    private static VerificationReport verify(Path data) {
        try (Workspace inspected = Workspace.inspect(data)) {
            return inspected.verify(Progress.NONE);
        }
    }

    private static Workspace reopen(Path data) {
        return Workspace.open(data, false, java.time.Clock.systemUTC(), KeyDerivationTuning.minimum());
    }

    @Test
    void filesOfAWriteCutShortAreNotedByVerifyAndRemovedByOpeningOnceAnHourOld() throws Exception {
        Path orphan = plant(vault.resolve("ab").resolve(ORPHAN), 1_000);
        Path incoming = plant(vault.resolve("cd").resolve(".incoming-4711.tmp"), 500);
        List<Path> referenced = vaultFiles().stream().filter(path -> !path.equals(orphan) && !path.equals(incoming)).toList();
        for (Path file : vaultFiles()) {
            backdate(file);
        }

        VerificationReport noted = verify(data);
        assertThat(noted.ok()).as("leftovers are not tampering").isTrue();
        assertThat(noted.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.code()).isEqualTo(ProblemCode.LEFTOVER_FILES);
            assertThat(problem.code().tampering()).isFalse();
            assertThat(problem.reason()).startsWith("2 leftover files (1,500 bytes) that no record references");
        });

        try (Workspace working = reopen(data)) {
            assertThat(orphan).doesNotExist();
            assertThat(incoming).doesNotExist();
            assertThat(referenced).hasSize(2).allSatisfy(file -> assertThat(file).exists());
            Lee.opensTheRecord(working, record);
        }
        assertThat(verify(data).problems()).isEmpty();
    }

    @Test
    void aFreshFileIsKeptForAWriterThatHasNotCommittedYet() throws Exception {
        Path orphan = plant(vault.resolve("ab").resolve(ORPHAN), 1_000);

        try (Workspace working = reopen(data)) {
            assertThat(orphan).as("younger than an hour").exists();
            assertThat(working.removeLeftovers(Duration.ZERO).removed()).isEqualTo(1);
        }
        assertThat(orphan).doesNotExist();
        assertThat(vaultFiles()).hasSize(2);
    }

    @Test
    void theGracePeriodCanBeSetForAProcess() throws Exception {
        Path orphan = plant(vault.resolve("ab").resolve(ORPHAN), 1_000);
        System.setProperty(Workspace.LEFTOVER_GRACE_PROPERTY, "PT0S");
        try {
            reopen(data).close();
        } finally {
            System.clearProperty(Workspace.LEFTOVER_GRACE_PROPERTY);
        }
        assertThat(orphan).doesNotExist();
        assertThat(vaultFiles()).hasSize(2);
    }

    @Test
    void theFilesOfADeletedRecordThatACrashLeftAreRemoved() throws Exception {
        List<Path> files = vaultFiles();
        List<byte[]> contents = files.stream().map(LeftoverFilesTest::read).toList();
        try (Workspace working = reopen(data)) {
            Lee.deletes(working, record);
        }
        assertThat(vaultFiles()).isEmpty();
        // A crash between the tombstone's commit and the removal of the files leaves them.
        for (int i = 0; i < files.size(); i++) {
            Files.write(files.get(i), contents.get(i));
            backdate(files.get(i));
        }

        assertThat(verify(data).problems()).extracting(VerificationProblem::code).containsExactly(ProblemCode.LEFTOVER_FILES);
        reopen(data).close();
        assertThat(vaultFiles()).isEmpty();
        assertThat(verify(data).problems()).isEmpty();
    }

    @Test
    void aSymbolicLinkInTheVaultIsNeitherFollowedNorRemoved() throws Exception {
        Path outside = Files.createDirectory(temp.resolve("outside"));
        Path precious = plant(outside.resolve(ORPHAN), 100);
        Path preciousInFolder = plant(outside.resolve("cd" + "1".repeat(62)), 100);
        Path linkedFile = Files.createSymbolicLink(plant(vault.resolve("ab").resolve("placeholder"), 0)
                .resolveSibling(ORPHAN), precious);
        Path linkedShard = Files.createSymbolicLink(vault.resolve("cd"), outside);
        backdate(precious);
        backdate(preciousInFolder);

        try (Workspace working = reopen(data)) {
            assertThat(working.removeLeftovers(Duration.ZERO).files()).isZero();
        }

        assertThat(precious).exists();
        assertThat(preciousInFolder).exists();
        assertThat(linkedFile).isSymbolicLink();
        assertThat(linkedShard).isSymbolicLink();
        assertThat(vaultFiles()).hasSize(3).contains(vault.resolve("ab").resolve("placeholder"));
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Dr Lee's moves on a reopened workspace of the test clinic. */
    private static final class Lee {
        static void opensTheRecord(Workspace workspace, AddedRecord record) {
            try (var lee = workspace.accounts().login("dr.lee", TestClinic.LEE_PASSWORD.toCharArray())) {
                assertThat(workspace.records().showRecord(lee, record.recordId()).latest().diagnosis())
                        .isEqualTo("Asthma, mild persistent");
                assertThat(workspace.records().readAttachment(lee, record.recordId(), 1, 0)).hasSize(20_000);
            }
        }

        static void deletes(Workspace workspace, AddedRecord record) {
            try (var lee = workspace.accounts().login("dr.lee", TestClinic.LEE_PASSWORD.toCharArray())) {
                workspace.records().deleteRecord(lee, record.recordId(), "entered for the wrong patient");
            }
        }
    }
}
