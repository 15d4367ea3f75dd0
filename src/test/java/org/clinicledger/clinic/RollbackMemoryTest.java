package org.clinicledger.clinic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.clinicledger.domain.ClinicFingerprint;
import org.clinicledger.domain.InvalidInputException;
import org.clinicledger.domain.Progress;
import org.clinicledger.domain.ProblemCode;
import org.clinicledger.domain.RecordInput;
import org.clinicledger.domain.RecordId;
import org.clinicledger.domain.RefusedException;
import org.clinicledger.domain.VerificationProblem;
import org.clinicledger.testing.Folders;
import org.clinicledger.testing.RawTables;
import org.clinicledger.testing.TestClinic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The attacks of a rolled-back data folder, on real folders with this machine's real memory: a
 * whole database copied back, the tails of two chains cut, a chain replaced by an older prefix and
 * a forked history are each named with their chains and sizes; a folder as new as it was seen is
 * not; a memory file that cannot be used is said so and left alone; an administrator's signed
 * acceptance clears the finding.
 */
class RollbackMemoryTest {

    private static final String ADMIN_PASSWORD = "admin password 1";

    @TempDir
    Path temp;

    private Path data;
    private String patient;

    private Workspace setUp() {
        data = temp.resolve("clinic");
        TestClinic clinic = new TestClinic(data);
        patient = "patient/" + clinic.mrn.digits();
        clinic.workspace.close();
        return open();
    }

    private Workspace open() {
        return Workspace.open(data, false, Clock.systemUTC(), KeyDerivationTuning.minimum());
    }

    private Session login(Workspace workspace, String user, String password) {
        return workspace.accounts().login(user, password.toCharArray());
    }

    private Session patientSession(Workspace workspace) {
        return login(workspace, patient.substring("patient/".length()), TestClinic.PATIENT_PASSPHRASE);
    }

    @Test
    void aDatabaseCopiedBackAfterARevocationIsRolledBackAndTheRevokedDoctorIsNamed() throws Exception {
        Workspace workspace = setUp();
        workspace.close();
        Path aside = copyDatabase(data, temp.resolve("aside"));
        workspace = open();
        try (Session ada = patientSession(workspace)) {
            workspace.access().revoke(ada, "dr.lee");
        }
        workspace.close();
        restoreDatabase(aside, data);

        try (Workspace inspected = Workspace.inspect(data)) {
            assertThat(inspected.verify(Progress.NONE).ok()).as("consistent in itself").isTrue();
            List<VerificationProblem> found = inspected.compareWithMemoryOnly();
            assertThat(found).extracting(VerificationProblem::chain).containsExactlyInAnyOrder(patient, "doctor/dr.lee");
            assertThat(found).allSatisfy(problem -> {
                assertThat(problem.code()).isEqualTo(ProblemCode.ROLLED_BACK);
                assertThat(problem.code().tampering()).isTrue();
                assertThat(problem.reason()).containsPattern("covers \\d+ blocks; this machine saw \\d+ blocks");
            });
        }
        Workspace reopened = open();
        assertThat(reopened.rollbackFindings()).extracting(VerificationProblem::code).containsOnly(ProblemCode.ROLLED_BACK);
        assertThat(RollbackMemory.warning(reopened.rollbackFindings())).contains(patient).contains("doctor/dr.lee")
                .contains("accept-rollback");
        reopened.close();
        // Reported again: a folder found rolled back does not overwrite the memory.
        try (Workspace again = open()) {
            assertThat(again.rollbackFindings()).hasSize(2);
        }
    }

    @Test
    void aFolderThatCannotEvenBeComparedIsNotWorkedIn() throws Exception {
        setUp().close();
        RawTables raw = new RawTables(data);
        try (var connection = raw.connect(); var statement = connection.createStatement()) {
            statement.execute("DROP TABLE signed_heads");
        }

        try (Workspace reopened = open()) {
            assertThat(reopened.rollbackFindings()).extracting(VerificationProblem::code)
                    .containsExactly(ProblemCode.ROLLBACK_MEMORY);
            assertThat(reopened.rollbackFindings().get(0).reason()).contains("could not be compared");
        }
    }

