package org.clinicledger.clinic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import org.clinicledger.domain.BackupSummary;
import org.clinicledger.domain.InvalidInputException;
import org.clinicledger.domain.LoginFailedException;
import org.clinicledger.domain.ProblemCode;
import org.clinicledger.domain.Progress;
import org.clinicledger.domain.RecordId;
import org.clinicledger.domain.RecordInput;
import org.clinicledger.domain.RefusedException;
import org.clinicledger.domain.VerificationProblem;
import org.clinicledger.domain.VerificationReport;
import org.clinicledger.exchange.BackupFile;
import org.clinicledger.ledger.NodeIdentity;
import org.clinicledger.testing.FolderState;
import org.clinicledger.testing.TestClinic;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Backups and restores on real clinics in temporary folders: a round trip that verifies and reads
 * again, a backup taken while another connection writes, folders that are not empty, every
 * single-byte change to the header and a sample in the sealed content, cut and extended files, the
 * wrong administrator or password, and an older backup restored on a machine that saw newer heads.
 */
class BackupServiceTest {

    @TempDir
    Path temp;

    private TestClinic clinic;
    private Path data;
    private RecordId record;

    @BeforeEach
    void clinicWithARecordAndAnAttachment() throws Exception {
        data = temp.resolve("clinic");
        clinic = new TestClinic(data);
        Path scan = Files.write(temp.resolve("scan.pdf"), new byte[150_000]);
        try (Session lee = clinic.lee()) {
            record = clinic.workspace.records().addRecord(lee, clinic.mrn,
                    new RecordInput("Asthma, mild persistent", null, "Inhaler as needed", List.of(scan))).recordId();
        }
    }

    private BackupService.Made backUp(Path file) {
        try (Session admin = clinic.login("admin", TestClinic.ADMIN_PASSWORD)) {
            return clinic.workspace.backups().backUp(admin, file, false, Progress.NONE);
        }
    }

    private static BackupService.Restored restore(Path file, Path target) {
        return BackupService.restore(file, target, "admin", TestClinic.ADMIN_PASSWORD.toCharArray(), Progress.NONE);
    }

    @Test
    void aRestoredClinicVerifiesHoldsTheSameRecordsAndIsOwnerOnly() throws Exception {
        assertThat(clinic.workspace.backups().reminderDue()).isTrue();
        Path file = temp.resolve("hillside.clbackup");
        BackupService.Made made = backUp(file);

        assertThat(made.bytes()).isEqualTo(Files.size(file));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(clinic.workspace.backups().lastBackup()).contains(made.summary().created());
        assertThat(clinic.workspace.backups().reminderDue()).isFalse();
        try (Stream<Path> left = Files.list(data)) {
            assertThat(left.map(path -> path.getFileName().toString())).noneMatch(name -> name.startsWith(".backup-"));
        }
        try (Stream<Path> left = Files.list(temp)) {
            assertThat(left.map(path -> path.getFileName().toString())).noneMatch(name -> name.endsWith(".part"));
        }
        BackupSummary header = BackupService.describe(file);
        assertThat(header.clinic()).isEqualTo(clinic.workspace.clinic().fingerprint().orElseThrow());
        assertThat(header.vaultFiles()).isEqualTo(2);
        assertThat(header.nodeKey()).isTrue();
        assertThat(header.administrators()).containsExactly("admin");
        assertThat(Files.readString(file, java.nio.charset.StandardCharsets.ISO_8859_1))
                .startsWith(BackupFile.FORMAT + "\n").doesNotContain("Asthma").doesNotContain("Ada Byron");

        Path restored = temp.resolve("restored");
        BackupService.Restored done = restore(file, restored);

        assertThat(done.report().ok()).as(done.report().problems().toString()).isTrue();
        assertThat(done.report().blocks()).isEqualTo(header.blocks());
        assertThat(Files.readAllBytes(restored.resolve(NodeIdentity.FILE_NAME)))
                .isEqualTo(Files.readAllBytes(data.resolve(NodeIdentity.FILE_NAME)));
        assertThat(FolderState.of(restored).entries().values()).allMatch(entry -> entry.startsWith("folder")
                ? entry.contains("mode=rwx------") : entry.contains("mode=rw-------"));
        try (Workspace workspace = Workspace.open(restored, false, Clock.systemUTC(), KeyDerivationTuning.minimum())) {
            assertThat(workspace.rollbackFindings()).isEmpty();
            assertThat(workspace.verify(Progress.NONE).ok()).isTrue();
            try (Session lee = workspace.accounts().login("dr.lee", TestClinic.LEE_PASSWORD.toCharArray())) {
                assertThat(workspace.records().showRecord(lee, record).toString()).contains("Asthma");
                assertThat(workspace.records().readAttachment(lee, record, 1, 0)).hasSize(150_000);
            }
        }
    }

