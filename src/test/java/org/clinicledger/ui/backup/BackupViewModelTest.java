package org.clinicledger.ui.backup;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;

import org.clinicledger.clinic.Session;
import org.clinicledger.testing.TestClinic;
import org.clinicledger.ui.common.BackgroundTasks;
import org.clinicledger.ui.common.RecordingDialogService;
import org.clinicledger.ui.common.ViewTestSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** File ▸ Back up… and the reminder without a window: the sentence, a cancelled choice, a refusal, a written file. */
class BackupViewModelTest {

    @TempDir
    Path temp;

    private TestClinic clinic;
    private Session admin;
    private final RecordingDialogService dialogs = new RecordingDialogService();
    private final ViewTestSupport.ScriptedFiles files = new ViewTestSupport.ScriptedFiles();

    @BeforeEach
    void clinic() {
        clinic = new TestClinic(temp.resolve("clinic"));
        admin = clinic.login("admin", TestClinic.ADMIN_PASSWORD);
    }

    @AfterEach
    void close() {
        admin.close();
        clinic.workspace.close();
    }

    private BackupViewModel model(Session session, Clock clock) {
        return new BackupViewModel(clinic.workspace.backups(), session, BackgroundTasks.direct(dialogs), () -> files,
                clock);
    }

    @Test
    void theReminderSaysNeverOrHowManyDaysAgo() {
        Instant now = Instant.parse("2026-11-27T12:00:00Z");
        assertThat(BackupViewModel.reminderText(Optional.empty(), now)).contains("not been backed up");
        assertThat(BackupViewModel.reminderText(Optional.of(now.minus(Duration.ofDays(9))), now))
                .contains("9 days ago");
    }

    @Test
    void aCancelledChoiceWritesNothingAndAWrittenBackupClearsTheReminder() throws Exception {
        BackupViewModel model = model(admin, Clock.systemUTC());
        model.refreshReminder();
        assertThat(model.reminderShownProperty().get()).isTrue();

        model.backUp();
        assertThat(dialogs.shown).isEmpty();
        try (var listed = Files.list(temp)) {
            assertThat(listed.filter(path -> !path.endsWith("clinic"))).isEmpty();
        }

        Path file = temp.resolve("clinic.clbackup");
        files.toSave.add(file);
        model.backUp();
        assertThat(file).exists();
        assertThat(dialogs.shown).singleElement().asString().contains("backed up to " + file);
        assertThat(model.reminderShownProperty().get()).isFalse();
        assertThat(model.reminderProperty().get()).isEmpty();

        BackupViewModel weekLater = model(admin, Clock.fixed(Instant.now().plus(Duration.ofDays(8)), ZoneOffset.UTC));
        weekLater.refreshReminder();
        assertThat(weekLater.reminderShownProperty().get()).isTrue();
        assertThat(weekLater.reminderProperty().get()).contains("8 days ago");
    }

    @Test
    void someoneWhoIsNotAnAdministratorIsToldPlainly() {
        try (Session desk = clinic.login("desk", TestClinic.DESK_PASSWORD)) {
            files.toSave.add(temp.resolve("desk.clbackup"));
            model(desk, Clock.systemUTC()).backUp();
        }
        assertThat(dialogs.shown).singleElement().asString().contains("Only an administrator");
        assertThat(temp.resolve("desk.clbackup")).doesNotExist();
    }
}