    @Test
    void theTailsOfTwoChainsCutWithTheirHeadsAreRolledBackWithTheirSizes() throws Exception {
        Workspace workspace = setUp();
        RecordId record;
        try (Session lee = login(workspace, "dr.lee", TestClinic.LEE_PASSWORD)) {
            record = workspace.records().addRecord(lee, new org.clinicledger.domain.MedicalRecordNumber(
                    patient.substring("patient/".length())), new RecordInput("Asthma", null, "notes", List.of()))
                    .recordId();
            workspace.records().showRecord(lee, record);
        }
        workspace.close();
        RawTables raw = new RawTables(data);
        long patientSize = raw.count("SELECT count(*) FROM blocks WHERE chain_id = ?", patient);
        long leeSize = raw.count("SELECT count(*) FROM blocks WHERE chain_id = ?", "doctor/dr.lee");
        cutTail(raw, patient, patientSize - 1);
        cutTail(raw, "doctor/dr.lee", leeSize - 1);

        try (Workspace inspected = Workspace.inspect(data)) {
            assertThat(inspected.compareWithMemoryOnly()).extracting(VerificationProblem::toString)
                    .containsExactlyInAnyOrder(
                            "doctor/dr.lee #" + (leeSize - 1) + ": rolled back: the newest signed head covers "
                                    + (leeSize - 1) + " blocks; this machine saw " + leeSize
                                    + " blocks: the newer blocks and heads were removed [rolled-back]",
                            patient + " #" + (patientSize - 1) + ": rolled back: the newest signed head covers "
                                    + (patientSize - 1) + " blocks; this machine saw " + patientSize
                                    + " blocks: the newer blocks and heads were removed [rolled-back]");
        }
    }

    @Test
    void aChainReplacedByAnOlderPrefixOfItselfIsRolledBack() throws Exception {
        Workspace workspace = setUp();
        workspace.close();
        Path older = Folders.copy(data, temp.resolve("older"));
        workspace = open();
        workspace.accounts().changePassword("admin", ADMIN_PASSWORD.toCharArray(), "admin password 2".toCharArray());
        workspace.close();
        RawTables raw = new RawTables(data);
        try (var connection = raw.connect(); var statement = connection.createStatement()) {
            statement.execute("DROP TRIGGER blocks_are_never_deleted");
            statement.execute("DROP TRIGGER signed_heads_are_never_deleted");
            statement.execute("ATTACH DATABASE '" + older.resolve("clinicledger.db") + "' AS older");
            for (String table : List.of("blocks", "signed_heads", "chains")) {
                statement.execute("DELETE FROM " + table + " WHERE chain_id = 'staff/admin'");
                statement.execute("INSERT INTO " + table + " SELECT * FROM older." + table
                        + " WHERE chain_id = 'staff/admin'");
            }
        }

        try (Workspace inspected = Workspace.inspect(data)) {
            assertThat(inspected.compareWithMemoryOnly()).singleElement().satisfies(problem -> {
                assertThat(problem.chain()).isEqualTo("staff/admin");
                assertThat(problem.code()).isEqualTo(ProblemCode.ROLLED_BACK);
            });
        }
    }

    @Test
    void aForkedHistoryOfTheSameSizeOrLongerIsRewritten() throws Exception {
        Workspace workspace = setUp();
        workspace.close();
        Path fork = Folders.copy(data, temp.resolve("fork"));
        // The fork is written where this machine's memory does not look (as on another machine).
        try (Workspace other = Workspace.scratch(fork)) {
            try (Session ada = login(other, patient.substring("patient/".length()), TestClinic.PATIENT_PASSPHRASE)) {
                other.access().grant(ada, "dr.kim", null);
            }
        }
        workspace = open();
        try (Session ada = patientSession(workspace)) {
            workspace.access().revoke(ada, "dr.lee");
        }
        workspace.close();

        try (Workspace inspected = Workspace.inspect(fork)) {
            List<VerificationProblem> found = inspected.compareWithMemoryOnly();
            assertThat(found).filteredOn(problem -> problem.chain().equals(patient)).singleElement()
                    .satisfies(problem -> {
                        assertThat(problem.code()).isEqualTo(ProblemCode.REWRITTEN);
                        assertThat(problem.reason()).contains("another Merkle root");
                    });
            assertThat(found).filteredOn(problem -> problem.chain().equals("doctor/dr.lee")).singleElement()
                    .extracting(VerificationProblem::code).isEqualTo(ProblemCode.ROLLED_BACK);
        }
        try (Workspace other = Workspace.scratch(fork)) {
            try (Session ada = login(other, patient.substring("patient/".length()), TestClinic.PATIENT_PASSPHRASE)) {
                other.access().revoke(ada, "dr.kim");
            }
            assertThat(other.compareWithMemoryOnly()).filteredOn(problem -> problem.chain().equals(patient))
                    .singleElement().satisfies(problem -> {
                        assertThat(problem.code()).isEqualTo(ProblemCode.REWRITTEN);
                        assertThat(problem.reason()).contains("do not extend").contains("(no Merkle consistency proof)");
                    });
        }
    }