    @Test
    void aBackupTakenWhileAnotherConnectionWritesIsConsistent() throws Exception {
        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger written = new AtomicInteger();
        AtomicReference<Throwable> failed = new AtomicReference<>();
        Thread writer = new Thread(() -> {
            // Another workspace on the folder: its own connections, as another process would have.
            try (Workspace other = Workspace.open(data, false, Clock.systemUTC(), KeyDerivationTuning.minimum());
                 Session lee = other.accounts().login("dr.lee", TestClinic.LEE_PASSWORD.toCharArray())) {
                while (!stop.get() || written.get() < 3) {
                    other.records().addRecord(lee, clinic.mrn, new RecordInput("Review " + written.get(), null,
                            "Seen again", List.of()));
                    written.incrementAndGet();
                }
            } catch (Throwable e) {
                failed.set(e);
            }
        });
        writer.start();
        List<Path> files = new ArrayList<>();
        try {
            while (written.get() < 2) {
                Thread.onSpinWait();
            }
            for (int i = 0; i < 3; i++) {
                Path file = temp.resolve("during-" + i + ".clbackup");
                backUp(file);
                files.add(file);
            }
        } finally {
            stop.set(true);
            writer.join();
        }
        assertThat(failed.get()).isNull();
        for (int i = 0; i < files.size(); i++) {
            BackupService.Restored done = restore(files.get(i), temp.resolve("restored-" + i));
            assertThat(done.report().ok()).as(done.report().problems().toString()).isTrue();
        }
    }

    @Test
    void aFolderThatIsNotEmptyIsRefusedAndLeftAsItWas() throws Exception {
        Path file = temp.resolve("hillside.clbackup");
        backUp(file);
        Path occupied = Files.createDirectories(temp.resolve("occupied"));
        Files.writeString(occupied.resolve("notes.txt"), "mine");
        FolderState before = FolderState.of(occupied);

        assertThatThrownBy(() -> restore(file, occupied)).isInstanceOf(RefusedException.class)
                .hasMessageContaining("not empty");
        assertThatThrownBy(() -> restore(file, data)).isInstanceOf(RefusedException.class);
        assertThatThrownBy(() -> restore(file, occupied.resolve("notes.txt"))).isInstanceOf(RefusedException.class)
                .hasMessageContaining("not a folder");
        assertThat(FolderState.of(occupied)).isEqualTo(before);
    }

    @Test
    void everyChangedHeaderByteASampleOfContentBytesCutsAndAppendedBytesAreRefusedLeavingTheFolderAsItWas()
            throws Exception {
        Path file = temp.resolve("hillside.clbackup");
        backUp(file);
        byte[] bytes = Files.readAllBytes(file);
        int headerEnd = headerLength(bytes);
        Path empty = Files.createDirectories(temp.resolve("empty"));
        FolderState before = FolderState.of(empty);
        Path missing = temp.resolve("missing");

        for (int at = 0; at < headerEnd; at++) {
            byte[] changed = bytes.clone();
            changed[at] ^= 0x01;
            assertRefused(changed, empty, before, "header byte " + at);
        }
        int content = bytes.length - headerEnd;
        for (int sample = 0; sample < 12; sample++) {
            int at = headerEnd + (int) ((long) content * sample / 12) + sample;
            byte[] changed = bytes.clone();
            changed[at] ^= (byte) 0x80;
            assertRefused(changed, sample % 2 == 0 ? empty : missing, before, "content byte " + at);
        }
        assertRefused(bytes.clone(), empty, before, null);
        Files.delete(temp.resolve("tampered.clbackup"));
        int[] cuts = {0, 10, headerEnd - 1, headerEnd, headerEnd + 100, headerEnd + 65_552, bytes.length - 17,
            bytes.length - 1};
        for (int cut : cuts) {
            assertRefused(java.util.Arrays.copyOf(bytes, cut), missing, before, "cut at " + cut);
        }
        for (int extra : new int[] {1, 16, 100}) {
            assertRefused(java.util.Arrays.copyOf(bytes, bytes.length + extra), empty, before, extra + " bytes added");
        }
        assertThat(FolderState.of(empty)).isEqualTo(before);
        assertThat(missing).doesNotExist();
    }

    /** Restores {@code bytes}; refused (as damaged, or as its keys not opening) with the folder unchanged, or with {@code what} null restored. */
    private void assertRefused(byte[] bytes, Path target, FolderState before, String what) throws Exception {
        Path tampered = Files.write(temp.resolve("tampered.clbackup"), bytes);
        if (what == null) {
            // The unchanged bytes restore: the refusals above are about the changes.
            BackupService.Restored done = restore(tampered, temp.resolve("control"));
            assertThat(done.report().ok()).isTrue();
            return;
        }
        assertThatThrownBy(() -> restore(tampered, target)).as(what)
                .isInstanceOfAny(InvalidInputException.class, LoginFailedException.class);
        if (Files.exists(target)) {
            assertThat(FolderState.of(target)).as(what).isEqualTo(before);
        }
        assertThat(Files.exists(temp.resolve("missing"), LinkOption.NOFOLLOW_LINKS)).as(what).isFalse();
    }

