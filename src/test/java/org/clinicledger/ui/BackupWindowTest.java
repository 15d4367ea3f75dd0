package org.clinicledger.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;

import org.clinicledger.clinic.BackupService;
import org.clinicledger.clinic.RollbackMemory;
import org.clinicledger.clinic.Session;
import org.clinicledger.clinic.Workspace;
import org.clinicledger.domain.AccountDetails;
import org.clinicledger.domain.ClinicFingerprint;
import org.clinicledger.domain.Role;
import org.clinicledger.ui.common.ViewTestSupport;
import org.junit.jupiter.api.Test;

/**
 * The administrator's backup story in the window: a clinic never backed up here shows the reminder
 * under the menu; File ▸ Back up… writes the file chosen, says where and how large, and the
 * reminder goes; a backup older than a week brings it back, and "Back up now" does it again. A
 * receptionist sees neither the menu item nor the reminder.
 */
class BackupWindowTest extends WindowFixture {

    private static final String DESK_PASSWORD = "reception password";

    private final ViewTestSupport.ScriptedFiles files = new ViewTestSupport.ScriptedFiles();

    private ClinicFingerprint clinicWithAReceptionist(Path data) {
        try (Workspace workspace = setUpClinic(data, "Hillside Clinic");
             Session admin = login(workspace, ADMIN, ADMIN_PASSWORD)) {
            workspace.accounts().addAccount(admin, Role.RECEPTIONIST, "desk", DESK_PASSWORD.toCharArray(),
                    AccountDetails.NONE);
            return workspace.clinic().fingerprint().orElseThrow();
        }
    }

    private String dialogMessage() throws Exception {
        waitUntil(() -> lookup("#dialogMessage").tryQuery().isPresent());
        String message = lookup("#dialogMessage").queryAs(Label.class).getText();
        clickOn("OK");
        waitUntil(() -> lookup("#dialogMessage").tryQuery().isEmpty());
        return message;
    }

    @Test
    void anAdministratorIsRemindedAndBacksUpFromTheFileMenu() throws Exception {
        Path data = temp.resolve("clinic");
        clinicWithAReceptionist(data);
        launch(data);
        ((ClinicLedgerApp) application).window().useFilePicker(files);

        signIn("desk", DESK_PASSWORD);
        clickOn("#fileMenu");
        waitUntil(() -> showing("#signOutMenuItem"));
        assertThat(showing("#backupMenuItem")).isFalse();
        assertThat(showing("#backupReminder")).isFalse();
        type(KeyCode.ESCAPE);
        clickOn("#signOutButton");

        signIn(ADMIN, ADMIN_PASSWORD);
        waitUntil(() -> showing("#backupReminder"));
        assertThat(text("#backupReminderText")).contains("has not been backed up on this computer yet");
        Path file = temp.resolve("hillside.clbackup");
        files.toSave.add(file);
        clickOn("#fileMenu").clickOn("#backupMenuItem");

        String message = dialogMessage();
        assertThat(message).contains("backed up to " + file).contains("encrypted files");
        assertThat(BackupService.describe(file).administrators()).containsExactly(ADMIN);
        waitUntil(() -> !showing("#backupReminder"));
    }

    @Test
    void aBackupOlderThanAWeekBringsTheReminderBackAndBackUpNowClearsIt() throws Exception {
        Path data = temp.resolve("clinic");
        ClinicFingerprint clinic = clinicWithAReceptionist(data);
        Instant eightDaysAgo = Instant.now().minus(Duration.ofDays(8));
        Path record = RollbackMemory.resolveStateFolder().resolve("backups").resolve(clinic.value() + ".json");
        Files.createDirectories(record.getParent());
        Files.writeString(record, "{\"format\":\"clinicledger/last-backup/v1\",\"clinic\":\"" + clinic.value()
                + "\",\"made\":\"" + eightDaysAgo + "\"}", StandardCharsets.UTF_8);
        launch(data);
        ((ClinicLedgerApp) application).window().useFilePicker(files);

        signIn(ADMIN, ADMIN_PASSWORD);
        waitUntil(() -> showing("#backupReminder"));
        assertThat(text("#backupReminderText")).contains("was made 8 days ago");
        Path file = temp.resolve("weekly.clbackup");
        files.toSave.add(file);
        clickOn("#backupNowButton");

        assertThat(dialogMessage()).contains("backed up to " + file);
        waitUntil(() -> !showing("#backupReminder"));
        try (Workspace workspace = Workspace.inspect(data)) {
            assertThat(workspace.backups().lastBackup().orElseThrow()).isAfter(eightDaysAgo.plus(Duration.ofDays(7)));
            assertThat(workspace.backups().reminderDue()).isFalse();
        }
    }
}