    @Test
    void aFolderReopenedAfterLegitimateWritesReportsNothing() {
        Workspace workspace = setUp();
        assertThat(workspace.rollbackFindings()).isEmpty();
        try (Session ada = patientSession(workspace)) {
            workspace.access().grant(ada, "dr.kim", null);
        }
        workspace.close();
        try (Workspace again = open()) {
            assertThat(again.rollbackFindings()).isEmpty();
            assertThat(again.compareWithMemoryOnly()).isEmpty();
        }
        assertThat(memoryFile()).exists();
    }

    @Test
    void anUnchangedFolderIsNotRememberedAgainAndANewHeadIsWhileAHeadForgedOverTheRememberedOneIsNot() throws Exception {
        setUp().close();
        Path memory = memoryFile();
        java.nio.file.attribute.FileTime old = java.nio.file.attribute.FileTime.fromMillis(1_000_000_000_000L);
        Files.setLastModifiedTime(memory, old);
        String before = Files.readString(memory);
        open().close();
        assertThat(Files.getLastModifiedTime(memory)).as("nothing changed, nothing written").isEqualTo(old);

        Workspace workspace = open();
        try (Session ada = patientSession(workspace)) {
            workspace.access().grant(ada, "dr.kim", null);
        }
        workspace.close();
        open().close();
        String after = Files.readString(memory);
        assertThat(after).isNotEqualTo(before);
        assertThat(Files.getLastModifiedTime(memory)).isNotEqualTo(old);

        // Someone with write access to the folder re-signs nothing but swaps the newest head's
        // signature: it is no longer the head remembered, so it is checked, refused and not remembered.
        RawTables raw = new RawTables(data);
        try (var connection = raw.connect(); var statement = connection.createStatement()) {
            statement.execute("DROP TRIGGER IF EXISTS signed_heads_are_never_updated");
        }
        raw.update("UPDATE signed_heads SET signature = zeroblob(64) WHERE chain_id = ? AND size = "
                + "(SELECT max(size) FROM signed_heads WHERE chain_id = ?)", patient, patient);
        open().close();
        assertThat(Files.readString(memory)).as("a forged head is never remembered").isEqualTo(after);
    }