    /** Where the sealed content starts: the first line, the length, the header, its digest. */
    private static int headerLength(byte[] bytes) {
        int line = BackupFile.FORMAT.length() + 1;
        int length = ((bytes[line] & 0xff) << 24) | ((bytes[line + 1] & 0xff) << 16) | ((bytes[line + 2] & 0xff) << 8)
                | (bytes[line + 3] & 0xff);
        return line + 4 + length + 32;
    }

    @Test
    void onlyAnAdministratorBacksUpAndOnlyAnAdministratorsPasswordRestores() throws Exception {
        try (Session desk = clinic.login("desk", TestClinic.DESK_PASSWORD)) {
            assertThatThrownBy(() -> clinic.workspace.backups().backUp(desk, temp.resolve("x.clbackup"), false,
                    Progress.NONE)).isInstanceOf(RefusedException.class).hasMessageContaining("Only an administrator");
        }
        assertThat(temp.resolve("x.clbackup")).doesNotExist();
        Path file = temp.resolve("hillside.clbackup");
        backUp(file);
        assertThatThrownBy(() -> backUp(file)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("already exists");
        assertThatThrownBy(() -> backUp(data.resolve("inside.clbackup"))).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("outside the data folder");
        Path target = temp.resolve("restored");

        assertThatThrownBy(() -> BackupService.restore(file, target, "dr.lee", TestClinic.LEE_PASSWORD.toCharArray(),
                Progress.NONE)).isInstanceOf(LoginFailedException.class).hasMessageContaining("opens for admin");
        assertThatThrownBy(() -> BackupService.restore(file, target, "admin", "not the password".toCharArray(),
                Progress.NONE)).isInstanceOf(LoginFailedException.class);
        assertThat(target).doesNotExist();
        assertThatThrownBy(() -> restore(temp.resolve("scan.pdf"), target)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("not a ClinicLedger backup");
        assertThatThrownBy(() -> restore(temp.resolve("nothing.clbackup"), target))
                .isInstanceOf(InvalidInputException.class);
        assertThat(target).doesNotExist();
    }

    @Test
    void anOlderBackupRestoredOnAMachineThatSawNewerHeadsIsARollbackUntilAccepted() throws Exception {
        Path file = temp.resolve("monday.clbackup");
        backUp(file);
        try (Session lee = clinic.lee()) {
            clinic.workspace.records().addRecord(lee, clinic.mrn, new RecordInput("Follow-up", null, "", List.of()));
        }
        clinic.workspace.close();

        Path restored = temp.resolve("restored");
        restore(file, restored);
        List<VerificationProblem> findings;
        try (Workspace workspace = Workspace.open(restored, false, Clock.systemUTC(), KeyDerivationTuning.minimum())) {
            findings = workspace.rollbackFindings();
            assertThat(findings).extracting(VerificationProblem::code).containsOnly(ProblemCode.ROLLED_BACK);
            assertThat(findings).extracting(VerificationProblem::chain)
                    .contains("patient/" + clinic.mrn.digits(), "doctor/dr.lee");
            try (Session admin = workspace.accounts().login("admin", TestClinic.ADMIN_PASSWORD.toCharArray())) {
                assertThat(workspace.acceptRollback(admin, "Restored Monday's backup").accepted()).hasSize(findings.size());
            }
        }
        try (Workspace workspace = Workspace.open(restored, false, Clock.systemUTC(), KeyDerivationTuning.minimum())) {
            assertThat(workspace.rollbackFindings()).isEmpty();
            VerificationReport report = workspace.verify(Progress.NONE).with(workspace.compareWithMemoryOnly());
            assertThat(report.ok()).isTrue();
        }
    }

    @Test
    void theReminderIsDueAfterSevenDays() throws Exception {
        backUp(temp.resolve("hillside.clbackup"));
        Instant made = clinic.workspace.backups().lastBackup().orElseThrow();
        clinic.workspace.close();
        Clock later = Clock.fixed(made.plus(Duration.ofDays(7)).plusSeconds(1), ZoneOffset.UTC);
        Clock sooner = Clock.fixed(made.plus(Duration.ofDays(6)), ZoneOffset.UTC);
        try (Workspace workspace = Workspace.open(data, false, sooner, KeyDerivationTuning.minimum())) {
            assertThat(workspace.backups().reminderDue()).isFalse();
        }
        try (Workspace workspace = Workspace.open(data, false, later, KeyDerivationTuning.minimum())) {
            assertThat(workspace.backups().reminderDue()).isTrue();
        }
    }
}