    @Test
    void theMemoryLivesOutsideTheFolderOwnerOnly() throws IOException {
        setUp().close();
        Path memory = memoryFile();
        assertThat(memory).exists();
        assertThat(memory.toAbsolutePath().startsWith(data.toAbsolutePath())).isFalse();
        try (Stream<Path> inFolder = Files.walk(data)) {
            assertThat(inFolder.map(Path::getFileName).map(Path::toString)).noneMatch(name -> name.contains("rollback"));
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(memory))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(memory.getParent()))).isEqualTo("rwx------");
        String text = Files.readString(memory);
        assertThat(text).contains(patient).contains("clinicledger/rollback-memory/v1").doesNotContain("Ada");
    }

    @Test
    void aGarbledOversizedOrForeignMemoryIsReportedInPlainWordsAndLeftAsItIs() throws Exception {
        setUp().close();
        Path memory = memoryFile();
        String original = Files.readString(memory);
        Map<String, byte[]> damaged = Map.of(
                "not readable JSON", "{\"format\": ".getBytes(StandardCharsets.UTF_8),
                "bytes", new byte[HeadMemoryLimit.BEYOND],
                "another clinic", original.replace(fingerprint().value(), "A".repeat(32))
                        .getBytes(StandardCharsets.UTF_8),
                "unknown field", original.replace("\"seenAt\"", "\"@class\"").getBytes(StandardCharsets.UTF_8));
        for (Map.Entry<String, byte[]> each : damaged.entrySet()) {
            Files.write(memory, each.getValue());
            try (Workspace workspace = open()) {
                assertThat(workspace.rollbackFindings()).as(each.getKey()).singleElement().satisfies(problem -> {
                    assertThat(problem.code()).isEqualTo(ProblemCode.ROLLBACK_MEMORY);
                    assertThat(problem.reason()).contains(memory.toString()).contains(each.getKey())
                            .contains("cannot be ruled out").contains("accept-rollback");
                });
            }
            assertThat(Files.readAllBytes(memory)).as("never replaced unasked").isEqualTo(each.getValue());
        }
    }

    /** A memory file one byte beyond what is read. */
    private static final class HeadMemoryLimit {
        static final int BEYOND = org.clinicledger.ledger.HeadMemory.MAX_BYTES + 1;
    }

    @Test
    void anAdministratorsSignedAcceptanceClearsTheFindingAndIsCheckedWhenRead() throws Exception {
        Workspace workspace = setUp();
        workspace.close();
        Path aside = copyDatabase(data, temp.resolve("aside"));
        workspace = open();
        try (Session ada = patientSession(workspace)) {
            workspace.access().revoke(ada, "dr.lee");
        }
        workspace.close();
        restoreDatabase(aside, data);

        Workspace rolledBack = open();
        assertThat(rolledBack.rollbackFindings()).isNotEmpty();
        try (Session lee = login(rolledBack, "dr.lee", TestClinic.LEE_PASSWORD)) {
            assertThatThrownBy(() -> rolledBack.acceptRollback(lee, "restored"))
                    .isInstanceOf(RefusedException.class).hasMessageContaining("Only an administrator");
        }
        try (Session admin = login(rolledBack, "admin", ADMIN_PASSWORD)) {
            assertThatThrownBy(() -> rolledBack.acceptRollback(admin, "  "))
                    .isInstanceOf(InvalidInputException.class);
            RollbackMemory.Accepted accepted = rolledBack.acceptRollback(admin, "Restored last night's backup");
            assertThat(accepted.accepted()).hasSize(2);
            assertThat(accepted.setAside()).isNull();
            assertThat(rolledBack.acceptRollback(admin, "again").accepted()).as("nothing left").isEmpty();
        }
        assertThat(rolledBack.rollbackFindings()).isEmpty();
        rolledBack.close();
        try (Workspace again = open()) {
            assertThat(again.rollbackFindings()).isEmpty();
        }
        String text = Files.readString(memoryFile());
        assertThat(text).contains("Restored last night's backup").contains("staff/admin");

        // A statement changed afterwards no longer verifies, and says so.
        Files.writeString(memoryFile(), text.replace("Restored last night's backup", "Restored a backup"));
        try (Workspace again = open()) {
            assertThat(again.rollbackFindings()).singleElement().satisfies(problem -> {
                assertThat(problem.code()).isEqualTo(ProblemCode.ROLLBACK_MEMORY);
                assertThat(problem.reason()).contains("not signed by an administrator");
            });
        }
    }

    @Test
    void acceptingAnUnreadableMemorySetsItAside() throws Exception {
        setUp().close();
        Files.writeString(memoryFile(), "garbage");
        Workspace workspace = open();
        try (Session admin = login(workspace, "admin", ADMIN_PASSWORD)) {
            RollbackMemory.Accepted accepted = workspace.acceptRollback(admin, "The memory file was damaged by a disk fault");
            assertThat(accepted.setAside()).exists().hasContent("garbage");
        }
        workspace.close();
        try (Workspace again = open()) {
            assertThat(again.rollbackFindings()).isEmpty();
        }
    }

    @Test
    void aFolderThatNowHoldsAnotherClinicIsNamed() throws Exception {
        setUp().close();
        ClinicFingerprint first = fingerprint();
        try (Stream<Path> files = Files.walk(data)) {
            files.sorted(java.util.Comparator.reverseOrder()).filter(path -> !path.equals(data)).forEach(path ->
                    path.toFile().delete());
        }
        new TestClinic(data).workspace.close();
        try (Workspace workspace = open()) {
            assertThat(workspace.rollbackFindings()).singleElement().satisfies(problem -> {
                assertThat(problem.code()).isEqualTo(ProblemCode.CLINIC_REPLACED);
                assertThat(problem.reason()).contains(first.grouped());
            });
        }
    }

    @Test
    void theStateFolderFollowsEachPlatformsConfigurationPlaceAndCanBeOverridden() {
        Path home = Path.of("/home/ada");
        assertThat(RollbackMemory.resolveStateFolder(null, Map.of(), "Linux", home))
                .isEqualTo(Path.of("/home/ada/.config/clinicledger"));
        assertThat(RollbackMemory.resolveStateFolder(null, Map.of("XDG_CONFIG_HOME", "/cfg"), "Linux", home))
                .isEqualTo(Path.of("/cfg/clinicledger"));
        assertThat(RollbackMemory.resolveStateFolder(null, Map.of("XDG_CONFIG_HOME", "relative"), "Linux", home))
                .isEqualTo(Path.of("/home/ada/.config/clinicledger"));
        assertThat(RollbackMemory.resolveStateFolder(null, Map.of("APPDATA", "/appdata"), "Windows 11", home))
                .isEqualTo(Path.of("/appdata/ClinicLedger State"));
        assertThat(RollbackMemory.resolveStateFolder(null, Map.of(), "Mac OS X", home))
                .isEqualTo(Path.of("/home/ada/Library/Application Support/ClinicLedger State"));
        assertThat(RollbackMemory.resolveStateFolder(null, Map.of("CLINICLEDGER_STATE", "/state"), "Linux", home))
                .isEqualTo(Path.of("/state"));
        assertThat(RollbackMemory.resolveStateFolder("/property", Map.of("CLINICLEDGER_STATE", "/state"), "Linux", home))
                .isEqualTo(Path.of("/property"));
    }

    @Test
    void aStateFolderInsideTheDataFolderIsRefusedAsAMemory() {
        setUp().close();
        try (Workspace workspace = open()) {
            RollbackMemory inside = new RollbackMemory(data.resolve("state"), data,
                    new org.clinicledger.ledger.RollbackCheck(workspace.database(), new org.clinicledger.store.ChainStore()),
                    Clock.fixed(Instant.EPOCH, java.time.ZoneOffset.UTC));
            assertThat(inside.compareAndRemember()).singleElement().satisfies(problem ->
                    assertThat(problem.reason()).contains("inside the data folder"));
            assertThat(data.resolve("state")).doesNotExist();
        }
    }

    // ---- helpers

    private ClinicFingerprint fingerprint() {
        try (Workspace workspace = Workspace.inspect(data)) {
            return workspace.verify(Progress.NONE).clinicKey();
        }
    }

    private Path memoryFile() {
        return RollbackMemory.resolveStateFolder().resolve("clinics").resolve(fingerprint().value() + ".json");
    }

    @Test
    void aFolderOpenedBeforeItsUpkeepIsComparedFirstAndARolledBackOneIsNeverTidied() throws Exception {
        Workspace workspace = setUp();
        workspace.close();
        Path aside = copyDatabase(data, temp.resolve("aside"));
        workspace = open();
        try (Session ada = patientSession(workspace)) {
            workspace.access().revoke(ada, "dr.lee");
        }
        workspace.close();
        restoreDatabase(aside, data);
        Path leftover = data.resolve("vault").resolve("ab").resolve("ab" + "0".repeat(62));
        Files.createDirectories(leftover.getParent());
        Files.write(leftover, new byte[1_000]);
        Files.setLastModifiedTime(leftover, java.nio.file.attribute.FileTime.from(
                java.time.Instant.now().minus(java.time.Duration.ofHours(2))));

        try (Workspace rolledBack = Workspace.openBeforeUpkeep(data, false)) {
            assertThat(rolledBack.rollbackFindings()).as("known before anything else runs")
                    .extracting(VerificationProblem::code).containsOnly(ProblemCode.ROLLED_BACK);
            rolledBack.upkeep();
            assertThat(leftover).as("what putting the newest copy back may restore").exists();
        }
    }

    private static void cutTail(RawTables raw, String chain, long keep) throws Exception {
        try (var connection = raw.connect(); var statement = connection.createStatement()) {
            statement.execute("DROP TRIGGER IF EXISTS blocks_are_never_deleted");
            statement.execute("DROP TRIGGER IF EXISTS signed_heads_are_never_deleted");
        }
        raw.update("DELETE FROM blocks WHERE chain_id = ? AND height >= ?", chain, keep);
        raw.update("DELETE FROM signed_heads WHERE chain_id = ? AND size > ?", chain, keep);
    }

    private static Path copyDatabase(Path folder, Path target) throws IOException {
        Files.createDirectories(target);
        for (String name : List.of("clinicledger.db", "clinicledger.db-wal", "clinicledger.db-shm")) {
            if (Files.exists(folder.resolve(name))) {
                Files.copy(folder.resolve(name), target.resolve(name));
            }
        }
        return target;
    }

    private static void restoreDatabase(Path aside, Path folder) throws IOException {
        for (String name : List.of("clinicledger.db", "clinicledger.db-wal", "clinicledger.db-shm")) {
            Files.deleteIfExists(folder.resolve(name));
            if (Files.exists(aside.resolve(name))) {
                Files.copy(aside.resolve(name), folder.resolve(name), StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }
}
